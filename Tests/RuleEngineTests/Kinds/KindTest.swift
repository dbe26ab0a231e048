import Testing
@testable import RuleEngine

/// Builds plans, rosters and rules from inline text for the tests of every kind: the one
/// fixture builder of `Tests/RuleEngineTests/Kinds/`.
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

/// The risk kinds' layout (limit, validity, age, disparity, uniform): one station `u1` in a
/// fortnight of March 2026, rosters `contributors.csv` and `assignments.csv`, and a rule `T-1`
/// whose body starts at line 7, column 5 (its `params:` after it), so that located errors keep
/// their lines whatever the parameters.
extension KindTest {
    /// A plan in Europe/Paris with one station and the rosters `contributors.csv` and
    /// `assignments.csv`; `extra` is appended at the top level (tariffs, territory, units…).
    static func plan(period: String = "{start: 2026-03-23, end: 2026-04-06}", units: String? = nil, extra: String = "",
                     rosters: [String] = ["contributors.csv", "assignments.csv"]) -> String {
        """
        id: test-service
        name: Test service
        kind: fire_rescue
        effective_from: 2026-01-01
        period: \(period)
        time_zone: Europe/Paris
        units:
        \(units ?? "  - {id: u1, kind: station}")
        rosters: [\(rosters.joined(separator: ", "))]
        \(extra)
        """
    }

    static let assignmentsHeader = "id,contributor,unit,start,end,kind"

    /// Loads a plan and its CSV rosters `contributors.csv` and `assignments.csv` (and `more`).
    static func data(plan: String, contributors: String, assignments: String = assignmentsHeader,
                     more: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> ServiceData {
        var files = ["contributors.csv": contributors, "assignments.csv": assignments]
        for (k, v) in more { files[k] = v }
        return try data(plan: plan, files: files, sourceLocation: sourceLocation)
    }

    /// A rule file holding one rule `T-1` of `kind` (line 6) whose kind keys are `body` (YAML
    /// lines, unindented). The body's first line is line 7 of the file, at column 5.
    static func ruleFile(_ kind: String, _ body: String, params: String? = nil) -> String {
        var lines = ["rules:", "  - id: T-1", "    principle: risk-coverage", "    severity: error", "    title: test", "    kind: \(kind)"]
        lines += body.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        if let params { lines.append("    params: \(params)") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func rule(_ kind: String, _ body: String, params: String? = nil) throws -> Rule {
        let set = try RuleLoader.load(sources: [(file: "rules.yaml", bytes: Array(ruleFile(kind, body, params: params).utf8))])
        return try #require(set.rules.first)
    }

    /// The errors loading the rule gives, rendered `file:line:column: error: message`.
    static func errors(_ kind: String, _ body: String, params: String? = nil) -> [String] {
        do {
            _ = try RuleLoader.load(sources: [(file: "rules.yaml", bytes: Array(ruleFile(kind, body, params: params).utf8))])
            return []
        } catch {
            return error.diagnostics.map(\.headline)
        }
    }

    /// Evaluates the rule on the data with its parameters (and `overrides`).
    static func results(_ kind: String, _ body: String, params: String? = nil, overrides: [String: Value] = [:], on data: ServiceData) throws -> [RuleResult] {
        let rule = try rule(kind, body, params: params)
        var context = EvaluationContext(data: data, asOf: data.plan.period.start)
        context.params = Dictionary(uniqueKeysWithValues: rule.params.map { ($0.name, $0.defaultValue) })
        for (k, v) in overrides { context.params[k] = v }
        return rule.check.evaluate(context)
    }

    /// The result about `subject`, required to be the only one.
    static func only(_ results: [RuleResult], _ subject: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> RuleResult {
        let matching = results.filter { $0.subject == subject }
        #expect(matching.count == 1, "results about \(subject): \(matching.count)", sourceLocation: sourceLocation)
        return try #require(matching.first, sourceLocation: sourceLocation)
    }
}

extension Array where Element == RuleResult {
    var failures: [RuleResult] { filter { $0.outcome == .fail } }
    var undecided: [RuleResult] { filter { $0.outcome == .indeterminate } }
    var passes: [RuleResult] { filter { $0.outcome == .pass } }
    var messages: [String] { filter { $0.outcome != .pass }.map(\.message) }
}
