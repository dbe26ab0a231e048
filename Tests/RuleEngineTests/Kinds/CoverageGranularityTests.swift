import Testing
@testable import RuleEngine

/// `coverage` with `granularity:` — time cut into slots from each local midnight (and at the
/// promised hours' boundaries); a contributor counts in every slot an assignment touches.
@Suite struct CoverageGranularityTests {
    static func run(_ rule: String, units: String = CoverageTests.weekdayUnits, assignments: [String],
                    start: String = "2026-03-02", end: String = "2026-03-03",
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> [RuleResult] {
        try CoverageTests.run(rule, units: units, assignments: assignments, start: start, end: end, sourceLocation: sourceLocation)
    }

    static let allDay = """
        units:
          - {id: u1, kind: station, opening_hours: "24/7"}
          - {id: u2, kind: station, opening_hours: "Mo-Fr 08:00-18:00"}
        """

    @Test func anAssignmentCountsInEverySlotItTouches() throws {
        // A leaves at 12:30 and C comes at 13:00: at instant precision 12:30–13:00 is short,
        // but A touches the 12:00–13:00 slot, with B there all day.
        let rows = [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T12:30,garde",
            "a2,B,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
            "a3,C,u1,,2026-03-02T13:00,2026-03-02T18:00,garde",
        ]
        #expect(try Self.run("units: unit.id == 'u1'\nmin: 2", assignments: rows).messages
                == ["unit u1, Mon 2026-03-02 12:30–13:00: 1 of 2 present"])
        let slotted = try Self.run("units: unit.id == 'u1'\nmin: 2\ngranularity: 1h", assignments: rows)
        #expect(slotted.map(\.outcome) == [.pass])
    }

