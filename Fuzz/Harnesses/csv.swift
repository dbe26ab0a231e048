// libFuzzer harness: the CSV roster reader. The first input byte picks the roster kind (and
// whether the separator is detected or given); the rest is the CSV file, loaded through the
// plan loader with a fixed plan that names it. Any bytes must load or give located errors.
@testable import RuleEngine

private let kinds = ["contributors", "assignments", "qualifications", "attendance", "carpool_requests"]

private let plan = Array("""
    id: fuzz
    name: Fuzz plan
    kind: fire_rescue
    effective_from: 2026-01-01
    period: {start: 2026-03-02, end: 2026-03-09}
    time_zone: Europe/Paris
    units:
      - {id: cis-a, kind: station}
      - {id: line-l1, kind: line}
    rosters: [ROSTER]

    """.utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let selector = Int(data[0])
    let name = kinds[selector % kinds.count] + ".csv"
    let separator: Character? = switch (selector / kinds.count) % 3 { case 1: ","; case 2: ";"; default: nil }
    let csv = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let planBytes = Array(String(decoding: plan, as: UTF8.self).replacingOccurrences(of: "ROSTER", with: name).utf8)
    _ = try? PlanLoader.load(planBytes: planBytes, planFile: "plan.yaml", csvSeparator: separator) { path in
        (path, path == name ? csv : nil)
    }
    return 0
}
