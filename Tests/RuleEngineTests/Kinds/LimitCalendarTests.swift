import Testing
@testable import RuleEngine

/// `limit` with `calendar:` — `max_hours` per local calendar day, week (Monday to Sunday) or
/// month, each assignment counted whole in the period of its start. Plan: Europe/Paris,
/// 2026-03-23 to 2026-04-06 (clocks go forward on Sunday 2026-03-29).
@Suite struct LimitCalendarTests {
    func data(_ rows: String) throws -> ServiceData {
        let people = Set(rows.split(separator: "\n").compactMap { $0.split(separator: ",").dropFirst().first.map(String.init) })
        return try KindTest.data(plan: KindTest.plan(),
                                    contributors: "id,role\n" + people.sorted().map { "\($0),spv" }.joined(separator: "\n"),
                                    assignments: "id,contributor,unit,start,end,kind,engine\n" + rows)
    }

    // c1, week of 03-23: three 12 h nights (36 h), 2 h on Thursday, and a night starting Sunday
    // 23:00 (after the spring change, 12 h): 50 h. Week of 03-30: four 12 h nights, 48 h — the
    // Sunday night's 11 h on Monday 30 count in the week it starts, not here.
    let sundayRows = """
        a1,c1,u1,2026-03-23T19:00,2026-03-24T07:00,garde,
        a2,c1,u1,2026-03-24T19:00,2026-03-25T07:00,garde,
        a3,c1,u1,2026-03-25T19:00,2026-03-26T07:00,garde,
        a4,c1,u1,2026-03-26T08:00,2026-03-26T10:00,garde,
        a5,c1,u1,2026-03-29T23:00,2026-03-30T11:00,garde,
        a6,c1,u1,2026-03-30T19:00,2026-03-31T07:00,garde,
        a7,c1,u1,2026-03-31T19:00,2026-04-01T07:00,garde,
        a8,c1,u1,2026-04-01T19:00,2026-04-02T07:00,garde,
        a9,c1,u1,2026-04-02T19:00,2026-04-03T07:00,garde,
        """

    @Test func anAssignmentStartingSundayNightCountsWholeInTheWeekItStarts() throws {
        let results = try KindTest.results("limit", "max_hours: 48\ncalendar: week", on: data(sundayRows))
        let r = try KindTest.only(results, "contributor:c1")
        #expect(r.outcome == .fail)
        #expect(r.message == "c1 serves 50 h in the week of 2026-03-23, more than 48 h")
        #expect(r.measured == "50 h in the week of 2026-03-23")
        #expect(r.expected == "at most 48 h in each calendar week")
        #expect(r.fix == "spread or reassign 2 h of c1's assignments starting in the week of 2026-03-23")
        #expect(r.key == "max_hours 2026-03-23")
        #expect(r.path == "assignments[0]")
    }

    @Test func aWeekOfExactly48HoursPassesWithOnePassPerContributor() throws {
        // Without the Thursday 2 h, the week of 03-23 holds exactly 48 h, as does the next one.
        let rows = sundayRows.split(separator: "\n").filter { !$0.hasPrefix("a4,") }.joined(separator: "\n")
        let results = try KindTest.results("limit", "max_hours: 48\ncalendar: week", on: data(rows))
        let r = try KindTest.only(results, "contributor:c1")
        #expect(r.outcome == .pass)
        #expect(r.key == "max_hours")
        // One hour less allowed: both weeks fail, each its own result, in order.
        let stricter = try KindTest.results("limit", "max_hours: 47\ncalendar: week", on: data(rows))
        #expect(stricter.map(\.key) == ["max_hours 2026-03-23", "max_hours 2026-03-30"])
        #expect(stricter.map(\.outcome) == [.fail, .fail])
        #expect(stricter.map(\.path) == ["assignments[0]", "assignments[4]"])
    }

    @Test func theWeekOfTheSpringChangeIsMeasuredInRealHours() throws {
        // Saturday 20:00 to Sunday 08:00 across the change is 12 local hours but 11 real ones:
        // 12 + 12 + 12 + 1 + 11 = 48 h, not 49.
        let rows = """
            d1,c2,u1,2026-03-23T08:00,2026-03-23T20:00,garde,
            d2,c2,u1,2026-03-24T08:00,2026-03-24T20:00,garde,
            d3,c2,u1,2026-03-25T08:00,2026-03-25T20:00,garde,
            d4,c2,u1,2026-03-26T08:00,2026-03-26T09:00,garde,
            d5,c2,u1,2026-03-28T20:00,2026-03-29T08:00,garde,
            """
        #expect(try KindTest.only(try KindTest.results("limit", "max_hours: 48\ncalendar: week", on: data(rows)), "contributor:c2").outcome == .pass)
        let r = try KindTest.only(try KindTest.results("limit", "max_hours: 47.5\ncalendar: week", on: data(rows)), "contributor:c2")
        #expect(r.outcome == .fail)
        #expect(r.measured == "48 h in the week of 2026-03-23")
    }

