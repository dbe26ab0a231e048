import Testing
@testable import RuleEngine

@Suite struct LimitTests {
    func data(_ rows: String) throws -> ServiceData {
        let people = Set(rows.split(separator: "\n").compactMap { $0.split(separator: ",").dropFirst().first.map(String.init) })
        return try KindTest.data(plan: KindTest.plan(),
                                    contributors: "id,role\n" + people.sorted().map { "\($0),spv" }.joined(separator: "\n"),
                                    assignments: KindTest.assignmentsHeader + "\n" + rows)
    }

    // Nights of 12 h: c1 four (48 h), c2 five (60 h); c3 two overlapping assignments on one day.
    let weekRows = """
        n1,c1,u1,2026-03-23T19:00,2026-03-24T07:00,garde
        n2,c1,u1,2026-03-24T19:00,2026-03-25T07:00,garde
        n3,c1,u1,2026-03-25T19:00,2026-03-26T07:00,garde
        n4,c1,u1,2026-03-26T19:00,2026-03-27T07:00,garde
        m1,c2,u1,2026-03-23T19:00,2026-03-24T07:00,garde
        m2,c2,u1,2026-03-24T19:00,2026-03-25T07:00,garde
        m3,c2,u1,2026-03-25T19:00,2026-03-26T07:00,garde
        m4,c2,u1,2026-03-26T19:00,2026-03-27T07:00,garde
        m5,c2,u1,2026-03-27T19:00,2026-03-28T07:00,garde
        o1,c3,u1,2026-03-24T08:00,2026-03-24T20:00,garde
        o2,c3,u1,2026-03-24T12:00,2026-03-24T22:00,garde
        """

    @Test func hoursInARollingWindowAtTheLimitPassAndAboveFailWithTheWorstWindow() throws {
        let results = try KindTest.results("limit", "max_hours: 48\nwindow: 7d", on: data(weekRows))
        #expect(try KindTest.only(results, "contributor:c1").outcome == .pass)
        #expect(try KindTest.only(results, "contributor:c3").outcome == .pass)
        let r = try KindTest.only(results, "contributor:c2")
        #expect(r.outcome == .fail)
        // The window is 7 × 24 real hours: over the spring change it ends at 20:00 local.
        #expect(r.message == "c2 serves 60 h in the 7 days Mon 2026-03-23 19:00 – Mon 2026-03-30 20:00, more than 48 h")
        #expect(r.measured == "60 h in 2026-03-23T19:00+01:00/2026-03-30T20:00+02:00")
        #expect(r.expected == "at most 48 h in any 7 days")
        #expect(r.fix == "spread or reassign 12 h of c2's assignments in Mon 2026-03-23 19:00 – Mon 2026-03-30 20:00")
        #expect(r.key == "max_hours")
        #expect(r.path == "assignments[4]")
    }

    @Test func overlappingAssignmentsOfOneContributorCountOnce() throws {
        let results = try KindTest.results("limit", "max_hours: 13\nwindow: 1d", on: data(weekRows))
        let r = try KindTest.only(results, "contributor:c3")
        #expect(r.outcome == .fail)
        #expect(r.measured?.hasPrefix("14 h in ") == true)
        // Alternating 12 h on, 12 h off never puts more than 12 h in 24 h.
        #expect(try KindTest.only(results, "contributor:c1").outcome == .pass)
    }

    let restRows = """
        r1,c4,u1,2026-03-24T08:00,2026-03-24T18:00,garde
        r2,c4,u1,2026-03-25T03:00,2026-03-25T07:00,garde
        t1,c5,u1,2026-03-24T08:00,2026-03-24T12:00,garde
        t2,c5,u1,2026-03-24T12:00,2026-03-24T20:00,garde
        t3,c5,u1,2026-03-25T07:00,2026-03-25T12:00,garde
        d1,c6,u1,2026-03-28T08:00,2026-03-28T20:00,garde
        d2,c6,u1,2026-03-29T08:00,2026-03-29T12:00,garde
        b1,c7,u1,2026-03-24T07:00,2026-03-24T19:00,garde
        b2,c7,u1,2026-03-24T19:00,2026-03-25T07:00,garde
        k1,c8,u1,2026-10-24T19:00,2026-10-25T07:00,garde
        """

