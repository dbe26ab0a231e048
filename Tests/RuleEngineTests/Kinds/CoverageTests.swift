import Testing
@testable import RuleEngine

@Suite struct CoverageTests {
    static let fiveMembers = KindTest.contributors([("A", "u1"), ("B", "u1"), ("C", "u1"), ("D", "u1"), ("E", "u2")])

    static func plan(_ units: String, start: String = "2026-03-02", end: String = "2026-03-03") -> String {
        KindTest.plan(units, start: start, end: end, rosters: ["contributors.csv", "assignments.csv"])
    }

    static let weekdayUnits = """
        units:
          - {id: u1, kind: station, opening_hours: "Mo-Fr 08:00-18:00"}
          - {id: u2, kind: station, opening_hours: "Mo-Fr 08:00-18:00"}
        """

    static func run(_ rule: String, units: String = weekdayUnits, assignments: [String],
                    contributors: String = fiveMembers, start: String = "2026-03-02", end: String = "2026-03-03",
                    params: [String: Value] = [:], ruleParams: String? = nil,
                    header: String = "id,contributor,unit,position,start,end,kind",
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> [RuleResult] {
        try KindTest.results(kind: "coverage", rule, ruleParams: ruleParams, plan: plan(units, start: start, end: end),
                             files: ["contributors.csv": contributors,
                                     "assignments.csv": KindTest.assignments(assignments, header: header)],
                             params: params, sourceLocation: sourceLocation)
    }

    @Test func candidatesMeetTheRulesOwnFilterOnTheirAssignments() throws {
        // Only assignments that count in the ratio count. 08–12 A alone, 12–18 nobody. C serves
        // u1 only in shifts that do not count (a parent on duty): not proposed. D has no
        // assignment: judged on a hypothetical one, whose counts_in_ratio is the assigner's choice.
        let results = try Self.run("units: unit.id == 'u1'\nwhere: assignment.counts_in_ratio == true\nmin: 1", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T12:00,shift_professional,true",
            "a2,C,u1,,2026-03-02T08:00,2026-03-02T10:00,permanence_parent,false",
        ], header: "id,contributor,unit,position,start,end,kind,counts_in_ratio")
        #expect(results.failures.map(\.fix) == ["candidates not assigned: A, B, D"])
    }

    @Test func aShortfallBetweenTwoShiftsIsOneGapWithTheFreeMembersAsCandidates() throws {
        // 08–12 A+B, 12–14 B alone, 14–18 B+C. A ends and C starts exactly at the gap's ends:
        // half-open intervals, so both are free over it; B is busy; E is of another unit.
        let results = try Self.run("units: unit.id == 'u1'\nmin: 2", assignments: [
            "a1,A,u1,equipier,2026-03-02T08:00,2026-03-02T12:00,garde",
            "a2,B,u1,equipier,2026-03-02T08:00,2026-03-02T18:00,garde",
            "a3,C,u1,equipier,2026-03-02T14:00,2026-03-02T18:00,garde",
        ])
        #expect(results.messages == ["unit u1, Mon 2026-03-02 12:00–14:00: 1 of 2 present"])
        let gap = try #require(results.failures.first)
        #expect(gap.fix == "candidates not assigned: A, C, D")
        #expect(gap.measured == "1 present")
        #expect(gap.expected == "at least 2")
        #expect(gap.key == "min 2026-03-02T12:00+01:00/2026-03-02T14:00+01:00")
        #expect(gap.subject == "unit:u1")
        #expect(results.count == 1)
    }