    @Test func aGapIsTheMaximalRunOfShortSlots() throws {
        // B touches 10:00–11:00 (until 10:15), C touches 14:00–15:00 (from 14:45): the slots
        // 11:00, 12:00 and 13:00 have A alone.
        let results = try Self.run("units: unit.id == 'u1'\nmin: 2\ngranularity: 1h", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
            "a2,B,u1,,2026-03-02T08:00,2026-03-02T10:15,garde",
            "a3,C,u1,,2026-03-02T14:45,2026-03-02T18:00,garde",
        ])
        #expect(results.messages == ["unit u1, Mon 2026-03-02 11:00–14:00: 1 of 2 present"])
        let gap = try #require(results.failures.first)
        #expect(gap.key == "min 2026-03-02T11:00+01:00/2026-03-02T14:00+01:00")
        #expect(gap.fix == "candidates not assigned: B, C, D")
        #expect(results.count == 1)
    }

    @Test func aSlotCountsDistinctContributorsNotAssignments() throws {
        // A has two assignments in the 08:00 slot: still one person.
        let results = try Self.run("units: unit.id == 'u1'\nmin: 2\ngranularity: 1h", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T08:30,garde",
            "a2,A,u1,,2026-03-02T08:30,2026-03-02T18:00,garde",
            "a3,B,u1,,2026-03-02T09:00,2026-03-02T18:00,garde",
        ])
        #expect(results.messages == ["unit u1, Mon 2026-03-02 08:00–09:00: 1 of 2 present"])
    }

    @Test func slotsAreCutWherePromisedHoursStart() throws {
        // Open from 08:30: the first slot is 08:30–09:00, which A (08:00–08:20) does not touch.
        let units = """
            units:
              - {id: u1, kind: station, opening_hours: "Mo-Fr 08:30-18:00"}
              - {id: u2, kind: station, opening_hours: "Mo-Fr 08:30-18:00"}
            """
        let results = try Self.run("units: unit.id == 'u1'\nmin: 2\ngranularity: 1h", units: units, assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T08:20,garde",
            "a2,B,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
            "a3,C,u1,,2026-03-02T09:00,2026-03-02T18:00,garde",
        ])
        #expect(results.messages == ["unit u1, Mon 2026-03-02 08:30–09:00: 1 of 2 present"])
    }

    @Test func onTheSpringChangeSlotsAreRealHoursFromMidnight() throws {
        // 2026-03-29 has 23 hours. Hourly slots: 00:00–01:00, then 01:00–03:00 local (one real
        // hour), which A (until 01:30) touches; B serves from 03:00. No gap, where instant
        // precision finds 01:30–03:00 empty.
        let rows = [
            "a1,A,u1,,2026-03-29T00:00,2026-03-29T01:30,garde",
            "a2,B,u1,,2026-03-29T03:00,2026-03-30T00:00,garde",
        ]
        let instants = try Self.run("units: unit.id == 'u1'\nmin: 1", units: Self.allDay, assignments: rows, start: "2026-03-29", end: "2026-03-30")
        #expect(instants.messages == ["unit u1, Sun 2026-03-29 01:30–03:00: 0 of 1 present"])
        let hourly = try Self.run("units: unit.id == 'u1'\nmin: 1\ngranularity: 1h", units: Self.allDay, assignments: rows, start: "2026-03-29", end: "2026-03-30")
        #expect(hourly.map(\.outcome) == [.pass])
        // Two-hour slots: 00:00–03:00 local, 03:00–05:00, … 21:00–23:00, and a last slot of one
        // hour, 23:00–24:00, that C (until 22:30) does not reach.
        let twoHourly = try Self.run("units: unit.id == 'u1'\nmin: 1\ngranularity: 2h", units: Self.allDay, assignments: [
            "a1,C,u1,,2026-03-29T00:00,2026-03-29T22:30,garde",
        ], start: "2026-03-29", end: "2026-03-30")
        #expect(twoHourly.messages == ["unit u1, Sun 2026-03-29 23:00–24:00: 0 of 1 present"])
    }

    @Test func aZeroLengthAssignmentTouchesNoSlot() throws {
        let rule = try KindTest.rule(kind: "coverage", "units: unit.id == 'u1'\nmin: 1\ngranularity: 1h")
        let data = try KindTest.data(plan: CoverageTests.plan(Self.allDay), files: [
            "contributors.csv": CoverageTests.fiveMembers,
            "assignments.csv": KindTest.assignments([
                "a1,A,u1,,2026-03-02T00:00,2026-03-02T12:00,garde",
                "a2,B,u1,,2026-03-02T12:30,2026-03-02T13:00,garde",
                "a3,C,u1,,2026-03-02T13:00,2026-03-03T00:00,garde",
            ]),
        ])
        let i = try #require(data.assignments.firstIndex { $0.id == "a2" })
        data.assignments[i].end = data.assignments[i].start
        let results = rule.check.evaluate(EvaluationContext(data: data, asOf: data.plan.period.start))
        #expect(results.messages == ["unit u1, Mon 2026-03-02 12:00–13:00: 0 of 1 present"])
    }

    @Test func granularityErrorsAreLocated() {
        #expect(KindTest.loadErrors(kind: "coverage", "min: 2\ngranularity: 5h")
                == ["rules.yaml:8:18: error: 'granularity' in rule 'T-1' must divide a day into equal slots, like 15m, 30m, 1h, 2h or 1d; found '5h'"])
        #expect(KindTest.loadErrors(kind: "coverage", "min: 2\ngranularity: 1x")
                == ["rules.yaml:8:18: error: bad duration '1x' in 'granularity'; write it like 7d, 48h, 90m or 1h30m"])
        #expect(KindTest.loadErrors(kind: "coverage", "min: 2\ngranularity: 0h")
                == ["rules.yaml:8:18: error: 'granularity' must be longer than zero, found '0h'"])
        // Resilience shares coverage's keys but not this one.
        #expect(KindTest.loadErrors(kind: "resilience", "min: 2\ngranularity: 1h").first?.contains("granularity") == true)
    }
}
