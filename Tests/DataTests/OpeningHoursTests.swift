import Testing
@testable import RuleEngine

/// Opening hours: the published examples of the OpenStreetMap wiki (Key:opening_hours), the
/// subset's edges, and expansion across daylight-saving changes.
@Suite struct OpeningHoursTests {
    /// The open spans of one local day in Paris, as `HH:MM-HH:MM` (a span running past midnight
    /// shows its end on the next day as `+HH:MM`).
    func day(_ hours: String, _ date: String, holidays: PublicHolidays = .france) throws -> [String] {
        let oh = try OpeningHours(parsing: hours)
        let d = try DateTimeText.date(date).get()
        let zone = ZoneRules.paris
        let from = zone.startOfDay(d)
        let to = zone.startOfDay(CivilDate(daysSinceEpoch: d.daysSinceEpoch + 1))
        return oh.expand(from: from, to: to, zone: zone, holidays: holidays).map { i in
            let s = LocalTime.format(local: zone.local(utc: i.start)).suffix(5)
            let e = LocalTime.format(local: zone.local(utc: i.end)).suffix(5)
            return "\(s)-\(i.end == to ? "24:00" : String(e))"
        }
    }

    /// Open hours over one local day.
    func openHours(_ hours: String, _ date: String) throws -> Double {
        let oh = try OpeningHours(parsing: hours)
        let d = try DateTimeText.date(date).get()
        let zone = ZoneRules.paris
        let from = zone.startOfDay(d)
        let to = zone.startOfDay(CivilDate(daysSinceEpoch: d.daysSinceEpoch + 1))
        return Double(Interval.totalDuration(oh.expand(from: from, to: to, zone: zone, holidays: .france))) / 3600
    }

    // 2026-03-02 is a Monday.

    @Test func wikiWeekdayHours() throws {
        #expect(try day("Mo-Fr 08:30-20:00", "2026-03-02") == ["08:30-20:00"])
        #expect(try day("Mo-Fr 08:30-20:00", "2026-03-07") == [])
    }

    @Test func wikiWeekendAllDay() throws {
        #expect(try day("Sa-Su 00:00-24:00", "2026-03-07") == ["00:00-24:00"])
        #expect(try day("Sa-Su 00:00-24:00", "2026-03-06") == [])
    }

    @Test func wikiSeveralRulesWithLunchBreaks() throws {
        let h = "Mo 10:00-12:00,12:30-15:00; Tu-Fr 08:00-12:00,12:30-15:00; Sa 08:00-12:00"
        #expect(try day(h, "2026-03-02") == ["10:00-12:00", "12:30-15:00"])
        #expect(try day(h, "2026-03-04") == ["08:00-12:00", "12:30-15:00"])
        #expect(try day(h, "2026-03-07") == ["08:00-12:00"])
        #expect(try day(h, "2026-03-08") == [])
    }

    @Test func wikiMonthAndDateExceptions() throws {
        let h = "Mo-Su 08:00-18:00; Apr 10-15 off; Jun 08:00-14:00; Aug off; Dec 25 off"
        #expect(try day(h, "2026-03-02") == ["08:00-18:00"])
        #expect(try day(h, "2026-04-12") == [])
        #expect(try day(h, "2026-04-16") == ["08:00-18:00"])
        #expect(try day(h, "2026-06-01") == ["08:00-14:00"])
        #expect(try day(h, "2026-08-03") == [])
        #expect(try day(h, "2026-12-25") == [])
        #expect(try day(h, "2026-12-26") == ["08:00-18:00"])
    }

    @Test func wikiALaterRuleReplacesTheDay() throws {
        #expect(try day("Mo-Sa 10:00-20:00; Tu off", "2026-03-03") == [])
        #expect(try day("Mo-Sa 10:00-20:00; Tu 10:00-14:00", "2026-03-03") == ["10:00-14:00"])
        #expect(try day("Mo-Sa 10:00-20:00; Tu 10:00-14:00", "2026-03-04") == ["10:00-20:00"])
    }

    @Test func weekdayListsAndRanges() throws {
        #expect(try day("Mo-We,Fr 09:00-13:30,14:00-18:30", "2026-03-06") == ["09:00-13:30", "14:00-18:30"])
        #expect(try day("Mo-We,Fr 09:00-13:30,14:00-18:30", "2026-03-05") == [])
        #expect(try day("Mo,We,Fr 09:00-12:00", "2026-03-04") == ["09:00-12:00"])
    }

    @Test func publicHolidaysAreOffWhenSaid() throws {
        // Easter Monday 2026 is 6 April; 14 July is a Tuesday.
        #expect(try day("Mo-Fr 07:30-18:30; PH off", "2026-04-06") == [])
        #expect(try day("Mo-Fr 07:30-18:30; PH off", "2026-07-14") == [])
        #expect(try day("Mo-Fr 07:30-18:30; PH off", "2026-07-15") == ["07:30-18:30"])
        #expect(try day("Mo-Sa 10:00-20:00; Su,PH off", "2026-05-01") == [])
        #expect(try day("Mo-Fr 07:30-18:30; PH off", "2026-04-06", holidays: PublicHolidays(.none)) == ["07:30-18:30"])
        let listed = PublicHolidays(.list([CivilDate(year: 2026, month: 3, day: 3)]))
        #expect(try day("Mo-Fr 07:30-18:30; PH off", "2026-03-03", holidays: listed) == [])
    }

    @Test func frenchHolidaysOf2026() {
        let days = CivilCalendar.frenchPublicHolidays(year: 2026).map(\.iso)
        #expect(days == ["2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14", "2026-05-25",
                         "2026-07-14", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25"])
    }

