import Foundation
import Testing
@testable import RuleEngine

/// A plan with one station and no roster, to which tests add keys and files.
let minimalPlan = """
id: t
name: Test service
kind: fire_rescue
effective_from: 2026-01-01
period: {start: 2026-03-02, end: 2026-03-09}
units:
  - {id: cis-a, kind: station}
  - {id: cis-bourgoin, kind: station}
"""

/// Loads in-memory files: `files["plan.yaml"]` is the plan, the others its rosters.
func loadFiles(_ files: [String: String], plan: String = "plan.yaml", separator: Character? = nil) throws -> ServiceData {
    let text = files[plan] ?? ""
    return try PlanLoader.load(planBytes: Array(text.utf8), planFile: plan, csvSeparator: separator) { path in
        (path, files[path].map { Array($0.utf8) })
    }
}

/// A plan naming `rosters` (kind inferred from the names) plus those roster files.
/// - Parameter extraColumns: the columns of its own the plan declares for a file.
func withRosters(_ rosters: [String: String], planExtra: String = "", extraColumns: [String: [String]] = [:]) -> [String: String] {
    var files = rosters
    let list = rosters.keys.sorted().map { name in
        extraColumns[name].map { "  - {path: \(name), extra_columns: [\($0.joined(separator: ", "))]}" } ?? "  - \(name)"
    }.joined(separator: "\n")
    files["plan.yaml"] = minimalPlan + "\n" + planExtra + (rosters.isEmpty ? "" : "\nrosters:\n" + list + "\n")
    return files
}

/// Every rendered diagnostic that loading throws; records an issue if it loads.
func loadErrors(_ files: [String: String], separator: Character? = nil,
                sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    do {
        _ = try loadFiles(files, separator: separator)
        Issue.record("expected errors, but it loaded", sourceLocation: sourceLocation)
        return []
    } catch {
        let d = error.diagnostics
        #expect(!d.isEmpty, "not a diagnostic: \(error)", sourceLocation: sourceLocation)
        return d.map(\.description)
    }
}

/// The repository root, from this file's path.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Local seconds of `2026-03-02T19:00`-style text, for readable expectations.
func local(_ text: String) -> Int64 {
    if case .success(.local(let l)) = DateTimeText.dateTime(text) { return l }
    return Int64.min
}

/// The instant of a local time in Paris.
func paris(_ text: String) -> Int64 {
    ZoneRules.paris.instant(local: local(text))
}
