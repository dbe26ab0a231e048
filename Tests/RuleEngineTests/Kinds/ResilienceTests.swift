import Testing
@testable import RuleEngine

@Suite struct ResilienceTests {
    static func run(_ rule: String, assignments: [String], units: String = CoverageTests.weekdayUnits,
                    contributors: String = CoverageTests.fiveMembers, start: String = "2026-03-02", end: String = "2026-03-03",
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> [RuleResult] {
        try KindTest.results(kind: "resilience", rule, plan: CoverageTests.plan(units, start: start, end: end),
                             files: ["contributors.csv": contributors, "assignments.csv": KindTest.assignments(assignments)],
                             sourceLocation: sourceLocation)
    }

    @Test func eachPersonAloneOnDutyIsNamedWithTheSpansAndWhoCouldBackThemUp() throws {
        // 08–10 A alone, 10–12 A and B, 12–18 B alone.
        let results = try Self.run("units: unit.id == 'u1'\nmin: 1", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T12:00,garde",
            "a2,B,u1,,2026-03-02T10:00,2026-03-02T18:00,garde",
        ])
        #expect(results.messages == ["unit u1 depends on A alone on Mon 2026-03-02 08:00–10:00 (2 h)",
                                     "unit u1 depends on B alone on Mon 2026-03-02 12:00–18:00 (6 h)"])
        // B starts when A's span ends, A ends when B's starts: both free there.
        #expect(results.failures.map(\.fix) == ["free to back up on Mon 2026-03-02 08:00–10:00: B, C, D",
                                                "free to back up on Mon 2026-03-02 12:00–18:00: A, C, D"])
        #expect(results.failures.map(\.key) == ["min A", "min B"])
    }

    @Test func whereCoverageAlreadyFailsResilienceSaysNothing() throws {
        // Two needed: 08–12 exactly two (each is indispensable), 12–18 only B — coverage's gap.
        let results = try Self.run("units: unit.id == 'u1'\nmin: 2", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T12:00,garde",
            "a2,B,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
        ])
        #expect(results.messages == ["unit u1 depends on A alone on Mon 2026-03-02 08:00–12:00 (4 h)",
                                     "unit u1 depends on B alone on Mon 2026-03-02 08:00–12:00 (4 h)"])
    }

    @Test func twoAbsencesToleratedNeedsTwoSpares() throws {
        let results = try Self.run("units: unit.id == 'u1'\nmin: 1\nabsences: 2", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
            "a2,B,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
            "a3,C,u1,,2026-03-02T08:00,2026-03-02T12:00,garde",
        ])
        #expect(results.messages == [
            "unit u1 falls short with A and 1 other being absent on Mon 2026-03-02 12:00–18:00 (6 h)",
            "unit u1 falls short with B and 1 other being absent on Mon 2026-03-02 12:00–18:00 (6 h)",
        ])
    }

    @Test func overlappingAssignmentsOfOnePersonAreStillOnePerson() throws {
        let results = try Self.run("units: unit.id == 'u1'\nmin: 1", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T14:00,garde",
            "a2,A,u1,,2026-03-02T12:00,2026-03-02T18:00,garde",
        ])
        #expect(results.messages == ["unit u1 depends on A alone on Mon 2026-03-02 08:00–18:00 (10 h)"])
    }

    @Test func theSpringForwardDayHasTwentyThreeHours() throws {
        let units = "units:\n  - {id: u1, kind: station}\n  - {id: u2, kind: station}"
        let results = try Self.run("units: unit.id == 'u1'\nmin: 1", assignments: ["a1,A,u1,,2026-03-29T00:00,2026-03-30T00:00,garde"],
                                   units: units, start: "2026-03-29", end: "2026-03-30")
        #expect(results.messages == ["unit u1 depends on A alone on Sun 2026-03-29 00:00–24:00 (23 h)"])
    }

    @Test func aBackupWhoseDataIsMissingLeavesItUndecided() throws {
        let results = try Self.run("units: unit.id == 'u1'\nwhere: contributor.medical.fit == true\nmin: 1", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
            "a2,B,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
        ], contributors: CoverageTests.medical)
        #expect(results.failures.isEmpty)
        #expect(results.undecided.map(\.message) == [
            "unit u1: cannot decide whether coverage survives 1 absence on Mon 2026-03-02 08:00–18:00: missing contributor.medical of contributor:B (contributors.csv:3)",
        ])
    }

    @Test func aWellStaffedUnitPasses() throws {
        let results = try Self.run("units: unit.id == 'u1'\nmin: 1", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
            "a2,B,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
        ])
        #expect(results.map(\.outcome) == [.pass])
    }

    @Test(arguments: [
        ("min: 1\nabsences: 0", "rules.yaml:8:15: error: 'absences' must be at least 1, found 0"),
        ("min: 1\nabsences: two", "rules.yaml:8:15: error: 'absences' must be a number or a parameter written params.NAME, found 'two'"),
        ("min: 1\nabsense: 1", "rules.yaml:8:5: error: unknown key 'absense' in rule 'T-1'; did you mean 'absences'?"),
    ])
    func badAbsencesAreLocatedErrors(body: String, expected: String) {
        let errors = KindTest.loadErrors(kind: "resilience", body)
        #expect(errors.contains(expected), "\(errors)")
    }
}
