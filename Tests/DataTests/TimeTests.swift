import Testing
@testable import RuleEngine

/// Dates, date-times and the plan's time zone, daylight-saving changes included.
@Suite struct TimeTests {
    @Test func civilDaysRoundTrip() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            #expect(CivilDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(CivilDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(CivilDate(year: 2026, month: 3, day: 2).weekday == 0)  // a Monday
        #expect(CivilDate(year: 2000, month: 2, day: 29).daysSinceEpoch == 11_016)
    }

    @Test(arguments: [
        ("2026-02-30", " (February 2026 has 28 days)"),
        ("2024-02-30", " (February 2024 has 29 days)"),
        ("2026-04-31", " (April 2026 has 30 days)"),
        ("2026-13-01", " (there is no month 13)"),
        ("2026-3-2", "; expected YYYY-MM-DD"),
        ("02/03/2026", "; expected YYYY-MM-DD"),
        ("2026-03-02T10:00", "; expected YYYY-MM-DD"),
    ])
    func badDates(text: String, reason: String) {
        #expect(DateTimeText.date(text) == .failure(DateTimeText.Problem(reason: reason)))
    }

    @Test func dateTimesWithAndWithoutOffsets() {
        #expect(DateTimeText.dateTime("2026-03-02T19:00") == .success(.local(local("2026-03-02T19:00"))))
        #expect(DateTimeText.dateTime("2026-03-02 19:00:30") == .success(.local(local("2026-03-02T19:00") + 30)))
        #expect(DateTimeText.dateTime("2026-03-02T18:00:00Z") == .success(.absolute(1_772_474_400)))
        #expect(DateTimeText.dateTime("2026-03-02T19:00+01:00") == .success(.absolute(1_772_474_400)))
        #expect(DateTimeText.dateTime("2026-03-02T19:00:00.250+0100") == .success(.absolute(1_772_474_400)))
        #expect(DateTimeText.dateTime("2026-03-02T13:00-05") == .success(.absolute(1_772_474_400)))
    }

    @Test(arguments: ["2026-03-02T24:00", "2026-03-02T19", "2026-03-02T19:00+1", "2026-03-02T19:00 CET", "2026-03-02"])
    func badDateTimes(text: String) {
        guard case .failure = DateTimeText.dateTime(text) else {
            Issue.record("accepted \(text)")
            return
        }
    }

    @Test func parisOffsetsFollowSummerTime() {
        let zone = ZoneRules.paris
        #expect(zone.offset(atUTC: paris("2026-01-15T12:00")) == 3600)
        #expect(zone.offset(atUTC: paris("2026-07-15T12:00")) == 7200)
        // Transitions of 2026: 29 March 01:00 UTC and 25 October 01:00 UTC.
        #expect(zone.transitions.contains(1_774_746_000))
        #expect(zone.transitions.contains(1_792_890_000))
    }

    @Test func aNightShiftOverTheAutumnChangeLastsThirteenHours() {
        #expect(paris("2026-10-25T07:00") - paris("2026-10-24T19:00") == 13 * 3600)
    }

    @Test func aNightShiftOverTheSpringChangeLastsElevenHours() {
        #expect(paris("2026-03-29T07:00") - paris("2026-03-28T19:00") == 11 * 3600)
    }

    @Test func theSpringGapIsReported() {
        let zone = ZoneRules.paris
        guard case .gap(let shifted, let gs, let ge) = zone.resolve(local: local("2026-03-29T02:30")) else {
            Issue.record("02:30 on 29 March 2026 should not exist")
            return
        }
        #expect(gs == local("2026-03-29T02:00"))
        #expect(ge == local("2026-03-29T03:00"))
        #expect(zone.local(utc: shifted) == local("2026-03-29T03:30"))
        #expect(DateTimeText.instant(.local(local("2026-03-29T02:30")), in: zone) == .failure(DateTimeText.Problem(
            reason: " does not exist in Europe/Paris (clocks jump from 02:00 to 03:00); give an offset or a time outside the gap")))
    }

    @Test func uniqueLocalRangesStopAtTheChanges() {
        let zone = ZoneRules.paris
        let r = zone.uniqueLocalRange(aroundUTC: paris("2026-07-01T12:00"))
        #expect(r.lo == local("2026-03-29T03:00"))
        #expect(r.hi == local("2026-10-25T02:00"))
        #expect(r.offset == 7200)
        let w = zone.uniqueLocalRange(aroundUTC: paris("2026-12-01T12:00"))
        #expect(w.lo == local("2026-10-25T03:00"))
        #expect(w.hi == local("2027-03-28T02:00"))
        #expect(w.offset == 3600)
    }

    @Test func theCachedConversionAgreesWithTheZoneAcrossTheYear() throws {
        var rows = ["id,contributor,unit,start,end,kind"]
        var expected: [Int64] = []
        var t = local("2026-01-01T00:30")
        var n = 0
        while t < local("2027-01-01T00:00") {
            let text = LocalTime.format(local: t)
            if case .unique(let u) = ZoneRules.paris.resolve(local: t) {
                rows.append("a-\(n),c-1,cis-a,\(text),2027-06-01T00:00,garde")
                expected.append(u)
                n += 1
            }
            t += 7 * 3600 + 13 * 60
        }
        let data = try loadFiles(withRosters(["contributors.csv": "id,role\nc-1,spv\n", "assignments.csv": rows.joined(separator: "\n") + "\n"]))
        #expect(data.assignments.map(\.start) == expected)
    }

    @Test func theAutumnOverlapTakesTheFirstOccurrence() {
        let zone = ZoneRules.paris
        let l = local("2026-10-25T02:30")
        #expect(zone.resolve(local: l) == .ambiguous(l - 7200, l - 3600))
        #expect(DateTimeText.instant(.local(l), in: zone) == .success(l - 7200))
        // The second occurrence is reachable with an offset.
        #expect(DateTimeText.dateTime("2026-10-25T02:30+01:00") == .success(.absolute(l - 3600)))
    }

    @Test func assignmentsOverTheChangesHaveTheirRealDuration() throws {
        let data = try loadFiles(withRosters([
            "contributors.csv": "id,role\nc-1,spv\n",
            "assignments.csv": """
            id,contributor,unit,start,end,kind
            a-1,c-1,cis-a,2026-10-24T19:00,2026-10-25T07:00,garde
            a-2,c-1,cis-a,2026-03-28T19:00,2026-03-29T07:00,garde
            a-3,c-1,cis-a,2026-03-02T18:00:00Z,2026-03-03T07:00+01:00,garde

            """,
        ]))
        let lengths: [Int64] = data.assignments.map { $0.end - $0.start }
        let expected: [Int64] = [46_800, 39_600, 43_200]  // 13 h, 11 h, 12 h
        #expect(lengths == expected)
        guard case .value(.duration(let d)) = data.assignments[0].field("duration") else {
            Issue.record("no duration")
            return
        }
        #expect(d.seconds == 13 * 3600)
    }

    @Test func theCheckingPeriodRunsFromLocalMidnightToLocalMidnight() throws {
        let data = try loadFiles(["plan.yaml": minimalPlan])
        #expect(data.plan.period.startInstant == paris("2026-03-02T00:00"))
        #expect(data.plan.period.endInstant == paris("2026-03-09T00:00"))
    }

    @Test func anotherTimeZoneReadsLocalTimesThere() throws {
        let data = try loadFiles(withRosters([
            "contributors.csv": "id,role\nc-1,spv\n",
            "assignments.csv": "id,contributor,unit,start,end,kind\na-1,c-1,cis-a,2026-03-02T08:00,2026-03-02T20:00,garde\n",
        ], planExtra: "time_zone: America/Cayenne\n"))
        #expect(data.assignments[0].start == local("2026-03-02T08:00") + 3 * 3600)
    }
}
