import Testing
@testable import RuleEngine

/// Builds service data from in-memory files.
func serviceData(plan: String, files: [String: String]) throws -> ServiceData {
    try PlanLoader.load(planBytes: Array(plan.utf8), planFile: "plan.yaml") { path in
        (path, files[path].map { Array($0.utf8) })
    }
}

@Suite struct EngineTests {
    static let plan = """
        id: p
        name: P
        kind: carpool_line
        effective_from: 2026-01-01
        period: {start: 2026-03-02, end: 2026-03-09}
        units: [{id: l1, kind: line}]
        rosters: [contributors.csv]
        """

    static func contributors(_ n: Int) -> String {
        "id,role,birth_date\n" + (0..<n).map { i in
            "c-\(i),\(i % 3 == 0 ? "driver" : "passenger"),\(i % 5 == 0 ? "" : "19\(50 + i % 50)-0\(1 + i % 9)-1\(i % 9)")"
        }.joined(separator: "\n") + "\n"
    }

    static func rules(_ n: Int) -> String {
        "rules:\n" + (0..<n).map { i in
            """
              - id: r-\(i)
                principle: \(["continuity", "equality", "risk-coverage"][i % 3])
                severity: \(["error", "warning", "info"][i % 3])
                title: t
                kind: assert
                for_each: contributors
                where: contributor.role == "\(i % 2 == 0 ? "driver" : "passenger")"
                assert: age_at(contributor.birth_date, as_of) >= \(30 + i)
                message: "{{contributor.id}} under \(30 + i)"
            """
        }.joined(separator: "\n") + "\n"
    }

    @Test func aParallelRunReportsExactlyWhatASingleThreadedRunDoes() throws {
        let data = try serviceData(plan: Self.plan, files: ["contributors.csv": Self.contributors(300)])
        let rules = try RuleLoader.load(sources: [(file: "rules.yaml", bytes: Array(Self.rules(24).utf8))]).rules
        let context = EvaluationContext(data: data, asOf: data.plan.period.start)
        let serial = Engine.run(rules, on: context, parallel: false)
        let parallel = Engine.run(rules, on: context, parallel: true)
        #expect(serial.findings.count > 100)
        #expect(parallel.findings == serial.findings)
        #expect(parallel.outcomes == serial.outcomes)
        #expect(parallel.outcomesByPrinciple == serial.outcomesByPrinciple)
        #expect(parallel.evaluated == serial.evaluated)
    }

    @Test func findingsComeByPrincipleThenSeverityThenPlace() throws {
        let data = try serviceData(plan: Self.plan, files: ["contributors.csv": Self.contributors(30)])
        let rules = try RuleLoader.load(sources: [(file: "rules.yaml", bytes: Array(Self.rules(6).utf8))]).rules
        let report = Engine.run(rules, on: EvaluationContext(data: data, asOf: data.plan.period.start))
        let keys = report.findings.map { (Principle.standard.firstIndex(of: $0.principle) ?? 9, -$0.severity.rankValue, $0.location?.line ?? 0) }
        #expect(keys.map { "\($0)" } == keys.sorted { $0 < $1 }.map { "\($0)" })
    }

    @Test func planOverridesReachTheRule() throws {
        let data = try serviceData(plan: Self.plan, files: ["contributors.csv": Self.contributors(30)])
        let rules = try RuleLoader.load(sources: [(file: "rules.yaml", bytes: Array("""
            rules:
              - {id: r, principle: equality, severity: error, title: t, params: {n: 1}, kind: assert, for_each: service, assert: params.n == 1, message: m}
            """.utf8))]).rules
        let context = EvaluationContext(data: data, asOf: data.plan.period.start)
        #expect(Engine.run(rules, on: context).findings.isEmpty)
        #expect(Engine.run(rules, on: context, overrides: ["r": ["n": .int(2)]]).findings.count == 1)
    }
}

extension Severity {
    var rankValue: Int { Severity.allCases.count - Severity.allCases.firstIndex(of: self)! }
}
