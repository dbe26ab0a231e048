import Testing
@testable import RuleEngine

/// The engine's splitting of a period where a rule's version changes.
@Suite struct VersionPartsTests {
    static let rules = """
        rules:
          - id: r-1
            principle: continuity
            severity: error
            title: t
            params: {max_hours: {default: 1, max: 1, basis: "b", nature: legal_ceiling}}
            kind: assert
            for_each: assignments
            assert: (assignment.end - assignment.start) <= duration(string(params.max_hours) + 'h')
            message: "{{assignment.id}} over {{params.max_hours}} h"
            versions:
              - {id: old, until: 2026-03-03, severity: warning, params: {max_hours: {default: 2, max: 2, basis: "b0", nature: legal_ceiling}}}
              - {id: new, from: 2026-03-04}
        """

    static func report(asOf: String? = nil) throws -> (Report, ServiceData) {
        let set = try RuleLoader.load(sources: [("rules.yaml", Array(rules.utf8))])
        let plan = KindTest.plan("units: [{id: u1, kind: station}]", start: "2026-03-02", end: "2026-03-06",
                                 rosters: ["contributors.csv", "assignments.csv"])
        let data = try KindTest.data(plan: plan, files: [
            "contributors.csv": KindTest.contributors([("c1", "u1")]),
            "assignments.csv": KindTest.assignments([
                "a1,c1,u1,,2026-03-03T08:00,2026-03-03T09:30,garde",
                "a2,c1,u1,,2026-03-04T08:00,2026-03-04T09:30,garde",
                "a3,c1,u1,,2026-03-05T08:00,2026-03-05T10:30,garde",
            ]),
        ])
        let context = EvaluationContext(data: data, asOf: asOf.flatMap(CivilDate.init(iso:)) ?? data.plan.period.start)
        return (Engine.run(set.rules, on: context, keepResults: true, splitVersions: asOf == nil), data)
    }

    @Test func eachPartIsJudgedByItsVersionWithItsOwnRecordsAndTheRuleIsListedOnce() throws {
        let (report, _) = try Self.report()
        // a1 (1.5 h) is judged by 'old' (2 h: pass); a2 and a3 by 'new' (1 h: fail).
        #expect(report.findings.map(\.message) == ["a2 over 1 h", "a3 over 1 h"])
        #expect(report.findings.map(\.version) == ["new", "new"])
        #expect(report.findings.map(\.severity) == [.error, .error])
        #expect(report.evaluated == ["r-1"])
        #expect(report.outcomes[.pass] == 1)
        #expect(report.results.map(\.rule) == [0, 0, 0])
        #expect(Set(report.findings.map(\.fingerprint)).count == 2)
        let json = JSONReporter.render(report, run: RunInfo(plan: "p", asOf: CivilDate(iso: "2026-03-02")!, packs: [], lang: nil))
        #expect(json.contains("\"version\": \"new\""))
    }

    @Test func asOfJudgesTheWholePeriodByTheVersionInForceThatDay() throws {
        let (before, _) = try Self.report(asOf: "2026-03-02")
        #expect(before.findings.map(\.message) == ["a3 over 2 h"])
        #expect(before.findings.map(\.version) == ["old"])
        #expect(before.findings.map(\.severity) == [.warning])
        let (after, _) = try Self.report(asOf: "2026-03-04")
        #expect(after.findings.map(\.message) == ["a1 over 1 h", "a2 over 1 h", "a3 over 1 h"])
    }
}