    @Test func whereChoosesTheAssignmentsThatCount() throws {
        // 40 h of garde and 12 h of astreinte in one week.
        let rows = """
            g1,c3,u1,2026-03-23T08:00,2026-03-23T20:00,garde,
            g2,c3,u1,2026-03-24T08:00,2026-03-24T20:00,garde,
            g3,c3,u1,2026-03-25T08:00,2026-03-25T20:00,garde,
            g4,c3,u1,2026-03-26T08:00,2026-03-26T12:00,garde,
            g5,c3,u1,2026-03-27T08:00,2026-03-27T20:00,astreinte,
            """
        let all = try KindTest.only(try KindTest.results("limit", "max_hours: 48\ncalendar: week", on: data(rows)), "contributor:c3")
        #expect(all.measured == "52 h in the week of 2026-03-23")
        let gardes = try KindTest.results("limit", "where: assignment.kind == 'garde'\nmax_hours: 48\ncalendar: week", on: data(rows))
        #expect(try KindTest.only(gardes, "contributor:c3").outcome == .pass)
    }

    @Test func overlappingAssignmentsCountOnceAndADayCountsWhatStartsOnIt() throws {
        // Monday 08:00-20:00 and 12:00-22:00 overlap: 14 h. Monday's 22:00 night counts on Monday.
        let rows = """
            o1,c4,u1,2026-03-23T08:00,2026-03-23T20:00,garde,
            o2,c4,u1,2026-03-23T12:00,2026-03-23T22:00,garde,
            o3,c4,u1,2026-03-24T22:00,2026-03-25T10:00,garde,
            o4,c4,u1,2026-03-25T08:00,2026-03-25T10:00,garde,
            """
        let results = try KindTest.results("limit", "max_hours: 13\ncalendar: day", on: data(rows))
        let r = try KindTest.only(results, "contributor:c4")
        #expect(r.message == "c4 serves 14 h on 2026-03-23, more than 13 h")
        #expect(r.key == "max_hours 2026-03-23")
        #expect(r.expected == "at most 13 h in each calendar day")
        // Tuesday's night (12 h) and Wednesday's 2 h are within 13 h each.
        #expect(results.count == 1)
    }

    @Test func aMonthCountsTheAssignmentsStartingInIt() throws {
        // March: 12 h + a night from 31 March to 1 April (12 h) = 24 h; April: 12 h.
        let rows = """
            m1,c5,u1,2026-03-30T08:00,2026-03-30T20:00,garde,
            m2,c5,u1,2026-03-31T19:00,2026-04-01T07:00,garde,
            m3,c5,u1,2026-04-01T19:00,2026-04-02T07:00,garde,
            """
        let r = try KindTest.only(try KindTest.results("limit", "max_hours: 20\ncalendar: month", on: data(rows)), "contributor:c5")
        #expect(r.message == "c5 serves 24 h in the month of 2026-03, more than 20 h")
        #expect(r.key == "max_hours 2026-03-01")
    }

    @Test func anUndecidedAssignmentLeavesTheOtherWeeksIndeterminate() throws {
        // 50 h of sure VSAV duty in the first week; one assignment without an engine next week.
        let rows = """
            v1,c6,u1,2026-03-23T08:00,2026-03-24T10:00,garde,VSAV
            v2,c6,u1,2026-03-25T08:00,2026-03-26T08:00,garde,VSAV
            v3,c6,u1,2026-03-30T08:00,2026-03-31T08:00,garde,
            """
        let results = try KindTest.results("limit", "where: assignment.engine == 'VSAV'\nmax_hours: 48\ncalendar: week", on: data(rows))
        #expect(results.map(\.outcome) == [.fail, .indeterminate])
        #expect(results.first?.measured == "50 h in the week of 2026-03-23")
        #expect(results.last?.missing == ["assignment.engine of assignment:v3 (assignments.csv:4)"])
    }

    @Test func aTemplateSeesTheCalendarPeriod() throws {
        let body = "max_hours: 48\ncalendar: week\nmessage: \"overload {{contributor.id}} {{calendar_start}} {{measured}} from {{window_start}}\""
        let r = try KindTest.only(try KindTest.results("limit", body, on: data(sundayRows)), "contributor:c1")
        #expect(r.message == "overload c1 2026-03-23 50 from 2026-03-23T00:00+01:00")
    }

    @Test func calendarErrorsAreLocated() {
        #expect(KindTest.errors("limit", "max_hours: 48\ncalendar: weak") == [
            "rules.yaml:8:15: error: unknown calendar 'weak' in rule 'T-1'; use day, week (Monday to Sunday) or month; did you mean 'week'?",
        ])
        #expect(KindTest.errors("limit", "max_hours: 48\nwindow: 7d\ncalendar: week") == [
            "rules.yaml:9:15: error: 'calendar' and 'window' in rule 'T-1' both say where max_hours is measured; keep calendar (each calendar period) or window (any rolling window), not both",
        ])
        #expect(KindTest.errors("limit", "min_rest_hours: 11\ncalendar: week") == [
            "rules.yaml:8:15: error: 'calendar' in rule 'T-1' applies to 'max_hours', which is not given; add max_hours or remove calendar",
        ])
    }
}
