import Foundation
import Testing
@testable import RuleEngine

/// Plans, rule files and YAML rosters larger than the YAML size limit (64 MiB, docs/yaml.md)
/// are refused from their size, before they are read into memory.
@Suite struct FileSizeTests {
    /// A temporary file of `size` bytes: a YAML comment line repeated.
    private func bigFile(named name: String, size: Int) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spp-size-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        let line = Data(("#" + String(repeating: "x", count: 1022) + "\n").utf8)
        for _ in 0..<(size / 1024) { try handle.write(contentsOf: line) }
        try handle.close()
        return url
    }

    private let overLimit = YAMLLoader.Limits().maxFileSize + 1024

    @Test func aRuleFileOverTheLimitIsALocatedError() throws {
        let url = try bigFile(named: "rules.yaml", size: overLimit)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        do {
            _ = try RuleLoader.load(paths: [url.path])
            Issue.record("a rule file over the limit loaded")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "\(url.path):1:1: error: file is \(overLimit) bytes, larger than the limit of 67108864 bytes; split it into smaller files"])
        }
    }

    @Test func aPlanOverTheLimitIsALocatedError() throws {
        let url = try bigFile(named: "plan.yaml", size: overLimit)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        do {
            _ = try PlanLoader.load(planPath: url.path)
            Issue.record("a plan over the limit loaded")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "\(url.path):1:1: error: file is \(overLimit) bytes, larger than the limit of 67108864 bytes; split it into smaller files"])
        }
    }

    @Test func aMissingPlanIsALocatedError() throws {
        do {
            _ = try PlanLoader.load(planPath: "/nonexistent/plan.yaml")
            Issue.record("a missing plan loaded")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["/nonexistent/plan.yaml:1:1: error: no such file; check the path"])
        }
    }
}
