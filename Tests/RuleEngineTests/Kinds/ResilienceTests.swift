import Testing
@testable import RuleEngine

/// Hand-computed cases of `kind: resilience`: an absence is absorbed by those present beyond
/// the minimum, by the free reserve (declared available where the roster carries availability)
/// or by the unit's fallback; what remains is one finding per unit, requirement and span.
@Suite struct ResilienceTests {
    static func run(_ rule: String, assignments: [String], units: String = CoverageTests.weekdayUnits,
                    contributors: String = CoverageTests.fiveMembers, start: String = "2026-03-02", end: String = "2026-03-03",
                    header: String = "id,contributor,unit,position,start,end,kind",
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> [RuleResult] {
        try KindTest.results(kind: "resilience", rule, plan: CoverageTests.plan(units, start: start, end: end),
                             files: ["contributors.csv": contributors,
                                     "assignments.csv": KindTest.assignments(assignments, header: header)],
                             sourceLocation: sourceLocation)
    }

    /// A and B belong to u1, E to u2: no one else can step in at u1.
    static let twoMembers = KindTest.contributors([("A", "u1"), ("B", "u1"), ("E", "u2")])

    @Test func staffingAtTheMinimumWithFreeMembersIsAbsorbed() throws {
        // 08–10 A alone, 10–12 A and B, 12–18 B alone, one required: C and D (members of u1)
        // are free all day, so either absence is absorbed — the case that used to be flagged.
        let results = try Self.run("units: unit.id == 'u1'\nmin: 1", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T12:00,garde",
            "a2,B,u1,,2026-03-02T10:00,2026-03-02T18:00,garde",
        ])
        #expect(results.failures.isEmpty)
        #expect(results.map(\.outcome) == [.pass])
    }