    @Test func spansPastMidnightRunIntoTheNextDay() throws {
        // Friday night to Saturday morning.
        #expect(try day("Fr 22:00-02:00", "2026-03-07") == ["00:00-02:00"])
        #expect(try day("Fr 22:00-26:00", "2026-03-06") == ["22:00-24:00"])
        #expect(try day("Fr-Mo 19:00-07:00", "2026-03-04") == [])
        #expect(try day("Fr-Mo 19:00-07:00", "2026-03-03") == ["00:00-07:00"])
        #expect(try day("Fr-Mo 19:00-07:00", "2026-03-08") == ["00:00-07:00", "19:00-24:00"])
    }

    @Test func additionalRulesAdd() throws {
        #expect(try day("Mo-Fr 08:00-12:00, We 14:00-16:00", "2026-03-04") == ["08:00-12:00", "14:00-16:00"])
        #expect(try day("Mo-Fr 08:00-12:00; We 14:00-16:00", "2026-03-04") == ["14:00-16:00"])
    }

    @Test func wrappingDateRanges() throws {
        #expect(try day("24/7; Dec 24-Jan 02 off", "2026-12-31") == [])
        #expect(try day("24/7; Dec 24-Jan 02 off", "2027-01-03") == ["00:00-24:00"])
        #expect(try day("Jul-Aug 10:00-12:00", "2026-07-01") == ["10:00-12:00"])
        #expect(try day("Jul-Aug 10:00-12:00", "2026-09-01") == [])
        #expect(try day("24/7; Jan 01,Dec 25 off", "2026-01-01") == [])
    }

    @Test func twentyFourSevenFollowsTheClocks() throws {
        #expect(try openHours("24/7", "2026-03-02") == 24)
        #expect(try openHours("24/7", "2026-03-29") == 23)
        #expect(try openHours("24/7", "2026-10-25") == 25)
    }

    @Test func aSpanInsideTheSpringGapIsEmpty() throws {
        #expect(try openHours("Su 02:00-03:00", "2026-03-29") == 0)
        #expect(try openHours("Su 02:30-05:00", "2026-03-29") == 2)
        #expect(try openHours("Su 01:00-04:00", "2026-03-29") == 2)
    }

    @Test func aSpanOverTheAutumnOverlapKeepsBothHours() throws {
        #expect(try openHours("Su 01:00-04:00", "2026-10-25") == 4)
        #expect(try openHours("Su 02:30-03:30", "2026-10-25") == 2)
    }

    @Test func expansionIsSortedMergedAndClipped() throws {
        let oh = try OpeningHours(parsing: "Mo-Fr 08:00-12:00,12:00-18:00")
        let from = paris("2026-03-02T10:00"), to = paris("2026-03-04T00:00")
        let iv = oh.expand(from: from, to: to, zone: .paris, holidays: .france)
        #expect(iv == [Interval(start: from, end: paris("2026-03-02T18:00")),
                       Interval(start: paris("2026-03-03T08:00"), end: paris("2026-03-03T18:00"))])
    }

    @Test(arguments: [
        ("Mo-Fr 08:00-18:00; SH off", 19, "unsupported opening_hours syntax 'SH' (school holidays); use PH or dates"),
        ("sunrise-sunset", 0, "unsupported opening_hours syntax 'sunrise' (times of the sun); use clock times"),
        ("Mo-Fr 17:00-03:00, Sa-Su 18:00+", 30, "unsupported opening_hours syntax '+' (open end); give an end time"),
        ("2026 Dec 25 off", 0, "unsupported opening_hours syntax '2026' (years); use month and day"),
        ("Mo[1] 10:00-12:00", 2, "unsupported opening_hours syntax '[' (nth weekday); list the dates"),
        ("week 01-10 Mo 10:00-12:00", 0, "unsupported opening_hours syntax 'week' (week numbers); use dates"),
        ("Mo-Fr 08:00-18:00 \"by appointment\"", 18, "unsupported opening_hours syntax '\"' (comments); remove the comment"),
        ("Mo-Fr 08:00-18:00 || unknown", 18, "unsupported opening_hours syntax '||' (fallback rules); use ';'"),
        ("Mo-Fr 8h-18h", 6, "malformed time '8h' in opening_hours; expected HH:MM; did you mean 08:00?"),
        ("Mo-Fr 08:00-25:61", 12, "malformed time '25:61' in opening_hours; expected HH:MM; minutes go from 00 to 59"),
        // A four-digit time is a time without its colon, not a year.
        ("Mo-Fr 07:30-1830", 12, "malformed time '1830' in opening_hours; expected HH:MM; did you mean 18:30?"),
        ("Mo-Fr 07h30-18h30", 6, "malformed time '07h30' in opening_hours; expected HH:MM; did you mean 07:30?"),
        ("Lu-Ve 07:30-18:30", 0, "unsupported opening_hours syntax 'Lu' (a French day name); write days as Mo Tu We Th Fr Sa Su"),
        ("Mo-Fx 08:00-18:00", 3, "expected a weekday (Mo Tu We Th Fr Sa Su) in opening_hours"),
        ("Feb 30 off", 4, "day 30 does not exist in Feb"),
        ("", 0, "empty opening_hours; write 24/7, off or times like Mo-Fr 08:00-18:00"),
        ("Mo-Fr 08:00-18:00;;", 18, "empty rule in opening_hours; remove the extra separator"),
        ("Mo-Fr 08:00-18:00,", 18, "opening_hours ends after a separator; remove it or add a rule"),
    ])
    func unsupportedSyntaxIsPlacedInTheString(text: String, offset: Int, message: String) {
        do {
            _ = try OpeningHours(parsing: text)
            Issue.record("parsed '\(text)'")
        } catch let e as OpeningHours.SyntaxError {
            #expect(e.message == message)
            #expect(e.offset == offset)
        } catch {
            Issue.record("\(error)")
        }
    }
}
