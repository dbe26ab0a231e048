import Foundation

/// Local times as people read them in findings.
public enum KindTime {
    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// `Tue 2026-03-03 14:00–18:00`; `Mon 2026-03-02 19:00 – Tue 2026-03-03 07:00` across
    /// days; an end at the next local midnight reads `24:00`.
    public static func span(_ span: Timeline.Span, _ zone: ZoneRules) -> String {
        let (d1, t1) = split(zone.local(utc: span.start))
        let (d2, t2) = split(zone.local(utc: span.end))
        if let text = ASCIIText.make({ w in
            func day(_ days: Int64) {
                w.text(weekdays[CivilCalendar.weekday(days: days)])
                w.byte(UInt8(ascii: " "))
                w.date(CivilDate(daysSinceEpoch: days))
            }
            day(d1)
            w.byte(UInt8(ascii: " "))
            w.clock(t1)
            if d1 == d2 || (d2 == d1 + 1 && t2 == 0) {
                w.text("–")
                if d1 == d2 { w.clock(t2) } else { w.text("24:00") }
            } else {
                w.text(" – ")
                day(d2)
                w.byte(UInt8(ascii: " "))
                w.clock(t2)
            }
        }) { return text }
        if d1 == d2 { return "\(day(d1)) \(clock(t1))–\(clock(t2))" }
        if d2 == d1 + 1 && t2 == 0 { return "\(day(d1)) \(clock(t1))–24:00" }
        return "\(day(d1)) \(clock(t1)) – \(day(d2)) \(clock(t2))"
    }

    /// `2026-03-03T14:00+01:00/2026-03-03T18:00+01:00`: unambiguous (offsets tell the two
    /// 02:30 of an autumn night apart) and stable, for result keys.
    public static func key(_ span: Timeline.Span, _ zone: ZoneRules) -> String {
        LocalTime.format(utc: span.start, in: zone) + "/" + LocalTime.format(utc: span.end, in: zone)
    }

    /// Hours as a short decimal: `12`, `7.5`, `0.25`.
    public static func hours(_ seconds: Int64) -> String {
        let h = Double(seconds) / 3600
        let rounded = (h * 100).rounded() / 100
        return Value.double(rounded).displayText
    }

    /// `Tue 2026-03-03 14:00–18:00, Wed … and 3 more` (at most `limit` spans).
    public static func list(_ spans: [Timeline.Span], _ zone: ZoneRules, limit: Int = 3) -> String {
        var parts = spans.prefix(limit).map { span($0, zone) }
        if spans.count > limit { parts.append("and \(spans.count - limit) more") }
        return parts.joined(separator: ", ")
    }

    private static func split(_ local: Int64) -> (Int64, Int64) {
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return (days, local - days * 86_400)
    }

    private static func day(_ days: Int64) -> String {
        "\(weekdays[CivilCalendar.weekday(days: days)]) \(CivilDate(daysSinceEpoch: days).iso)"
    }

    private static func clock(_ secs: Int64) -> String {
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let s = secs % 60
        return "\(two(secs / 3600)):\(two((secs % 3600) / 60))" + (s == 0 ? "" : ":\(two(s))")
    }
}

/// Local dates and times of instants, in the plan's time zone.
enum LocalDates {
    /// The local calendar date of an instant.
    static func date(_ utc: Int64, _ zone: ZoneRules) -> CivilDate {
        CivilDate(dayNumber: day(utc, zone))
    }

    /// The local calendar day of an instant as a day number (`CivilDate.dayNumber`), without
    /// building the date.
    static func day(_ utc: Int64, _ zone: ZoneRules) -> Int64 {
        let local = zone.local(utc: utc)
        return local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    }

    /// `lastDay` as a day number.
    static func lastDayNumber(start: Int64, end: Int64, _ zone: ZoneRules) -> Int64 {
        end > start ? day(end - 1, zone) : day(start, zone)
    }

    /// The last local day an assignment `[start, end)` touches: the day of `end - 1 s`, so a
    /// shift ending at 00:00 does not need that day; a zero-length one needs its start day.
    static func lastDay(start: Int64, end: Int64, _ zone: ZoneRules) -> CivilDate {
        end > start ? date(end - 1, zone) : date(start, zone)
    }

    /// `2026-03-02T19:00+01:00`.
    static func time(_ utc: Int64, _ zone: ZoneRules) -> String { LocalTime.format(utc: utc, in: zone) }
}

/// A number for messages with at most two decimals: `5`, `6.51`, `0.33`.
func numberText(_ x: Double) -> String {
    guard x.isFinite else { return x > 0 ? "infinity" : "-infinity" }
    let r = (x * 100).rounded() / 100
    if r == r.rounded() && abs(r) < 1e15 { return String(Int64(r)) }
    var s = String(format: "%.2f", r)
    while s.hasSuffix("0") { s.removeLast() }
    return s
}
