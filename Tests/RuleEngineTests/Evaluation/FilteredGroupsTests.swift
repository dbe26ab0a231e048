import Testing
@testable import RuleEngine

/// Assignments grouped by contributor under a `where:`, shared by the rules of a run whose
/// filter decides the same (`DerivedTables.filteredGroups`): each rule gives the results it
/// gives alone, whichever groups first.
@Suite struct FilteredGroupsTests {
    /// Undecided for an assignment with no position.
    static let guardWhere = "assignment.kind in ['garde', 'astreinte'] && assignment.position != 'stagiaire'"

    static let rules = """
        rules:
          - id: V-1
            principle: risk-coverage
            severity: error
            title: fit on guard
            kind: validity
            document: medical
            where: "\(guardWhere)"
          - id: V-2
            principle: risk-coverage
            severity: error
            title: insured on guard
            kind: validity
            document: insurance
            where: "\(guardWhere)"
          - id: V-3
            principle: risk-coverage
            severity: error
            title: fit for the kinds
            params:
              kinds: {default: [garde], description: the kinds counted}
            kind: validity
            document: medical
            where: assignment.kind in params.kinds
          - id: A-1
            principle: risk-coverage
            severity: error
            title: age on guard
            kind: age
            where: "\(guardWhere)"
            bands:
              - {min: 16, max: 60}

        """

    static func data() throws -> ServiceData {
        try KindTest.data(plan: KindTest.plan(), contributors: """
            id,role,birth_date,medical_fit,medical_valid_from,medical_valid_until,insurance_policy,insurance_valid_from,insurance_valid_until
            c1,spv,1990-01-01,true,2025-01-01,2026-03-25,P1,2025-01-01,2027-01-01
            c2,spv,1966-03-30,true,2025-01-01,2027-01-01,,,
            c3,spv,2000-01-01,true,2025-01-01,2027-01-01,P3,2025-01-01,2026-03-24
            c4,spv,1995-01-01,,,,P4,2025-01-01,2027-01-01
            """, assignments: """
            id,contributor,unit,position,start,end,kind
            a1,c1,u1,equipier,2026-03-24T08:00,2026-03-24T12:00,garde
            a2,c1,u1,equipier,2026-03-26T08:00,2026-03-26T12:00,astreinte
            a3,c1,u1,equipier,2026-03-27T08:00,2026-03-27T12:00,formation
            b1,c2,u1,equipier,2026-03-30T08:00,2026-03-30T12:00,garde
            c1a,c3,u1,,2026-03-25T08:00,2026-03-25T12:00,astreinte
            c2a,c3,u1,equipier,2026-03-23T08:00,2026-03-23T12:00,astreinte
            d1,c4,u1,equipier,2026-03-24T08:00,2026-03-24T12:00,garde
            """)
    }

    static func ruleSet() throws -> [Rule] {
        try RuleLoader.load(sources: [("rules.yaml", Array(rules.utf8))]).rules
    }

    @Test func theFixtureHasFailuresAndAssignmentsTheFilterCannotDecide() throws {
        let data = try Self.data()
        let rules = try Self.ruleSet()
        #expect(rules.map(\.id) == ["V-1", "V-2", "V-3", "A-1"])
        let alone = rules.map { $0.check.evaluate(DerivedTablesTests.alone($0, data)) }
        // V-1: c1's fitness ends before a2, c4 has none; V-2: c2 has no insurance.
        #expect(alone[0].failures.map(\.subject) == ["contributor:c1", "contributor:c4"])
        #expect(alone[1].failures.map(\.subject) == ["contributor:c2"])
        // c3's c1a has no position: whether it counts is undecided (c2a is covered by both documents).
        #expect(alone[1].undecided.map(\.subject) == ["contributor:c3"])
        // V-3 counts garde alone: c1's astreinte after the 25th does not count.
        #expect(alone[2].failures.map(\.subject) == ["contributor:c4"])
        #expect(alone[3].failures.map(\.subject) == ["contributor:c2"])
    }

    @Test func sharedOrAloneInAnyOrderEachRuleGivesItsOwnResults() throws {
        let data = try Self.data()
        let rules = try Self.ruleSet()
        let alone = rules.map { $0.check.evaluate(DerivedTablesTests.alone($0, data)) }
        for order in [Array(rules.indices), Array(rules.indices.reversed()), [2, 3, 0, 1]] {
            let tables = DerivedTables()
            for i in order {
                var context = DerivedTablesTests.alone(rules[i], data)
                context.tables = tables
                #expect(rules[i].check.evaluate(context) == alone[i], "rule \(rules[i].id) in order \(order)")
            }
            // The three rules with the guard filter grouped once: asking again builds nothing.
            let validity = try #require(rules[0].check as? ValidityRule)
            let filter = try #require(validity.filter)
            let context = DerivedTablesTests.alone(rules[0], data)
            var activation = RuleExpressions.activation(validity.environment, context)
            let stored = tables.filteredGroups.groups(filter.meaningKey(params: context.params)) {
                Issue.record("grouped again in order \(order)")
                return ContributorAssignments(context, filter: filter, activation: &activation)
            }
            #expect(stored.counted.map(\.contributor) == [0, 1, 2, 3])
            #expect(stored.unsettled.keys.sorted() == [2])
        }
        let report = Engine.run(rules, on: EvaluationContext(data: data, asOf: data.plan.period.start), keepResults: true)
        #expect(report.findings == DerivedTablesTests.reference(rules, data).findings)
    }

    @Test func filtersWithOtherParameterValuesAreNotShared() throws {
        let data = try Self.data()
        let rules = try Self.ruleSet()
        let guardFilter = try #require((rules[0].check as? ValidityRule)?.filter)
        let kindsFilter = try #require((rules[2].check as? ValidityRule)?.filter)
        let context = DerivedTablesTests.alone(rules[2], data)
        var other = context
        other.params["kinds"] = .list([.string("garde"), .string("astreinte")])
        #expect(guardFilter.meaningKey(params: [:]) == (try #require((rules[1].check as? ValidityRule)?.filter)).meaningKey(params: [:]))
        #expect(kindsFilter.meaningKey(params: context.params) != kindsFilter.meaningKey(params: other.params))
    }
}