    @Test func touchingShiftsOfTwoPeopleLeaveNoGap() throws {
        let results = try Self.run("units: unit.id == 'u1'\nmin: 1", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T13:00,garde",
            "a2,B,u1,,2026-03-02T13:00,2026-03-02T18:00,garde",
        ])
        #expect(results.map(\.outcome) == [.pass])
    }

    @Test func overlappingAssignmentsOfOnePersonCountOnce() throws {
        // A twice over 12–14: still one person, so 1 of 2 over the whole day.
        let results = try Self.run("units: unit.id == 'u1'\nmin: 2", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T14:00,garde",
            "a2,A,u1,,2026-03-02T12:00,2026-03-02T18:00,garde",
        ])
        #expect(results.messages == ["unit u1, Mon 2026-03-02 08:00–18:00: 1 of 2 present"])
        #expect(results.failures.first?.fix == "candidates not assigned: B, C, D")
    }

    @Test func aZeroLengthAssignmentCoversNothing() throws {
        // The loader refuses an assignment that ends when it starts; a kind must still not
        // count one made by other means.
        let data = try KindTest.data(plan: Self.plan(Self.weekdayUnits), files: [
            "contributors.csv": Self.fiveMembers,
            "assignments.csv": KindTest.assignments([
                "a1,A,u1,,2026-03-02T08:00,2026-03-02T13:00,garde",
                "a2,B,u1,,2026-03-02T13:00,2026-03-02T14:00,garde",
                "a3,C,u1,,2026-03-02T14:00,2026-03-02T18:00,garde",
            ]),
        ])
        data.assignments[1].end = data.assignments[1].start
        let rule = try KindTest.rule(kind: "coverage", "units: unit.id == 'u1'\nmin: 1")
        let results = rule.check.evaluate(EvaluationContext(data: data, asOf: data.plan.period.start))
        #expect(results.messages == ["unit u1, Mon 2026-03-02 13:00–14:00: 0 of 1 present"])
        // B's empty assignment does not make B busy; A and C only touch the gap.
        #expect(results.failures.first?.fix == "candidates not assigned: A, B, C, D")
    }

    @Test func aUnitWithPromisedHoursAndNoAssignmentIsOneGapOverEverything() throws {
        let results = try Self.run("min: 2", assignments: [])
        #expect(results.messages == ["unit u1, Mon 2026-03-02 08:00–18:00: 0 of 2 present",
                                     "unit u2, Mon 2026-03-02 08:00–18:00: 0 of 2 present"])
        #expect(results.failures.last?.fix == "candidates not assigned: E")
    }

    @Test func aUnitWithNoPromisedHoursInThePeriodPasses() throws {
        let units = "units:\n  - {id: u1, kind: station, opening_hours: \"Sa 08:00-12:00\"}\n  - {id: u2, kind: station}"
        let results = try Self.run("units: unit.id == 'u1'\nmin: 2", units: units, assignments: [])
        #expect(results.map(\.outcome) == [.pass])
    }

    @Test func anAssignmentStraddlingThePeriodEndCountsOnlyInside() throws {
        // Period = Monday; the unit is open 24/7; A serves Mon 12:00 → Tue 12:00.
        let units = "units:\n  - {id: u1, kind: station}\n  - {id: u2, kind: station}"
        let results = try Self.run("units: unit.id == 'u1'\nmin: 1", units: units, assignments: [
            "a1,A,u1,,2026-03-02T12:00,2026-03-03T12:00,garde",
        ])
        #expect(results.messages == ["unit u1, Mon 2026-03-02 00:00–12:00: 0 of 1 present"])
    }

    @Test func aGapEndingAtMidnightReadsTwentyFour() throws {
        let units = "units:\n  - {id: u1, kind: station}\n  - {id: u2, kind: station}"
        let results = try Self.run("units: unit.id == 'u1'\nmin: 1", units: units, assignments: [
            "a1,A,u1,,2026-03-02T00:00,2026-03-02T19:00,garde",
        ])
        #expect(results.messages == ["unit u1, Mon 2026-03-02 19:00–24:00: 0 of 1 present"])
    }

    @Test func theSpringForwardNightLosesAnHourButTheGapIsInLocalTime() throws {
        // 2026-03-29: clocks jump from 02:00 to 03:00. A until 01:00, B from 03:00: the gap is
        // one real hour, 00:00Z–01:00Z.
        let units = "units:\n  - {id: u1, kind: station}\n  - {id: u2, kind: station}"
        let results = try Self.run("units: unit.id == 'u1'\nmin: 1", units: units, assignments: [
            "a1,A,u1,,2026-03-28T19:00,2026-03-29T01:00,garde",
            "a2,B,u1,,2026-03-29T03:00,2026-03-29T07:00,garde",
        ], start: "2026-03-29", end: "2026-03-30")
        let gaps = results.failures
        #expect(gaps.map(\.message) == ["unit u1, Sun 2026-03-29 01:00–03:00: 0 of 1 present",
                                        "unit u1, Sun 2026-03-29 07:00–24:00: 0 of 1 present"])
        #expect(gaps.first?.key == "min 2026-03-29T01:00+01:00/2026-03-29T03:00+02:00")
    }

    @Test func theAutumnNightRepeatsAnHourAndKeysTellTheTwoApart() throws {
        // 2026-10-25: 02:00–03:00 happens twice. A until the first 02:30 (+02:00), B from the
        // second (+01:00): a one-hour gap whose local times read the same.
        let units = "units:\n  - {id: u1, kind: station}\n  - {id: u2, kind: station}"
        let results = try Self.run("units: unit.id == 'u1'\nmin: 1", units: units, assignments: [
            "a1,A,u1,,2026-10-24T19:00,2026-10-25T02:30,garde",
            "a2,B,u1,,2026-10-25T02:30+01:00,2026-10-26T00:00,garde",
        ], start: "2026-10-25", end: "2026-10-26")
        let gap = try #require(results.failures.first)
        #expect(results.failures.count == 1)
        #expect(gap.message == "unit u1, Sun 2026-10-25 02:30–02:30: 0 of 1 present")
        #expect(gap.key == "min 2026-10-25T02:30+02:00/2026-10-25T02:30+01:00")
    }

    @Test func thePlansStaffingGivesOneRequirementPerPosition() throws {
        let units = """
            units:
              - id: u1
                kind: station
                staffing:
                  - {position: chef_agres, min: 1}
                  - {min: 3, hours: "Mo-Fr 08:00-18:00"}
              - {id: u2, kind: station}
            """
        // 24/7 unit; three equipiers 08:00–20:00; nobody else.
        let results = try Self.run("", units: units, assignments: [
            "a1,A,u1,equipier,2026-03-02T08:00,2026-03-02T20:00,garde",
            "a2,B,u1,equipier,2026-03-02T08:00,2026-03-02T20:00,garde",
            "a3,C,u1,conducteur,2026-03-02T08:00,2026-03-02T20:00,garde",
        ])
        // u2 promises nothing (no staffing): it passes; u1's crew of 3 holds 08–18.
        #expect(results.messages == ["unit u1, Mon 2026-03-02 00:00–24:00: 0 of 1 chef_agres present"])
        let gap = try #require(results.failures.first)
        #expect(gap.key == "staffing[0] 2026-03-02T00:00+01:00/2026-03-03T00:00+01:00")
        #expect(gap.path == "units[0].staffing[0]")
        #expect(gap.location?.line == 13)
        #expect(gap.fix == "candidates not assigned: D")
        #expect(results.passes.count == 2)
    }

    @Test func anAssignmentWithoutPositionMayBeTheChefSoTheGapIsUndecided() throws {
        let results = try Self.run("units: unit.id == 'u1'\nmin: 1\nposition: chef_agres", assignments: [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T12:00,garde",
            "a2,B,u1,chef_agres,2026-03-02T12:00,2026-03-02T18:00,garde",
        ])
        #expect(results.failures.isEmpty)
        #expect(results.undecided.map(\.message) == [
            "unit u1, Mon 2026-03-02 08:00–12:00: cannot decide whether the chef_agres requirement is met: missing assignment.position",
        ])
        #expect(results.undecided.first?.missing == ["assignment.position"])
    }

    static let medical = """
        id,role,units,medical_valid_until,medical_fit
        A,spv,u1,2026-12-31,true
        B,spv,u1,,
        C,spv,u1,2026-12-31,false
        D,spv,u1,2026-12-31,true
        E,spv,u2,2026-12-31,true
        """

    @Test func missingDataInWhereIsUndecidedWhereItMatters() throws {
        let assignments = [
            "a1,A,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
            "a2,B,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
            "a3,C,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
        ]
        let rule = "units: unit.id == 'u1'\nwhere: contributor.medical.fit == true\nmin: "
        // Two needed: A counts, C does not, B may — undecided, not failed.
        let two = try Self.run(rule + "2", assignments: assignments, contributors: Self.medical)
        #expect(two.failures.isEmpty)
        #expect(two.undecided.count == 1)
        // The unit is the subject: the missing data names whose it is.
        #expect(two.undecided.first?.missing == ["contributor.medical of contributor:B (contributors.csv:3)"])
        // Three needed: even with B only 2 — a failure, nothing undecided.
        let three = try Self.run(rule + "3", assignments: assignments, contributors: Self.medical)
        #expect(three.messages == ["unit u1, Mon 2026-03-02 08:00–18:00: 2 of 3 present"])
        // D is free and fit.
        #expect(three.failures.first?.fix == "candidates not assigned: D")
    }

    @Test func aValidityEndingMidShiftMakesTheWholeShiftNotCount() throws {
        let contributors = """
            id,role,units,insurance_valid_until
            A,spv,u1,2026-03-02
            B,spv,u1,2026-12-31
            C,spv,u1,2026-03-02
            """
        let units = "units:\n  - {id: u1, kind: station, opening_hours: \"Mo-Fr 19:00-07:00\"}"
        // A's insurance ends on Monday: the night Mon 19:00 → Tue 07:00 is not covered.
        let results = try Self.run("""
            where: contributor.insurance.valid_until >= date(assignment.end - duration('1s'), 'Europe/Paris')
            min: 1
            """, units: units, assignments: ["a1,A,u1,,2026-03-02T19:00,2026-03-03T07:00,garde"],
            contributors: contributors, start: "2026-03-02", end: "2026-03-04")
        // Period Mon–Tue: Mon 19:00 → Tue 07:00 and Tue 19:00 → Wed 00:00 (period end).
        #expect(results.messages == ["unit u1, Mon 2026-03-02 19:00 – Tue 2026-03-03 07:00: 0 of 1 present",
                                     "unit u1, Tue 2026-03-03 19:00–24:00: 0 of 1 present"])
        // Only B is insured over the gaps; C's insurance ends too.
        #expect(results.failures.allSatisfy { $0.fix == "candidates not assigned: B" })
    }

    static let creche = """
        units:
          - {id: lutins, kind: creche_section, opening_hours: "Mo-Fr 07:30-18:30"}
        """

    @Test func theCrecheRatioFollowsAttendanceSlots() throws {
        let plan = KindTest.plan(Self.creche, kind: "parental_creche",
                                 rosters: ["contributors.csv", "assignments.csv", "attendance.csv"])
        let files = [
            "contributors.csv": KindTest.contributors([("P1", "lutins"), ("P2", "lutins"), ("P3", "lutins"), ("Q", "lutins")], role: "professional"),
            "assignments.csv": KindTest.assignments([
                "s1,P1,lutins,diplome,2026-03-02T07:30,2026-03-02T12:00,shift_professional,true",
                "s2,P2,lutins,qualifie,2026-03-02T07:30,2026-03-02T12:00,shift_professional,true",
                "s3,Q,lutins,parent,2026-03-02T07:30,2026-03-02T12:00,permanence_parent,false",
            ], header: "id,contributor,unit,position,start,end,kind,counts_in_ratio"),
            // 7 non-walking + 4 walking: ⌈1.4 + 0.5⌉ = 2; 8 + 8: ⌈1.6 + 1⌉ = 3; 1 + 0: max(2, 1) = 2.
            "attendance.csv": """
                unit,start,end,walking,non_walking
                lutins,2026-03-02T07:30,2026-03-02T08:00,4,7
                lutins,2026-03-02T08:00,2026-03-02T08:30,8,8
                lutins,2026-03-02T08:30,2026-03-02T09:00,0,1

                """,
        ]
        let results = try KindTest.results(kind: "coverage", """
            demand: attendance
            required: max(2, ceil(double(attendance.non_walking) / 5.0 + double(attendance.walking) / 8.0))
            """, plan: plan, files: files)
        // The parent does not count in the ratio: 2 of 3 over the second slot.
        #expect(results.messages == ["unit lutins, Mon 2026-03-02 08:00–08:30: 2 of 3 present"])
        #expect(results.failures.first?.fix == "candidates not assigned: P3")
    }

    @Test func overlappingSlotsAddUpAndADoubleRoundsUp() throws {
        let plan = KindTest.plan(Self.creche, kind: "parental_creche",
                                 rosters: ["contributors.csv", "assignments.csv", "attendance.csv"])
        let files = [
            "contributors.csv": KindTest.contributors([("P1", "lutins"), ("P2", "lutins")], role: "professional"),
            "assignments.csv": KindTest.assignments([
                "s1,P1,lutins,,2026-03-02T09:00,2026-03-02T11:00,outing,true",
                "s2,P2,lutins,,2026-03-02T09:00,2026-03-02T10:00,outing,true",
            ], header: "id,contributor,unit,position,start,end,kind,counts_in_ratio"),
            // Two outing groups, 9:00–10:00 and 9:30–11:00, 6 children each: 1.2 → 2 adults
            // each; 9:30–10:00 needs 4.
            "attendance.csv": """
                unit,start,end,walking,non_walking,outing
                lutins,2026-03-02T09:00,2026-03-02T10:00,6,0,true
                lutins,2026-03-02T09:30,2026-03-02T11:00,6,0,true
                lutins,2026-03-02T08:00,2026-03-02T12:00,20,0,false

                """,
        ]
        let results = try KindTest.results(kind: "coverage", """
            demand: attendance
            slots: attendance.outing == true
            required: double(attendance.children) / 5.0
            where: assignment.kind == 'outing'
            """, plan: plan, files: files)
        // 9:00–9:30: 2 of 2; 9:30–10:00: 2 of 4; 10:00–11:00: 1 of 2.
        #expect(results.messages == ["unit lutins, Mon 2026-03-02 09:30–11:00: 1 of 4 present"])
        #expect(results.failures.first?.measured == "1 present")
    }

    @Test func aParameterGivesTheMinimumAndThePlanMayOverrideIt() throws {
        let assignments = ["a1,A,u1,,2026-03-02T08:00,2026-03-02T18:00,garde",
                           "a2,B,u1,,2026-03-02T08:00,2026-03-02T18:00,garde"]
        let rule = "units: unit.id == 'u1'\nmin: params.crew"
        let byDefault = try Self.run(rule, assignments: assignments, ruleParams: "{crew: 2}")
        #expect(byDefault.map(\.outcome) == [.pass])
        let overridden = try Self.run(rule, assignments: assignments, params: ["crew": .int(3)], ruleParams: "{crew: 2}")
        #expect(overridden.messages == ["unit u1, Mon 2026-03-02 08:00–18:00: 2 of 3 present"])
        let bad = try Self.run(rule, assignments: assignments, params: ["crew": .int(-1)], ruleParams: "{crew: 2}")
        #expect(bad.map(\.outcome) == [.indeterminate])
        #expect(bad.first?.message == "cannot evaluate: parameter 'crew': 'min' must be at least 0, found -1")
    }

    @Test func aMessageTemplateSeesTheMeasuredValues() throws {
        let results = try Self.run("""
            units: unit.id == 'u1'
            min: 2
            message: "{{unit.id}}: {{present}}/{{required}} ({{missing}} short) {{span}}"
            fix: "call {{candidates.join(', ')}}"
            """, assignments: ["a1,A,u1,,2026-03-02T08:00,2026-03-02T18:00,garde"])
        #expect(results.messages == ["u1: 1/2 (1 short) Mon 2026-03-02 08:00–18:00"])
        #expect(results.failures.first?.fix == "call B, C, D")
    }

    @Test(arguments: [
        ("min: -1", "rules.yaml:7:10: error: 'min' must be at least 0, found -1"),
        ("min: 2.5", "rules.yaml:7:10: error: 'min' must be a whole number, found 2.5"),
        ("min: params.crew", "rules.yaml:7:10: error: unknown parameter 'crew' in 'min' of rule 'T-1'; declare it under 'params'"),
        ("min: 1\nhours: \"Mo-Fr 08:00-18:00; SH off\"", "rules.yaml:8:32: error: unsupported opening_hours syntax 'SH' (school holidays); use PH or dates in 'hours'"),
        ("minn: 1", "rules.yaml:7:5: error: unknown key 'minn' in rule 'T-1'; did you mean 'min'?"),
        ("demand: attendence\nmin: 1", "rules.yaml:7:13: error: unknown demand 'attendence'; use 'attendance' (per attendance slot) or leave it out (promised hours); did you mean 'attendance'?"),
        ("position: chef_agres", "rules.yaml:7:15: error: 'position' goes with 'min'; without 'min' the plan's staffing gives each position its minimum"),
        ("min: 1\nrequired: 2", "rules.yaml:8:15: error: 'required' goes with 'demand: attendance'"),
        ("demand: attendance", "rules.yaml:7:13: error: 'demand: attendance' needs 'required' (adults per slot, an expression over attendance) or 'min'"),
        ("where: assignment.start", "rules.yaml:7:12: error: 'where' must be a condition (bool), but this expression gives timestamp"),
    ])
    func mistakesInTheRuleAreLocatedErrors(body: String, expected: String) {
        let errors = KindTest.loadErrors(kind: "coverage", body)
        #expect(errors.contains(expected), "\(errors)")
    }
}
