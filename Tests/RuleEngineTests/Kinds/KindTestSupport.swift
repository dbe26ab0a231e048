import Testing
@testable import RuleEngine

/// Builds plans, rosters and rules from inline text for the tests of the principle kinds.
enum KindTest {
    /// A plan header (Europe/Paris, no public holidays) around `body` (units, fallback…), with
    /// the given roster files listed.
    static func plan(_ body: String, start: String = "2026-03-02", end: String = "2026-03-03",
                     kind: String = "fire_rescue", rosters: [String]) -> String {
        """
        id: test-plan
        name: Test plan
        kind: \(kind)
        effective_from: 2026-01-01
        period: {start: \(start), end: \(end)}
        time_zone: Europe/Paris
        public_holidays: none
        rosters: [\(rosters.joined(separator: ", "))]
        \(body)
        """
    }

    /// Loads a plan and its in-memory roster files.
    static func data(plan: String, files: [String: String],
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> ServiceData {
        do {
            return try PlanLoader.load(planBytes: Array(plan.utf8), planFile: "plan.yaml") { path in
                (path, files[path].map { Array($0.utf8) })
            }
        } catch {
            Issue.record("the test data does not load:\n\(error.diagnostics.map(\.description).joined(separator: "\n"))",
                         sourceLocation: sourceLocation)
            throw error
        }
    }

    /// A rule file holding one rule of the given kind whose other keys are `body` (YAML lines
    /// at the rule's indentation).
    static func ruleFile(kind: String, _ body: String, params: String? = nil) -> String {
        var lines = ["rules:", "  - id: T-1", "    principle: continuity", "    severity: error",
                     "    title: test", "    kind: \(kind)"]
        if let params { lines.append("    params: \(params)") }
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            lines.append("    " + line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func rule(kind: String, _ body: String, params: String? = nil,
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> Rule {
        let text = ruleFile(kind: kind, body, params: params)
        do {
            let set = try RuleLoader.load(sources: [("rules.yaml", Array(text.utf8))])
            return try #require(set.rules.first, sourceLocation: sourceLocation)
        } catch {
            Issue.record("the rule does not load:\n\(error.diagnostics.map(\.description).joined(separator: "\n"))",
                         sourceLocation: sourceLocation)
            throw error
        }
    }

    /// The errors of loading the rule, rendered `file:line:column: error: message`.
    static func loadErrors(kind: String, _ body: String, params: String? = nil) -> [String] {
        let text = ruleFile(kind: kind, body, params: params)
        do {
            _ = try RuleLoader.load(sources: [("rules.yaml", Array(text.utf8))])
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    /// Every result of the rule on the data (passes included), with the rule's parameter
    /// defaults overridden by `params`.
    static func results(kind: String, _ body: String, ruleParams: String? = nil, plan: String,
                        files: [String: String], params: [String: Value] = [:],
                        sourceLocation: SourceLocation = #_sourceLocation) throws -> [RuleResult] {
        let rule = try rule(kind: kind, body, params: ruleParams, sourceLocation: sourceLocation)
        let data = try data(plan: plan, files: files, sourceLocation: sourceLocation)
        var values = Dictionary(uniqueKeysWithValues: rule.params.map { ($0.name, $0.defaultValue) })
        for (k, v) in params { values[k] = v }
        let context = EvaluationContext(data: data, asOf: data.plan.period.start, params: values)
        return rule.check.evaluate(context)
    }

    /// The standard contributors file: ids with their units (`|`-separated) and any extra
    /// columns given as `header` and per-row values.
    static func contributors(_ rows: [(id: String, units: String)], role: String = "spv") -> String {
        (["id,role,units"] + rows.map { "\($0.id),\(role),\($0.units)" }).joined(separator: "\n") + "\n"
    }

    /// An assignments file from rows `id,contributor,unit,position,start,end,kind`.
    static func assignments(_ rows: [String], header: String = "id,contributor,unit,position,start,end,kind") -> String {
        ([header] + rows).joined(separator: "\n") + "\n"
    }
}

extension Array where Element == RuleResult {
    var failures: [RuleResult] { filter { $0.outcome == .fail } }
    var undecided: [RuleResult] { filter { $0.outcome == .indeterminate } }
    var passes: [RuleResult] { filter { $0.outcome == .pass } }
    var messages: [String] { filter { $0.outcome != .pass }.map(\.message) }
}