    @Test func aShortRestFailsAndTouchingAssignmentsLeaveNoRestBetweenThem() throws {
        let results = try KindTest.results("limit", "min_rest_hours: 11", on: data(restRows))
        let r = try KindTest.only(results, "contributor:c4")
        #expect(r.outcome == .fail)
        #expect(r.message == "c4 rests only 9 h (Tue 2026-03-24 18:00 – Wed 2026-03-25 03:00), less than 11 h")
        #expect(r.fix == "move the assignment of c4 starting 2026-03-25T03:00+01:00 to 2026-03-25T05:00+01:00 or later, or give it to someone else")
        // c5: 08:00-12:00 and 12:00-20:00 touch (one block), then exactly 11 h of rest.
        #expect(try KindTest.only(results, "contributor:c5").outcome == .pass)
        // c7's day and night guards touch: one block, no rest between them.
        #expect(try KindTest.only(results, "contributor:c7").outcome == .pass)
    }

    @Test func aRestOverTheSpringChangeIsMeasuredInRealHours() throws {
        // 20:00 Saturday to 08:00 Sunday 2026-03-29 is 12 local hours but 11 real ones.
        #expect(try KindTest.only(try KindTest.results("limit", "min_rest_hours: 11", on: data(restRows)), "contributor:c6").outcome == .pass)
        let r = try KindTest.only(try KindTest.results("limit", "min_rest_hours: 11.5", on: data(restRows)), "contributor:c6")
        #expect(r.outcome == .fail)
        #expect(r.message == "c6 rests only 11 h (Sat 2026-03-28 20:00 – Sun 2026-03-29 08:00), less than 11.5 h")
    }

    @Test func aDayGuardThenANightGuardIsOneLongBlockAndTheAutumnNightLasts13Hours() throws {
        let results = try KindTest.results("limit", "max_block_hours: 12.5", on: data(restRows))
        let r = try KindTest.only(results, "contributor:c7")
        #expect(r.outcome == .fail)
        #expect(r.message == "c7 serves 24 h without a break (Tue 2026-03-24 07:00 – Wed 2026-03-25 07:00), more than 12.5 h")
        #expect(r.key == "max_block_hours")
        let autumn = try KindTest.only(results, "contributor:c8")
        #expect(autumn.outcome == .fail)
        #expect(autumn.measured == "block of 13 h in 2026-10-24T19:00+02:00/2026-10-25T07:00+01:00")
        #expect(try KindTest.only(results, "contributor:c5").outcome == .pass)
    }

    @Test func everyLimitGivenIsOneResultPerContributor() throws {
        let results = try KindTest.results("limit", "min_rest_hours: 11\nmax_block_hours: 13", on: data(restRows))
        #expect(results.filter { $0.subject == "contributor:c7" }.map(\.key) == ["min_rest_hours", "max_block_hours"])
        #expect(results.count == 10)
    }

    func weekly(_ contributor: String, from monday: CivilDate, count: Int, kind: String = "astreinte") -> String {
        (0..<count).map { k in
            let start = CivilDate(dayNumber: monday.dayNumber + Int64(7 * k))
            let end = CivilDate(dayNumber: start.dayNumber + 7)
            return "w-\(contributor)-\(start.iso),\(contributor),u1,\(start.iso)T08:00,\(end.iso)T08:00,\(kind)"
        }.joined(separator: "\n")
    }

    @Test func weeksServedAreCountedOncePerWeekAnAssignmentStartsIn() throws {
        let rows = weekly("c9", from: CivilDate(year: 2026, month: 1, day: 5), count: 19) + "\n"
            + weekly("c10", from: CivilDate(year: 2026, month: 1, day: 5), count: 18) + "\n"
            + weekly("c10", from: CivilDate(year: 2026, month: 6, day: 1), count: 3, kind: "garde")
        let results = try KindTest.results("limit", "where: assignment.kind == \"astreinte\"\nmax_weeks: 18", on: data(rows))
        let r = try KindTest.only(results, "contributor:c9")
        #expect(r.outcome == .fail)
        #expect(r.message == "c9 serves in 19 weeks within 365 days (weeks of 2026-01-05 to 2026-05-11), more than 18")
        // c10's garde weeks do not count.
        #expect(try KindTest.only(results, "contributor:c10").outcome == .pass)
    }

    @Test func weeksAreCountedInARollingWindowNotACalendarYear() throws {
        // Ten weeks early in 2026 and ten early in 2027: ten per calendar year, but the 365 days
        // from Monday 2026-01-05 also hold Monday 2027-01-04.
        let rows = weekly("c11", from: CivilDate(year: 2026, month: 1, day: 5), count: 10) + "\n"
            + weekly("c11", from: CivilDate(year: 2027, month: 1, day: 4), count: 10)
        let r = try KindTest.only(try KindTest.results("limit", "max_weeks: 10", on: data(rows)), "contributor:c11")
        #expect(r.outcome == .fail)
        #expect(r.measured == "11 weeks from 2026-01-05 to 2027-01-04")
        let shorter = try KindTest.results("limit", "max_weeks: 10\nweeks_window: 364d", on: data(rows))
        #expect(try KindTest.only(shorter, "contributor:c11").outcome == .pass)
    }

