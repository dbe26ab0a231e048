import Testing
@testable import RuleEngine

@Suite struct ConcentrationTests {
    static let allDay = "units:\n  - {id: u1, kind: station}\n  - {id: u2, kind: station}"

    static func run(_ rule: String, assignments: [String], contributors: String = CoverageTests.fiveMembers,
                    start: String = "2026-03-02", end: String = "2026-03-03",
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> [RuleResult] {
        try KindTest.results(kind: "concentration", rule, plan: CoverageTests.plan(allDay, start: start, end: end),
                             files: ["contributors.csv": contributors, "assignments.csv": KindTest.assignments(assignments)],
                             sourceLocation: sourceLocation)
    }

    @Test func aContributorAboveTheShareIsNamedWithWhoCouldTakeHours() throws {
        // A 10 h, B 4 h, C 2 h: A carries 10 of 16 h.
        let results = try Self.run("max_share: 0.5", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
            "a2,B,u1,,2026-03-02T08:00,2026-03-02T12:00,garde",
            "a3,C,u1,,2026-03-02T12:00,2026-03-02T14:00,garde",
        ])
        #expect(results.messages == ["unit u1: A serves 62.5% of the hours (10 of 16 h), above 50%"])
        let finding = try #require(results.failures.first)
        #expect(finding.fix == "move some of A's hours to other members of unit u1: D (0 h), C (2 h), B (4 h)")
        #expect(finding.measured == "62.5%")
        #expect(finding.key == "A")
        // u2 served nothing: it passes.
        #expect(results.passes.map(\.subject) == ["unit:u2"])
    }

