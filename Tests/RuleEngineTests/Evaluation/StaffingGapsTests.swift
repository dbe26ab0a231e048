import Testing
@testable import RuleEngine

/// Requirement gaps shared by the rules of a run that count staffing the same way
/// (`DerivedTables.staffingGaps`, keyed by `CoverageRun.gapsKey`): coverage and response_time
/// give the results they give alone, whichever rule works a unit out first.
@Suite struct StaffingGapsTests {
    /// Monday 2026-03-02 (Paris): `near` is staffed 00:00–19:00 but lacks its chef 10:30–12:00,
    /// `far` is staffed all day; c3 has no
    /// medical record, so a `where:` on fitness cannot decide her assignment.
    static let rules = """
        rules:
          - id: R-1
            principle: equality
            severity: error
            title: response
            kind: response_time
            units: unit.kind == 'station'
          - id: C-1
            principle: continuity
            severity: error
            title: staffing
            kind: coverage
          - id: R-2
            principle: equality
            severity: error
            title: response, fit crews
            kind: response_time
            where: contributor.medical.fit == true
          - id: C-2
            principle: continuity
            severity: error
            title: staffing, fit crews
            kind: coverage
            where: contributor.medical.fit == true
          - id: C-3
            principle: continuity
            severity: error
            title: staffing per hour
            kind: coverage
            granularity: 1h
          - id: C-4
            principle: continuity
            severity: error
            title: one present
            kind: coverage
            min: 1

        """

    static func data() throws -> ServiceData {
        let plan = ResponseTimeTests.plan(response: ResponseTimeTests.response, units: """
            units:
              - {id: near, kind: station, staffing: [{min: 1}, {min: 1, position: chef, hours: "Mo 08:00-12:00"}]}
              - {id: far, kind: station, staffing: [{min: 1}]}
            """)
        return try KindTest.data(plan: plan, files: [
            "contributors.csv": """
                id,role,units,medical_fit,medical_valid_from,medical_valid_until
                c1,spv,near,true,2025-01-01,2027-01-01
                c2,spv,far,true,2025-01-01,2027-01-01
                c3,spv,near,,,

                """,
            "assignments.csv": KindTest.assignments([
                "a1,c1,near,chef,2026-03-02T00:00,2026-03-02T10:30,garde",
                "a2,c3,near,equipier,2026-03-02T10:30,2026-03-02T19:00,garde",
                "a3,c2,far,,2026-03-02T00:00,2026-03-03T00:00,garde",
            ]),
        ])
    }

    static func ruleSet() throws -> [Rule] {
        try RuleLoader.load(sources: [("rules.yaml", Array(rules.utf8))]).rules
    }

    /// The key of the gaps a rule would share, nil when it shares none.
    static func key(_ rule: Rule, _ data: ServiceData) -> String? {
        let context = DerivedTablesTests.alone(rule, data)
        if let coverage = rule.check as? CoverageRule {
            var run = CoverageRun(coverage.spec, context)
            run.granularity = coverage.granularity
            return run.gapsKey
        }
        if let response = rule.check as? ResponseTimeRule { return CoverageRun(response.spec, context).gapsKey }
        return nil
    }

    @Test func rulesCountingTheSameWayShareOneKey() throws {
        let data = try Self.data()
        let rules = try Self.ruleSet()
        #expect(rules.map(\.id) == ["R-1", "C-1", "R-2", "C-2", "C-3", "C-4"])
        let keys = rules.map { Self.key($0, data) }
        #expect(keys[0] != nil && keys[0] == keys[1])
        #expect(keys[2] != nil && keys[2] == keys[3] && keys[2] != keys[0])
        // Slots of an hour count otherwise; a `min:` of the rule's own is not the plan's staffing.
        #expect(keys[4] != nil && keys[4] != keys[1])
        #expect(keys[5] == nil)
    }

    @Test func theFixtureHasGapsFailuresAndUndecidedSpans() throws {
        let data = try Self.data()
        let rules = try Self.ruleSet()
        let alone = rules.map { $0.check.evaluate(DerivedTablesTests.alone($0, data)) }
        // C-1: near's gaps (no chef 10:30–12:00, nobody 19:00–24:00); R-1: 38053 waits for
        // far (18 min) over both.
        #expect(alone[0].failures.map(\.subject) == ["commune:38053", "commune:38053"])
        #expect(alone[1].failures.count == 2)
        // With fitness required, c3's shift may or may not count: undecided, not failed.
        #expect(!alone[2].undecided.isEmpty && !alone[3].undecided.isEmpty)
    }

    @Test func sharedOrAloneInAnyOrderEachRuleGivesItsOwnResults() throws {
        let data = try Self.data()
        let rules = try Self.ruleSet()
        let alone = rules.map { $0.check.evaluate(DerivedTablesTests.alone($0, data)) }
        for order in [Array(rules.indices), Array(rules.indices.reversed()), [1, 0, 3, 2, 5, 4]] {
            let tables = DerivedTables()
            for i in order {
                var context = DerivedTablesTests.alone(rules[i], data)
                context.tables = tables
                #expect(rules[i].check.evaluate(context) == alone[i], "rule \(rules[i].id) in order \(order)")
            }
            // Whichever went first stored both units' gaps; near has two requirements.
            let key = try #require(Self.key(rules[0], data))
            #expect(tables.staffingGaps(key).gaps(of: 0)?.count == 2)
            #expect(tables.staffingGaps(key).gaps(of: 1)?.map(\.gaps) == [[]])
        }
        let report = Engine.run(rules, on: EvaluationContext(data: data, asOf: data.plan.period.start), keepResults: true)
        #expect(report.findings == DerivedTablesTests.reference(rules, data).findings)
    }

    @Test func theSecondRuleReadsTheStoredGaps() throws {
        let data = try Self.data()
        let rules = try Self.ruleSet()
        let tables = DerivedTables()
        let key = try #require(Self.key(rules[0], data))
        // Gaps stored by "another rule" saying near is always staffed: response_time believes them.
        tables.staffingGaps(key).store([RequirementGaps(gaps: [], undecided: [], missing: []),
                                        RequirementGaps(gaps: [], undecided: [], missing: [])], of: 0)
        var context = DerivedTablesTests.alone(rules[0], data)
        context.tables = tables
        #expect(rules[0].check.evaluate(context).failures.isEmpty)
        // A table filled for a unit with other requirements is not taken for this one.
        let other = DerivedTables()
        other.staffingGaps(key).store([RequirementGaps(gaps: [], undecided: [], missing: [])], of: 0)
        context.tables = other
        #expect(rules[0].check.evaluate(context).failures.map(\.subject) == ["commune:38053", "commune:38053"])
    }
}