    @Test func noReserveGivesOneFindingPerSpanNamingThePeopleItHangsOn() throws {
        // Two required 08–18; A all day, B in two rows (08–12, 12–18): no third member of u1.
        let results = try Self.run("units: unit.id == 'u1'\nmin: 2", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
            "a2,B,u1,,2026-03-02T08:00,2026-03-02T12:00,garde",
            "a3,B,u1,,2026-03-02T12:00,2026-03-02T18:00,garde",
        ], contributors: Self.twoMembers)
        #expect(results.messages == [
            "unit u1, Mon 2026-03-02 08:00–18:00 (10 h): 2 present for 2 required, no free reserve and no fallback: one absence among A, B leaves it short",
        ])
        #expect(results.failures.map(\.fix) == ["no other member of unit u1 is free and eligible then: recruit, or declare a fallback"])
        #expect(results.failures.map(\.measured) == ["2 present, reserve 0"])
    }

    @Test func aMemberBusyElsewhereIsNoReserve() throws {
        // C is on duty at u2 08–12: over 08–12 only D is free, and two absences need two.
        let results = try Self.run("min: 1\nabsences: 2", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T12:00,garde",
            "a2,C,u2,,2026-03-02T08:00,2026-03-02T12:00,garde",
            "a3,B,u1,,2026-03-02T08:00,2026-03-02T12:00,garde",
        ], units: "units:\n  - {id: u1, kind: station, opening_hours: \"Mo-Fr 08:00-12:00\"}\n  - {id: u2, kind: station, opening_hours: \"Mo-Fr 08:00-12:00\"}")
        // u1: A and B for 1 required: slack 1, deficit 1, reserve D → absorbed. u2: C alone for 1,
        // two absences: deficit 2, its only other member E is free → reserve 1 < 2.
        #expect(results.failures.count == 1)
        #expect(results.failures.first?.subject == "unit:u2")
        #expect(results.failures.first?.measured == "1 present, reserve 1")
    }

    @Test func whereTheRosterCarriesAvailabilityOnlyDeclaredMembersAreReserve() throws {
        let header = "id,contributor,unit,position,start,end,kind,engagement"
        // A on duty 08–18 alone for 1 required; B declared available 08–18, C only 08–12.
        let covered = try Self.run("units: unit.id == 'u1'\nmin: 1", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T18:00,garde,duty",
            "a2,B,u1,,2026-03-02T08:00,2026-03-02T18:00,garde,availability",
        ], header: header)
        #expect(covered.failures.isEmpty)
        let partly = try Self.run("units: unit.id == 'u1'\nmin: 1", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T18:00,garde,duty",
            "a2,C,u1,,2026-03-02T08:00,2026-03-02T12:00,garde,availability",
        ], header: header)
        // C's availability does not hold the whole span; B, C and D are free but not declared.
        #expect(partly.messages == [
            "unit u1, Mon 2026-03-02 08:00–18:00 (10 h): 1 present for 1 required, no reserve declared available and no fallback: one absence among A leaves it short",
        ])
        #expect(partly.failures.map(\.fix) == ["free but not declared available then: B, C, D"])
    }

    @Test func declaredAvailabilityNeverCountsAsPresence() throws {
        // B's row is availability: A alone is present, and B is the declared reserve.
        let results = try Self.run("units: unit.id == 'u1'\nmin: 2", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T18:00,garde,duty",
            "a2,B,u1,,2026-03-02T08:00,2026-03-02T18:00,garde,availability",
        ], header: "id,contributor,unit,position,start,end,kind,engagement")
        // One present for two: coverage's gap, not resilience's.
        #expect(results.failures.isEmpty)
        let coverage = try CoverageTests.run("units: unit.id == 'u1'\nmin: 2", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T18:00,garde,duty",
            "a2,B,u1,,2026-03-02T08:00,2026-03-02T18:00,garde,availability",
        ], header: "id,contributor,unit,position,start,end,kind,engagement")
        #expect(coverage.failures.map(\.measured) == ["1 present"])
    }

    @Test func aDeclaredFallbackAbsorbsWhatThePeopleCannot() throws {
        let units = """
            units:
              - {id: u1, kind: station, opening_hours: "Mo-Fr 08:00-18:00", fallback: {mode: neighbour_unit, unit: u2}}
              - {id: u2, kind: station, opening_hours: "Mo-Fr 08:00-18:00"}
            """
        let results = try Self.run("units: unit.id == 'u1'\nmin: 2", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
            "a2,B,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
        ], units: units, contributors: Self.twoMembers)
        #expect(results.failures.isEmpty)
    }

    @Test func whereCoverageAlreadyFailsResilienceSaysNothing() throws {
        // Two needed: 08–12 exactly two with no reserve, 12–18 only B — coverage's gap.
        let results = try Self.run("units: unit.id == 'u1'\nmin: 2", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T12:00,garde",
            "a2,B,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
        ], contributors: Self.twoMembers)
        #expect(results.messages == [
            "unit u1, Mon 2026-03-02 08:00–12:00 (4 h): 2 present for 2 required, no free reserve and no fallback: one absence among A, B leaves it short",
        ])
    }

    @Test func theSpringForwardDayHasTwentyThreeHours() throws {
        let units = "units:\n  - {id: u1, kind: station}\n  - {id: u2, kind: station}"
        let results = try Self.run("units: unit.id == 'u1'\nmin: 1", assignments: ["a1,A,u1,,2026-03-29T00:00,2026-03-30T00:00,garde"],
                                   units: units, contributors: KindTest.contributors([("A", "u1"), ("E", "u2")]),
                                   start: "2026-03-29", end: "2026-03-30")
        #expect(results.failures.map(\.message).first?.contains("Sun 2026-03-29 00:00–24:00 (23 h)") == true)
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

    @Test(arguments: [
        ("min: 1\nabsences: 0", "rules.yaml:8:15: error: 'absences' must be at least 1, found 0"),
        ("min: 1\nabsences: two", "rules.yaml:8:15: error: 'absences' must be a number or a parameter written params.NAME, found 'two'"),
        ("min: 1\nabsense: 1", "rules.yaml:8:5: error: unknown key 'absense' in rule 'T-1'; did you mean 'absences'?"),
        ("min: 1\nengagements: [duty, oncall]", "rules.yaml:8:18: error: unknown engagement 'oncall' in 'engagements'; expected 'duty', 'on_call', 'availability'; did you mean 'on_call'?"),
    ])
    func badKeysAreLocatedErrors(body: String, expected: String) {
        let errors = KindTest.loadErrors(kind: "resilience", body)
        #expect(errors.contains(expected), "\(errors)")
    }
}
