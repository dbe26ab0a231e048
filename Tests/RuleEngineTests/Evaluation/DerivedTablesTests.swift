import Testing
@testable import RuleEngine

/// Tables shared by the rules of one run (`DerivedTables`): a run's report is the one its
/// rules give when each is evaluated alone and builds its own tables.
@Suite struct DerivedTablesTests {
    /// A filter that reads no parameter, errors on an engine that is not a number and lacks
    /// data when the engine is missing.
    static let sharedWhere = #"assignment.kind == "garde" && int(assignment.engine) >= 0"#

    static let rules = """
        rules:
          - id: C-1
            principle: continuity
            severity: error
            title: two on guard
            kind: coverage
            units: unit.kind == 'station'
            where: '\(sharedWhere)'
            min: 2
          - id: C-2
            principle: continuity
            severity: warning
            title: one on guard
            kind: coverage
            units: unit.kind == 'station'
            where: '\(sharedWhere)'
            min: 1
            message: "{{unit.id}}: {{present}} of {{required}} over {{span}}, free: {{candidates}}"
          - id: C-3
            principle: continuity
            severity: error
            title: two of the kind
            params:
              kind: {default: garde, description: the kind of assignment counted}
            kind: coverage
            units: unit.kind == 'station'
            where: assignment.kind == params.kind
            min: 2
          - id: C-4
            principle: continuity
            severity: error
            title: one of the kind
            params:
              kind: {default: astreinte, description: the kind of assignment counted}
            kind: coverage
            units: unit.kind == 'station'
            where: assignment.kind == params.kind
            min: 1
          - id: L-1
            principle: continuity
            severity: error
            title: hours
            kind: limit
            max_hours: 11
            window: 1d
          - id: L-2
            principle: continuity
            severity: error
            title: rest
            kind: limit
            min_rest_hours: 15
          - id: L-3
            principle: continuity
            severity: error
            title: guard hours
            kind: limit
            where: assignment.kind == 'garde'
            max_hours: 9
            window: 1d
          - id: V-1
            principle: risk-coverage
            severity: error
            title: insured
            kind: validity
            document: insurance

        """

    static func data() throws -> ServiceData {
        let plan = KindTest.plan("""
            units:
              - {id: u1, kind: station, opening_hours: "Mo-Fr 08:00-18:00"}
              - {id: u2, kind: station, opening_hours: "Mo-Fr 08:00-18:00"}
            """, start: "2026-03-02", end: "2026-03-04", rosters: ["contributors.csv", "assignments.csv"])
        return try KindTest.data(plan: plan, files: [
            "contributors.csv": """
                id,role,units,insurance_policy,insurance_valid_from,insurance_valid_until
                A,spv,u1,P-A,2025-01-01,2026-03-02
                B,spv,u1,P-B,2025-01-01,2027-01-01
                C,spv,u1,P-C,2025-01-01,2027-01-01
                D,spv,u1,,,
                E,spv,u2,P-E,2025-01-01,2027-01-01
                F,spv,u2,P-F,2025-01-01,2027-01-01
                G,spv,u1|u2,P-G,2025-01-01,2027-01-01

                """,
            "assignments.csv": KindTest.assignments([
                "a1,A,u1,chef,2026-03-02T08:00,2026-03-02T18:00,garde,1",
                "a2,B,u1,equipier,2026-03-02T08:00,2026-03-02T12:00,garde,2",
                "a3,C,u1,equipier,2026-03-02T12:00,2026-03-02T18:00,garde,x",
                "a4,D,u1,equipier,2026-03-03T08:00,2026-03-03T18:00,astreinte,1",
                "a5,A,u1,chef,2026-03-03T08:00,2026-03-03T20:00,garde,",
                "a6,B,u1,,2026-03-03T09:00,2026-03-03T11:00,garde,3",
                "a7,E,u2,,2026-03-02T08:00,2026-03-02T18:00,garde,1",
                "a8,F,u2,,2026-03-02T10:00,2026-03-02T14:00,astreinte,1",
                "a9,E,u2,,2026-03-03T08:00,2026-03-03T16:00,garde,1",
                "a10,G,u2,,2026-03-03T07:00,2026-03-03T09:00,astreinte,1",
            ], header: "id,contributor,unit,position,start,end,kind,engine"),
        ])
    }

    static func ruleSet() throws -> [Rule] {
        try RuleLoader.load(sources: [("rules.yaml", Array(rules.utf8))]).rules
    }

    /// The context a rule gets in a run (its parameter defaults), with no shared tables.
    static func alone(_ rule: Rule, _ data: ServiceData) -> EvaluationContext {
        EvaluationContext(data: data, asOf: data.plan.period.start,
                          params: Dictionary(uniqueKeysWithValues: rule.params.map { ($0.name, $0.defaultValue) }))
    }

