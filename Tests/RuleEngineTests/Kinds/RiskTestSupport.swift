import Testing
@testable import RuleEngine

/// Small in-memory services for the risk kinds' tests: a plan (YAML), its rosters (CSV), one
/// rule, and the rule's results.
enum RiskFixture {
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

    /// Loads a plan and its CSV rosters from memory.
    static func data(plan: String, contributors: String, assignments: String = assignmentsHeader,
                     more: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> ServiceData {
        var files = ["contributors.csv": contributors, "assignments.csv": assignments]
        for (k, v) in more { files[k] = v }
        do {
            return try PlanLoader.load(planBytes: Array(plan.utf8), planFile: "plan.yaml") { path in
                (path, files[path].map { Array($0.utf8) })
            }
        } catch {
            Issue.record("the fixture does not load: \(error)", sourceLocation: sourceLocation)
            throw error
        }
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