    @Test func aLimitMayBeAParameterThePlanOverrides() throws {
        let body = "max_hours: params.max_hours"
        let results = try KindTest.results("limit", body, params: "{max_hours: 48}", on: data(weekRows))
        #expect(try KindTest.only(results, "contributor:c1").outcome == .pass)
        let stricter = try KindTest.results("limit", body, params: "{max_hours: 48}", overrides: ["max_hours": .int(40)], on: data(weekRows))
        #expect(try KindTest.only(stricter, "contributor:c1").outcome == .fail)
        let negative = try KindTest.results("limit", body, params: "{max_hours: 48}", overrides: ["max_hours": .int(-1)], on: data(weekRows))
        #expect(negative.count == 1)
        #expect(negative.first?.outcome == .indeterminate)
    }

    @Test func anUndecidableWhereMakesAPassingContributorIndeterminate() throws {
        let results = try KindTest.results("limit", "where: assignment.engine == \"VSAV\"\nmax_hours: 48", on: data(weekRows))
        let r = try KindTest.only(results, "contributor:c1")
        #expect(r.outcome == .indeterminate)
        #expect(r.missing == ["assignment.engine of assignment:n1 (assignments.csv:2)"])
    }

    @Test func anAssignmentStraddlingThePeriodEndCountsWhole() throws {
        // The period ends 2026-04-06T00:00; the night runs until 07:00: 12 h, not 5.
        let rows = "s1,c12,u1,2026-04-05T19:00,2026-04-06T07:00,garde"
        let r = try KindTest.only(try KindTest.results("limit", "max_hours: 11\nwindow: 1d", on: data(rows)), "contributor:c12")
        #expect(r.outcome == .fail)
        #expect(r.measured == "12 h in 2026-04-05T19:00+02:00/2026-04-06T19:00+02:00")
    }

    @Test func aZeroLengthAssignmentServesNoTimeAndDoesNotCutARest() throws {
        let data = try data("""
            z1,c13,u1,2026-03-24T08:00,2026-03-24T18:00,garde
            z2,c13,u1,2026-03-24T22:00,2026-03-24T23:00,garde
            z3,c13,u1,2026-03-25T05:00,2026-03-25T09:00,garde
            """)
        let i = try #require(data.assignments.firstIndex { $0.id == "z2" })
        data.assignments[i].end = data.assignments[i].start
        // 18:00 to 05:00 is 11 h of rest: the zero-length assignment at 22:00 does not split it.
        let results = try KindTest.results("limit", "min_rest_hours: 11\nmax_hours: 14\nwindow: 1d", on: data)
        #expect(results.filter { $0.subject == "contributor:c13" }.map(\.outcome) == [.pass, .pass])
    }

    // Weekly minimum per family: two full weeks, 23 March and 30 March 2026.
    func families(opening: String? = nil) throws -> ServiceData {
        try KindTest.data(plan: KindTest.plan(extra: opening.map { "opening_hours: \"\($0)\"" } ?? "",
                                                             rosters: ["{path: contributors.csv, extra_columns: [family]}", "assignments.csv"]), contributors: """
            id,role,family
            p1,parent,F1
            p2,parent,F1
            p3,parent,F2
            p4,parent,F3
            pro,professional,
            """, assignments: """
            id,contributor,unit,start,end,kind
            f1,p1,u1,2026-03-23T08:00,2026-03-23T10:00,permanence_parent
            f2,p2,u1,2026-03-24T08:00,2026-03-24T10:00,permanence_parent
            f3,p1,u1,2026-03-30T08:00,2026-03-30T12:00,permanence_parent
            f4,p2,u1,2026-03-30T10:00,2026-03-30T12:00,permanence_parent
            f5,p3,u1,2026-03-25T08:00,2026-03-25T11:00,permanence_parent
            f6,p3,u1,2026-04-01T08:00,2026-04-01T12:00,permanence_parent
            f7,pro,u1,2026-03-25T08:00,2026-03-25T18:00,shift_professional
            """)
    }

    let familyRule = "where: assignment.kind == 'permanence_parent'\ngroup_by: contributor.extra.family\nmin_hours: 4"