    @Test func theFixtureExercisesWhatIsShared() throws {
        let data = try Self.data()
        let rules = try Self.ruleSet()
        #expect(rules.map(\.id) == ["C-1", "C-2", "C-3", "C-4", "L-1", "L-2", "L-3", "V-1"])
        func results(_ id: String) throws -> [RuleResult] {
            let rule = try #require(rules.first { $0.id == id })
            let context = Self.alone(rule, data)
            #expect(context.tables == nil)
            return rule.check.evaluate(context)
        }
        // Both rules with the shared filter report the assignment it cannot be evaluated on.
        for id in ["C-1", "C-2"] {
            let r = try results(id)
            #expect(r.failures.contains { $0.message.hasPrefix("'where' could not be evaluated on assignment a3:") }, "\(id)")
            #expect(r.undecided.count >= 1, "\(id): a5 has no engine")
            #expect(r.failures.contains { $0.fix?.hasPrefix("candidates not assigned") == true || $0.message.contains("free:") }, "\(id)")
        }
        // The filters with the same text but other parameters select other assignments.
        #expect(try results("C-3").messages != results("C-4").messages)
        #expect(try results("L-1").failures.map(\.subject) == ["contributor:A"])
        #expect(try !results("L-2").failures.isEmpty)
        // A limit with `where` counts only what it selects: D's 10 h of astreinte do not count.
        #expect(try results("L-3").failures.map(\.subject) == ["contributor:A", "contributor:E"])
        #expect(try results("V-1").failures.map(\.subject) == ["contributor:A", "contributor:D"])
    }

    /// The findings and results each rule gives alone, gathered as the engine gathers them.
    static func reference(_ rules: [Rule], _ data: ServiceData) -> (findings: [Finding], results: [ResultRecord]) {
        var report = Report()
        var records: [ResultRecord] = []
        for (i, rule) in rules.enumerated() {
            for result in rule.check.evaluate(alone(rule, data)) {
                records.append(ResultRecord(rule: Int32(i), outcome: result.outcome, subject: result.subject))
                if result.outcome != .pass { report.findings.append(Engine.finding(rule, result)) }
            }
        }
        report.sortFindings()
        return (report.findings, records)
    }

    @Test(arguments: [true, false])
    func aRunGivesTheResultsOfItsRulesEachEvaluatedAlone(_ parallel: Bool) throws {
        let data = try Self.data()
        let rules = try Self.ruleSet()
        let expected = Self.reference(rules, data)
        #expect(!expected.findings.isEmpty)
        let report = Engine.run(rules, on: EvaluationContext(data: data, asOf: data.plan.period.start), keepResults: true, parallel: parallel)
        #expect(report.findings == expected.findings)
        #expect(report.results == expected.results)
        let quiet = Engine.run(rules, on: EvaluationContext(data: data, asOf: data.plan.period.start), parallel: parallel)
        #expect(quiet.findings == expected.findings)
    }

    @Test func aRunGivesTheSameReportWhateverTheOrderOfItsRules() throws {
        let data = try Self.data()
        let rules = try Self.ruleSet()
        // C-2 before C-1 and C-4 before C-3: the other rule of each pair computes the verdicts.
        let reversed = Array(rules.reversed())
        let report = Engine.run(reversed, on: EvaluationContext(data: data, asOf: data.plan.period.start), keepResults: true, parallel: false)
        let expected = Self.reference(reversed, data)
        #expect(report.findings == expected.findings)
        #expect(report.results == expected.results)
    }

    @Test func rulesSharingTablesInEitherOrderGiveTheirOwnResults() throws {
        let data = try Self.data()
        let rules = try Self.ruleSet()
        let alone = rules.map { $0.check.evaluate(Self.alone($0, data)) }
        for order in [Array(rules.indices), Array(rules.indices.reversed()), [1, 3, 0, 2, 7, 6, 5, 4]] {
            let tables = DerivedTables()
            for i in order {
                var context = Self.alone(rules[i], data)
                context.tables = tables
                #expect(rules[i].check.evaluate(context) == alone[i], "rule \(rules[i].id) in order \(order)")
            }
            // The verdicts were stored for every unit under what each filter decides: C-1 and
            // C-2 share one key; C-3 and C-4 (one text, other parameter values) have two.
            let keys = try rules.prefix(4).map { rule in
                let coverage = try #require(rule.check as? CoverageRule)
                return try #require(AssignmentSelection.sharedKey(coverage.spec.filter?.expression, Self.alone(rule, data),
                                                                   engagements: coverage.spec.engagements))
            }
            #expect(keys[0] == keys[1] && keys[2] != keys[3] && keys[0] != keys[2])
            #expect(tables.unitVerdicts(keys[0], unit: 0)?.count == 6)
            #expect(tables.unitVerdicts(keys[0], unit: 1)?.count == 4)
            #expect(tables.unitVerdicts(keys[2], unit: 0) != nil && tables.unitVerdicts(keys[3], unit: 0) != nil)
            #expect(tables.unitVerdicts("duty,on_call " + Self.sharedWhere, unit: 0) == nil)
        }
    }

    @Test func sharedVerdictsStillGiveEachRuleItsOwnWhereErrors() throws {
        let data = try Self.data()
        let rules = try Self.ruleSet()
        let tables = DerivedTables()
        var errors: [String: [RuleResult]] = [:]
        for rule in rules.prefix(2) {
            var context = Self.alone(rule, data)
            context.tables = tables
            errors[rule.id] = rule.check.evaluate(context).filter { $0.key == "where" }
        }
        for id in ["C-1", "C-2"] {
            let r = try #require(errors[id]?.first, "\(id)")
            #expect(errors[id]?.count == 1)
            #expect(r.outcome == .fail)
            #expect(r.subject == "assignment:a3")
            #expect(r.message.hasPrefix("'where' could not be evaluated on assignment a3: "))
            #expect(r.path == "assignments[2]")
            #expect(r.location?.description == "assignments.csv:4:1")
        }
    }
}
