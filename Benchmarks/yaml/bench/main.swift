// Times YAMLLoader.load(bytes:) over a file already in memory (best of N runs), as the bare
// libyaml loop in bare_libyaml.c times its event loop, and prints:
// bytes, wall seconds, nodes, max RSS in KiB, CPU seconds (process CPU time: less disturbed
// than wall time when other work shares the machine).
import Foundation
import RuleEngine

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: yaml-bench FILE [RUNS]\n".utf8))
    exit(2)
}
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: arguments[1])))
var best = Double.infinity
var bestCPU = Double.infinity

func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
var nodes = 0
var last: YAMLStream?
var limits = YAMLLoader.Limits()
limits.maxFileSize = Int.max
for run in 0..<runs {
    let clock = ContinuousClock()
    let cpuStart = cpuSeconds()
    var stream: YAMLStream?
    let elapsed = try clock.measure {
        stream = try YAMLLoader.load(bytes: bytes, file: arguments[1], limits: limits)
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    best = min(best, seconds)
    bestCPU = min(bestCPU, cpuSeconds() - cpuStart)
    if run == runs - 1 { last = stream }
    stream = nil
}
// YAML_BENCH_PROFILE=1 stops here, so that `perf record` on this program sees the loads alone
// (the count below copies every node, which would otherwise fill a third of the profile).
if ProcessInfo.processInfo.environment["YAML_BENCH_PROFILE"] == "1" {
    print(bytes.count, String(format: "%.6f", best), 0, 0, String(format: "%.6f", bestCPU))
    exit(0)
}
// Count nodes outside the timed part, so that the tree is known to be complete.
var work = last?.documents ?? []
while let node = work.popLast() {
    nodes += 1
    if let items = node.items { work.append(contentsOf: items) }
    if let pairs = node.pairs { for p in pairs { nodes += 1; work.append(p.value) } }
}
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
print(bytes.count, String(format: "%.6f", best), nodes, usage.ru_maxrss, String(format: "%.6f", bestCPU))