    @Test func overlappingAssignmentsOfOnePersonCountOnce() throws {
        // A: 08–14 and 12–18 = 10 h merged (not 12); B 10 h: 50% each, not above.
        let results = try Self.run("max_share: 0.5", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T14:00,garde",
            "a2,A,u1,,2026-03-02T12:00,2026-03-02T18:00,garde",
            "a3,B,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
        ])
        #expect(results.failures.isEmpty)
        #expect(results.passes.count == 2)
    }

    @Test func onlyHoursInsideThePeriodCount() throws {
        // A Mon 12:00 → Tue 12:00: 12 h inside Monday; B 6 h: A carries 12 of 18.
        let results = try Self.run("max_share: 0.6", assignments: [
            "a1,A,u1,,2026-03-02T12:00,2026-03-03T12:00,garde",
            "a2,B,u1,,2026-03-02T06:00,2026-03-02T12:00,garde",
        ])
        #expect(results.messages == ["unit u1: A serves 66.7% of the hours (12 of 18 h), above 60%"])
    }

    @Test func theAutumnNightLastsThirteenHours() throws {
        // A 19:00 → 07:00 over the October change = 13 h; B 07:00 → 19:00 = 12 h.
        let results = try Self.run("max_share: 0.5", assignments: [
            "a1,A,u1,,2026-10-24T19:00,2026-10-25T07:00,garde",
            "a2,B,u1,,2026-10-25T07:00,2026-10-25T19:00,garde",
        ], start: "2026-10-24", end: "2026-10-26")
        #expect(results.messages == ["unit u1: A serves 52% of the hours (13 of 25 h), above 50%"])
    }

    @Test func aZeroLengthOrFilteredAssignmentServesNothing() throws {
        let data = try KindTest.data(plan: CoverageTests.plan(Self.allDay), files: [
            "contributors.csv": CoverageTests.fiveMembers,
            "assignments.csv": KindTest.assignments([
                "a1,A,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
                "a2,B,u1,,2026-03-02T08:00,2026-03-02T18:00,astreinte",
                "a3,C,u1,,2026-03-02T08:00,2026-03-02T09:00,garde",
            ]),
        ])
        data.assignments[2].end = data.assignments[2].start
        let rule = try KindTest.rule(kind: "concentration", "where: assignment.kind == 'garde'\nmax_share: 0.9")
        let results = rule.check.evaluate(EvaluationContext(data: data, asOf: data.plan.period.start))
        #expect(results.messages == ["unit u1: A serves 100% of the hours (10 of 10 h), above 90%"])
    }

    @Test func undecidedAssignmentsMakeABorderlineShareIndeterminate() throws {
        // A fit 10 h, B unknown 10 h, C unfit: A's share is 50% (B counts) to 100% (B does not).
        let results = try Self.run("where: contributor.medical.fit == true\nmax_share: 0.5", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
            "a2,B,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
            "a3,C,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
        ], contributors: CoverageTests.medical)
        #expect(results.undecided.map(\.message) == [
            "unit u1: cannot decide whether A carries more than 50% of the served hours (between 50% and 100%): missing contributor.medical of contributor:B (contributors.csv:3)",
        ])
        #expect(results.failures.isEmpty)
    }

    @Test(arguments: [
        ("max_share: 1.5", "rules.yaml:7:16: error: 'max_share' must be at most 1, found 1.5"),
        ("max_share: 0", "rules.yaml:7:16: error: 'max_share' must be above 0 (a share of the hours, like 0.5)"),
        ("where: true", "rules.yaml:2:5: error: missing key 'max_share' (or 'min_share' with 'group') in rule 'T-1'"),
        ("max_share: 50%", "rules.yaml:7:16: error: 'max_share' must be a number or a parameter written params.NAME, found '50%'"),
    ])
    func badSharesAreLocatedErrors(body: String, expected: String) {
        let errors = KindTest.loadErrors(kind: "concentration", body)
        #expect(errors.contains(expected), "\(errors)")
    }
    @Test func perMonthMeasuresEachCalendarMonthOnItsOwn() throws {
        // Mon 30 Mar – Wed 1 Apr. March: A 10 h, B 4 h; April: A 4 h, B 10 h; over the period 14 h each.
        let assignments = [
            "a1,A,u1,,2026-03-30T08:00,2026-03-30T18:00,garde",
            "a2,B,u1,,2026-03-31T08:00,2026-03-31T12:00,garde",
            "a3,A,u1,,2026-04-01T08:00,2026-04-01T12:00,garde",
            "a4,B,u1,,2026-04-01T08:00,2026-04-01T18:00,garde",
        ]
        let monthly = try Self.run("units: unit.id == 'u1'\nmax_share: 0.5\nper: month", assignments: assignments,
                                   start: "2026-03-30", end: "2026-04-02")
        #expect(monthly.messages == ["unit u1, March 2026: A serves 71.4% of the hours (10 of 14 h), above 50%",
                                     "unit u1, April 2026: B serves 71.4% of the hours (10 of 14 h), above 50%"])
        #expect(monthly.failures.map(\.key) == ["2026-03 A", "2026-04 B"])
        let whole = try Self.run("units: unit.id == 'u1'\nmax_share: 0.5", assignments: assignments,
                                 start: "2026-03-30", end: "2026-04-02")
        #expect(whole.map(\.outcome) == [.pass])
    }

    static let qualified = """
        id,role,units,qualifications
        A,professional,u1,EJE|PSC1
        B,professional,u1,CAP-AEPE
        C,professional,u1,AP
        D,professional,u1,
        E,professional,u2,EJE
        """

    @Test func aGroupBelowItsMinimumShareFails() throws {
        // Diplômés A (4 h) and C (2 h) against B (10 h): 6 of 16 h.
        let results = try Self.run("""
            units: unit.id == 'u1'
            group: contributor.qualifications.exists(q, q.code in ['EJE', 'AP'])
            min_share: 0.4
            """, assignments: [
                "a1,A,u1,,2026-03-02T08:00,2026-03-02T12:00,shift_professional",
                "a2,B,u1,,2026-03-02T08:00,2026-03-02T18:00,shift_professional",
                "a3,C,u1,,2026-03-02T12:00,2026-03-02T14:00,shift_professional",
            ], contributors: Self.qualified)
        #expect(results.messages == ["unit u1: the group serves 37.5% of the hours (6 of 16 h), below 40%"])
        #expect(results.failures.first?.key == "group")
        #expect(results.failures.first?.expected == "at least 40%")
    }

    @Test func aContributorWhoseGroupIsUnknownMakesTheShareARange() throws {
        // D (2 h) has no status on file: 6 of 18 h (33.3%) to 8 of 18 h (44.4%).
        let contributors = """
            id,role,units,status
            A,professional,u1,diplome
            B,professional,u1,qualifie
            C,professional,u1,diplome
            D,professional,u1,
            """
        let results = try Self.run("""
            units: unit.id == 'u1'
            group: contributor.status == 'diplome'
            min_share: 0.4
            """, assignments: [
                "a1,A,u1,,2026-03-02T08:00,2026-03-02T12:00,shift_professional",
                "a2,B,u1,,2026-03-02T08:00,2026-03-02T18:00,shift_professional",
                "a3,C,u1,,2026-03-02T12:00,2026-03-02T14:00,shift_professional",
                "a4,D,u1,,2026-03-02T14:00,2026-03-02T16:00,shift_professional",
            ], contributors: contributors)
        #expect(results.undecided.map(\.message) == [
            "unit u1: cannot decide whether the group serves at least 40% of the hours (between 33.3% and 44.4%): missing contributor.status of contributor:D (contributors.csv:5)",
        ])
        #expect(results.failures.isEmpty)
    }

    @Test(arguments: [
        ("min_share: 0.4", "rules.yaml:7:16: error: 'min_share' needs 'group': the contributors whose hours must make up that share"),
        ("max_share: 0.5\nmin_share: 0.4\ngroup: true", "rules.yaml:8:16: error: give either 'max_share' (per contributor) or 'min_share' (for a group), not both"),
        ("max_share: 0.5\ngroup: true", "rules.yaml:8:12: error: 'group' goes with 'min_share'"),
        ("max_share: 0.5\nper: week", "rules.yaml:8:10: error: 'per' must be period or month, found 'week'"),
    ])
    func groupsAndWindowsAreCheckedWhenTheRuleLoads(body: String, expected: String) {
        let errors = KindTest.loadErrors(kind: "concentration", body)
        #expect(errors.contains(expected), "\(errors)")
    }
}
