import Testing
@testable import RuleEngine

/// `AssignmentSelection`, the one way kinds filter assignments: its verdicts are shared between
/// rules of any kind whose filters mean the same over the same engagements, and sharing never
/// changes a rule's results.
@Suite struct AssignmentSelectionTests {
    static let rules = """
        rules:
          - id: C-1
            principle: continuity
            severity: error
            title: two on guard
            kind: coverage
            where: '\(DerivedTablesTests.sharedWhere)'
            min: 2
          - id: K-1
            principle: continuity
            severity: warning
            title: load spread
            kind: concentration
            where: '\(DerivedTablesTests.sharedWhere)'
            max_share: 0.4
          - id: K-2
            principle: continuity
            severity: warning
            title: load spread, simple filter
            kind: concentration
            where: assignment.kind == 'garde'
            max_share: 0.4
        """

    @Test func coverageAndConcentrationShareTheVerdictsOfOneFilterAndKeepTheirResults() throws {
        let data = try DerivedTablesTests.data()
        let rules = try RuleLoader.load(sources: [("rules.yaml", Array(Self.rules.utf8))]).rules
        #expect(rules.map(\.id) == ["C-1", "K-1", "K-2"])
        let alone = rules.map { $0.check.evaluate(DerivedTablesTests.alone($0, data)) }
        #expect(alone.allSatisfy { !$0.isEmpty })
        let coverage = try #require(rules[0].check as? CoverageRule)
        let key = try #require(AssignmentSelection.sharedKey(coverage.spec.filter?.expression, DerivedTablesTests.alone(rules[0], data),
                                                             engagements: ConcentrationRule.served))
        // Coverage counts duty and on-call assignments, as concentration does: one key.
        #expect(coverage.spec.engagements == ConcentrationRule.served)
        for order in [[0, 1, 2], [1, 0, 2], [2, 1, 0]] {
            let tables = DerivedTables()
            for i in order {
                var context = DerivedTablesTests.alone(rules[i], data)
                context.tables = tables
                #expect(rules[i].check.evaluate(context) == alone[i], "rule \(rules[i].id) in order \(order)")
            }
            #expect(tables.unitVerdicts(key, unit: 0) != nil)
        }
    }

    /// A filter decided on the records (`RecordDecision`) gives each assignment the verdict of
    /// the evaluator: the selection with it and a selection made to evaluate every record agree.
    @Test func theDecisionOnRecordsGivesTheEvaluatorsVerdicts() throws {
        let data = try DerivedTablesTests.data()
        let environment = FieldPredicateTests.environment
        let context = EvaluationContext(data: data, asOf: data.plan.period.start, params: FieldPredicateTests.paramValues)
        for source in FieldPredicateTests.simple {
            let expression = try environment.compile(source, at: .start(of: "t"))
            var fast = AssignmentSelection(KindFilter(expression: expression, environment: environment), context)
            var binder = AssignmentBinder(environment, context)
            for unit in data.plan.units {
                binder.bind(unit: unit)
                let selected = fast.verdicts(of: unit, engagements: Set(Engagement.allCases))
                let verdicts = try #require(selected)
                for (k, i) in context.unitAssignments.byUnit[unit.index].enumerated() {
                    let a = data.assignments[i]
                    binder.bind(a, contributor: data.contributor(of: a))
                    #expect(verdicts[k] == Verdict(expression.evaluateSlowly(binder.activation)), "\(source) on \(a.id)")
                }
            }
        }
    }
}