    @Test func aWeeklyMinimumPerGroupAddsTheMembersHoursCountingSharedHoursOnce() throws {
        let results = try KindTest.results("limit", familyRule, on: families())
        #expect(results.map(\.subject) == ["group:F1", "group:F2", "group:F3"])
        // F1: 2 h + 2 h in the first week; 4 h in the second, p2's 10:00-12:00 inside p1's 08:00-12:00.
        #expect(try KindTest.only(results, "group:F1").outcome == .pass)
        let f2 = try KindTest.only(results, "group:F2")
        #expect(f2.outcome == .fail)
        #expect(f2.message == "group F2 serves 3 h in the week of 2026-03-23, less than 4 h")
        #expect(f2.fix == "assign group F2 1 h more in the week of 2026-03-23")
        #expect(f2.path == "assignments[4]")
    }

    @Test func aGroupWithNoAssignmentServesZeroHoursEveryWeek() throws {
        let f3 = try KindTest.only(try KindTest.results("limit", familyRule, on: families()), "group:F3")
        #expect(f3.outcome == .fail)
        #expect(f3.message == "group F3 serves 0 h in the week of 2026-03-23, less than 4 h; 1 other week is short too")
        #expect(f3.path == "contributors[3]")
    }

    @Test func aWeekWithoutPromisedHoursIsNotMeasured() throws {
        let results = try KindTest.results("limit", familyRule, on: families(opening: "Mo-Fr 08:00-18:00; Mar 30-Apr 05 off"))
        let f3 = try KindTest.only(results, "group:F3")
        #expect(f3.message == "group F3 serves 0 h in the week of 2026-03-23, less than 4 h")
    }

    @Test func anAssignmentWhoseGroupIsUnknownMakesItsContributorIndeterminate() throws {
        let data = try families()
        let i = try #require(data.assignments.firstIndex { $0.id == "f7" })
        data.assignments[i].kind = "permanence_parent"
        let r = try KindTest.only(try KindTest.results("limit", familyRule, on: data), "contributor:pro")
        #expect(r.outcome == .indeterminate)
        #expect(r.missing == ["contributor.extra.family"])
        #expect(r.key == "group_by")
    }

    @Test func aMinimumThatAnUndecidedAssignmentMightMeetIsIndeterminate() throws {
        // `position` is not in the roster: whether a duty counts cannot be decided.
        let body = "where: assignment.kind == 'permanence_parent' && assignment.position == 'parent'\ngroup_by: contributor.extra.family\nmin_hours: 4"
        let results = try KindTest.results("limit", body, on: families())
        let f2 = try KindTest.only(results, "group:F2")
        #expect(f2.outcome == .indeterminate)
        #expect(f2.missing == ["assignment.position of assignment:f5 (assignments.csv:6)"])
        // F3 has no duty at all: nothing undecided could lift it.
        #expect(try KindTest.only(results, "group:F3").outcome == .fail)
    }

    @Test func aTemplateSeesTheGroupValueAndTheMeasures() throws {
        let body = familyRule + "\nmessage: \"{{group}}: {{measured}} of {{limit}} h from {{window_start}}\""
        let f2 = try KindTest.only(try KindTest.results("limit", body, on: families()), "group:F2")
        #expect(f2.message == "F2: 3 of 4 h from 2026-03-23T00:00+01:00")
    }

    @Test func parameterErrorsAreLocated() {
        #expect(KindTest.errors("limit", "max_hours: 48\nwindow: 7x") == [
            "rules.yaml:8:13: error: bad duration '7x' in 'window'; write it like 7d, 48h, 90m or 1h30m",
        ])
        #expect(KindTest.errors("limit", "min_rest_hours: -1") == [
            "rules.yaml:7:21: error: 'min_rest_hours' must be at least 0, found -1",
        ])
        #expect(KindTest.errors("limit", "where: true") == [
            "rules.yaml:2:5: error: rule 'T-1' of kind 'limit' sets no limit; give max_hours (with window), min_rest_hours, max_block_hours, max_weeks or min_hours",
        ])
        #expect(KindTest.errors("limit", "max_hours: params.max") == [
            "rules.yaml:7:16: error: unknown parameter 'max' in 'max_hours' of rule 'T-1'; declare it under 'params'",
        ])
        #expect(KindTest.errors("limit", "max_hours: 1e300").first?.hasPrefix("rules.yaml:7:16: error: 'max_hours' must be at most 1000000") == true)
        #expect(KindTest.errors("limit", "max_weeks: 18.5") == [
            "rules.yaml:7:16: error: 'max_weeks' must be a whole number, found 18.5",
        ])
    }
}
