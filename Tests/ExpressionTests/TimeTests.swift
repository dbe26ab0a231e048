import Testing
@testable import RuleEngine

@Suite struct DateTests {
    @Test func dateLiteralsCompareByCalendarOrder() throws {
        try expectValue("date('2026-03-31') > date('2026-02-28')", .bool(true))
        try expectValue("date('2026-03-31') == date('2026-03-31')", .bool(true))
        try expectValue("string(date('2026-03-31'))", .string("2026-03-31"))
        try expectValue("type(today)", .type("date"))
    }

    @Test func addingDaysCrossesMonthsYearsAndLeapDays() throws {
        try expectValue("date('2026-01-31') + days(1) == date('2026-02-01')", .bool(true))
        try expectValue("date('2024-02-28') + days(1) == date('2024-02-29')", .bool(true))
        try expectValue("date('2025-02-28') + days(1) == date('2025-03-01')", .bool(true))
        try expectValue("date('2026-12-31') + duration('24h') == date('2027-01-01')", .bool(true))
        try expectValue("date('2026-03-01') - days(1) == date('2026-02-28')", .bool(true))
    }

    @Test func dateArithmeticIgnoresDaylightSavingChanges() throws {
        // Europe switched to summer time on 2026-03-29: a date plus one day is still the next day.
        try expectValue("date('2026-03-28') + days(1)", .date(CivilDate(year: 2026, month: 3, day: 29)))
        try expectValue("date('2026-03-30') - date('2026-03-28') == duration('48h')", .bool(true))
        try expectValue("days_between(date('2026-03-28'), date('2026-03-30'))", .int(2))
        try expectValue("date('2026-10-24') + days(2) == date('2026-10-26')", .bool(true))
    }

    @Test func aDateMovesByWholeDaysOnly() throws {
        try expectError("date('2026-03-31') + duration('1h')", containing: "whole days")
    }

    @Test func daysBetweenIsSignedAndAgeCountsWholeYears() throws {
        try expectValue("days_between(date('2026-03-31'), date('2026-03-01'))", .int(-30))
        try expectValue("age_at(contributor.birth_date, today)", .int(17))
        try expectValue("age_at(date('2008-04-15'), date('2026-04-15'))", .int(18))
        try expectValue("age_at(date('2008-04-15'), date('2026-04-14'))", .int(17))
        // Born on 29 February: the birthday counts on 1 March in common years.
        try expectValue("age_at(date('2008-02-29'), date('2026-02-28'))", .int(17))
        try expectValue("age_at(date('2008-02-29'), date('2026-03-01'))", .int(18))
        try expectError("age_at(date('2030-01-01'), today)", containing: "after")
    }

    @Test func dateFromTimestampUsesTheGivenTimeZone() throws {
        try expectValue("date(timestamp('2026-03-31T23:30:00Z'))", .date(CivilDate(year: 2026, month: 3, day: 31)))
        try expectValue("date(timestamp('2026-03-31T23:30:00Z'), 'Europe/Paris')", .date(CivilDate(year: 2026, month: 4, day: 1)))
        try expectValue("date('2026-03-31').getDayOfWeek()", .int(2))
        try expectValue("date('2026-03-31').getMonth()", .int(2))
    }

    @Test func invalidDateLiteralIsALocatedErrorAtLoad() {
        #expect(Fixtures.diagnostic("today > date('2026-02-30')")
            == "rules.yaml:12:27: error: invalid date '2026-02-30'; write it like 2026-03-31")
    }

    @Test func civilDateRoundTripsThroughDayNumbers() {
        for n: Int64 in [-719162, -1, 0, 1, 10957, 20543, 2932896] {
            #expect(CivilDate(dayNumber: n).dayNumber == n)
        }
        #expect(CivilDate(dayNumber: 0) == CivilDate(year: 1970, month: 1, day: 1))
    }
}

@Suite struct TimestampAndDurationTests {
    @Test func timeZoneAccessorsFollowDaylightSaving() throws {
        try expectValue("timestamp('2026-03-28T12:00:00Z').getHours('Europe/Paris')", .int(13))
        try expectValue("timestamp('2026-03-30T12:00:00Z').getHours('Europe/Paris')", .int(14))
        try expectValue("timestamp('2026-03-30T12:00:00Z').getHours('+05:30')", .int(17))
        try expectError("now.getHours('Mars/Olympus')", containing: "unknown time zone")
    }

    @Test func durationsParseAndPrintLikeCEL() throws {
        try expectValue("duration('1h30m') == duration('90m')", .bool(true))
        try expectValue("string(duration('1h30m'))", .string("5400s"))
        try expectValue("string(duration('1.5s'))", .string("1.5s"))
        try expectValue("duration('-90m').getMinutes()", .int(-90))
        try expectValue("now + duration('36h') > now", .bool(true))
        try expectValue("string(timestamp('2026-03-31T08:00:00+02:00'))", .string("2026-03-31T06:00:00Z"))
    }

    @Test func timestampOverflowIsAnError() throws {
        try expectError("timestamp('9999-12-31T23:59:59Z') + duration('1s')", containing: "out of range")
    }
}

@Suite struct IntervalTests {
    @Test func dateRangesIncludeBothEnds() throws {
        try expectValue("overlaps(date('2026-03-01'), date('2026-03-31'), date('2026-03-31'), date('2026-04-30'))", .bool(true))
        try expectValue("overlaps(date('2026-03-01'), date('2026-03-30'), date('2026-03-31'), date('2026-04-30'))", .bool(false))
        try expectValue("within(today, date('2026-03-01'), date('2026-03-31'))", .bool(true))
        try expectValue("within(today, date('2026-04-01'), date('2026-04-30'))", .bool(false))
    }

    @Test func timestampRangesAreHalfOpenSoBackToBackShiftsDoNotOverlap() throws {
        let a = "timestamp('2026-03-31T08:00:00Z'), timestamp('2026-03-31T20:00:00Z')"
        try expectValue("overlaps(\(a), timestamp('2026-03-31T20:00:00Z'), timestamp('2026-04-01T08:00:00Z'))", .bool(false))
        try expectValue("overlaps(\(a), timestamp('2026-03-31T19:59:59Z'), timestamp('2026-04-01T08:00:00Z'))", .bool(true))
        try expectValue("within(timestamp('2026-03-31T20:00:00Z'), \(a))", .bool(false))
        try expectValue("within(now, \(a))", .bool(true))
    }

    @Test func mixingDatesAndTimestampsIsALoadError() {
        #expect(Fixtures.diagnostic("within(now, today, today)")?.contains("no function within(timestamp, date, date)") == true)
    }
}
