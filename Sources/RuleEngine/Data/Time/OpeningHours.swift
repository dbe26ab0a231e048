/// Opening hours in the subset of OpenStreetMap's `opening_hours` syntax that plans use
/// (documented in docs/data-model.md), parsed once and expanded over a checking period.
public struct OpeningHours: Hashable, Sendable, CustomStringConvertible {
    /// The text as written.
    public let source: String
    let rules: [Rule]

    struct Rule: Hashable, Sendable {
        /// Joined to the previous rule by `,` after a time: adds instead of replacing.
        var additional = false
        /// Ordinal ranges `month * 100 + day`, inclusive; empty: every date.
        var dateRanges: [DateRange] = []
        /// Bit `1 << weekday` (0 = Monday); zero with `publicHoliday == false`: every day.
        var weekdays: UInt8 = 0
        var publicHoliday = false
        /// Minutes from the day's local midnight, half-open, end up to 48 h.
        var spans: [Span] = []
        var closed = false

        var hasWeekdaySelector: Bool { weekdays != 0 || publicHoliday }
    }

    /// `month * 100 + day` bounds, inclusive; `lo > hi` wraps over the new year (`Dec 24-Jan 02`).
    struct DateRange: Hashable, Sendable {
        var lo: Int
        var hi: Int
        func contains(_ ordinal: Int) -> Bool {
            lo <= hi ? (ordinal >= lo && ordinal <= hi) : (ordinal >= lo || ordinal <= hi)
        }
    }

    struct Span: Hashable, Sendable {
        var start: Int
        var end: Int
    }

    public var description: String { source }

    /// Open at every moment.
    public static let alwaysOpen = OpeningHours(source: "24/7", rules: [Rule(spans: [Span(start: 0, end: 1440)])])

    init(source: String, rules: [Rule]) {
        self.source = source
        self.rules = rules
    }

    /// A syntax error: `offset` counts Unicode scalars from the start of the text.
    public struct SyntaxError: Error, Hashable, Sendable {
        public var offset: Int
        public var message: String
    }

    /// Parses the supported subset.
    /// - Throws: `SyntaxError` at the first unsupported or malformed part.
    public init(parsing text: String) throws {
        var p = HoursParser(Array(text.unicodeScalars))
        rules = try p.parseAll()
        source = text
    }

    /// The open spans of one local day (minutes from that day's midnight, may run past 1440).
    func spans(onDay day: Int64, isHoliday: (Int64) -> Bool) -> [Span] {
        var out: [Span] = []
        let date = CivilDate(daysSinceEpoch: day)
        let ordinal = date.month * 100 + date.day
        let wd = CivilCalendar.weekday(days: day)
        var holidayCache: Bool?
        for rule in rules {
            if !rule.dateRanges.isEmpty {
                let hit = rule.dateRanges.contains { $0.contains(ordinal) }
                if !hit { continue }
            }
            if rule.hasWeekdaySelector {
                var hit = rule.weekdays & (1 << UInt8(wd)) != 0
                if !hit, rule.publicHoliday {
                    if holidayCache == nil { holidayCache = isHoliday(day) }
                    hit = holidayCache ?? false
                }
                if !hit { continue }
            }
            if !rule.additional || rule.closed { out.removeAll() }
            if !rule.closed { out += rule.spans }
        }
        return out
    }

    /// The open intervals within `[from, to)` (epoch seconds), sorted and merged.
    ///
    /// Local boundaries follow `zone`: a boundary inside a spring-forward gap moves to the end of
    /// the gap (the instant clocks jump); inside an autumn overlap a start takes the first
    /// occurrence and an end the second, so no open moment is lost.
    public func expand(from: Int64, to: Int64, zone: ZoneRules, holidays: PublicHolidays) -> [Interval] {
        guard from < to else { return [] }
        let firstDay = floorDiv(zone.local(utc: from), 86_400) - 1
        let lastDay = floorDiv(zone.local(utc: to), 86_400)
        var out: [Interval] = []
        var day = firstDay
        while day <= lastDay {
            for s in spans(onDay: day, isHoliday: holidays.contains) {
                let ls = day * 86_400 + Int64(s.start) * 60
                let le = day * 86_400 + Int64(s.end) * 60
                let us: Int64, ue: Int64
                switch zone.resolve(local: ls) {
                case .unique(let u): us = u
                case .ambiguous(let a, _): us = a
                case .gap(_, _, let gapEnd): us = zone.instant(local: gapEnd)
                }
                switch zone.resolve(local: le) {
                case .unique(let u): ue = u
                case .ambiguous(_, let b): ue = b
                case .gap(_, _, let gapEnd): ue = zone.instant(local: gapEnd)
                }
                let i = Interval(start: max(us, from), end: min(ue, to))
                if !i.isEmpty { out.append(i) }
            }
            day += 1
        }
        return Interval.merge(out)
    }
}

@inline(__always)
func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    a >= 0 ? a / b : (a - b + 1) / b
}

/// The days `PH` selects.
public struct PublicHolidays: Hashable, Sendable {
    public enum Source: Hashable, Sendable {
        case france
        case none
        case list([CivilDate])
    }

    public let source: Source
    private let explicit: Set<Int64>

    public init(_ source: Source) {
        self.source = source
        if case .list(let dates) = source {
            explicit = Set(dates.map(\.daysSinceEpoch))
        } else {
            explicit = []
        }
    }

    public static let france = PublicHolidays(.france)

    /// Whether the day (days since 1970-01-01) is a public holiday.
    public func contains(_ day: Int64) -> Bool {
        switch source {
        case .none: return false
        case .list: return explicit.contains(day)
        case .france:
            let d = CivilDate(daysSinceEpoch: day)
            return CivilCalendar.frenchPublicHolidays(year: d.year).contains(d)
        }
    }
}

private struct HoursParser {
    let s: [Unicode.Scalar]
    var i = 0

    init(_ s: [Unicode.Scalar]) { self.s = s }

    typealias Rule = OpeningHours.Rule

    static let weekdayNames = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    func fail(_ at: Int, _ message: String) -> OpeningHours.SyntaxError {
        OpeningHours.SyntaxError(offset: at, message: message)
    }

    mutating func skipSpaces() {
        while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 }
    }

    func peek() -> Unicode.Scalar? { i < s.count ? s[i] : nil }

    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    /// The word at the cursor without moving.
    func word(at j: Int) -> String {
        var k = j
        var w = ""
        while k < s.count, HoursParser.isLetter(s[k]) { w.unicodeScalars.append(s[k]); k += 1 }
        return w
    }

    func unsupported(_ at: Int) -> OpeningHours.SyntaxError {
        let c = s[at]
        var token: String
        if HoursParser.isLetter(c) {
            token = word(at: at)
        } else if HoursParser.isDigit(c) {
            var k = at
            token = ""
            while k < s.count, HoursParser.isDigit(s[k]) || s[k] == ":" { token.unicodeScalars.append(s[k]); k += 1 }
        } else {
            token = String(c)
            if c == "|", at + 1 < s.count, s[at + 1] == "|" { token = "||" }
        }
        let why: String
        switch token {
        case "SH": why = " (school holidays); use PH or dates"
        case "sunrise", "sunset", "dawn", "dusk": why = " (times of the sun); use clock times"
        case "week": why = " (week numbers); use dates"
        case "easter": why = " (easter); use dates"
        case "unknown": why = " (unknown state); use off or times"
        case "\"": why = " (comments); remove the comment"
        case "||": why = " (fallback rules); use ';'"
        case "+": why = " (open end); give an end time"
        case "[": why = " (nth weekday); list the dates"
        case "Lu", "Ma", "Me", "Je", "Ve", "Di": why = " (a French day name); write days as Mo Tu We Th Fr Sa Su"
        default:
            if token.count == 4, token.allSatisfy({ $0.isNumber }) {
                why = " (years); use month and day"
            } else {
                why = ""
            }
        }
        return fail(at, "unsupported opening_hours syntax '\(token)'\(why)")
    }

    /// Where a time was expected: names the malformed time and, when it can tell, the fix
    /// (`1830` → 18:30, `07h30` → 07:30). A four-digit time is a time, not a year.
    func malformedTime(_ at: Int) -> OpeningHours.SyntaxError {
        var token = ""
        var k = at
        while k < s.count, HoursParser.isDigit(s[k]) || s[k] == ":" || s[k] == "h" || s[k] == "H" || s[k] == "." {
            token.unicodeScalars.append(s[k])
            k += 1
        }
        if token.isEmpty { return fail(at, "expected a time HH:MM in opening_hours") }
        // `2026 Dec 25`: four digits not in a span (no `-` after, not after one) are a year.
        if token.count == 4, token.allSatisfy(\.isNumber), k >= s.count || s[k] != "-", at == 0 || s[at - 1] != "-" {
            return unsupported(at)
        }
        // Four digits (`1830`), or hours and minutes around another separator (`07h30`, `7.30`).
        let parts = token.split { !$0.isNumber }.map(String.init)
        var fix: String?
        var hm: (String, String)?
        if parts.count == 1, parts[0].count == 4 { hm = (String(parts[0].prefix(2)), String(parts[0].suffix(2))) }
        if parts.count == 2, parts[0].count <= 2, parts[1].count == 2, !token.contains(":") { hm = (parts[0], parts[1]) }
        if parts.count == 1, parts[0].count <= 2, token.last == "h" || token.last == "H" { hm = (parts[0], "00") }
        if let (hh, mm) = hm, let h = Int(hh), let m = Int(mm), h <= 24, m < 60 {
            fix = (h < 10 ? "0" : "") + "\(h):" + mm
        }
        var tail = fix.map { "; did you mean \($0)?" } ?? ""
        if fix == nil, parts.count == 2, let m = Int(parts[1]), m >= 60 { tail = "; minutes go from 00 to 59" }
        let shown = token.count > 12 ? token.prefix(12) + "…" : token[...]
        return fail(at, "malformed time '\(shown)' in opening_hours; expected HH:MM\(tail)")
    }

    mutating func parseAll() throws -> [Rule] {
        var rules: [Rule] = []
        skipSpaces()
        if i == s.count { throw fail(0, "empty opening_hours; write 24/7, off or times like Mo-Fr 08:00-18:00") }
        var additional = false
        while true {
            skipSpaces()
            if i == s.count {
                if rules.isEmpty || additional { throw fail(i, "opening_hours ends after a separator; remove it or add a rule") }
                break
            }
            var rule = try parseRule()
            rule.additional = additional
            rules.append(rule)
            skipSpaces()
            guard let c = peek() else { break }
            if c == ";" {
                i += 1
                additional = false
                skipSpaces()
                if i == s.count { break }  // a trailing ';' is harmless
            } else if c == "," {
                i += 1
                additional = true
            } else {
                throw unsupported(i)
            }
        }
        return rules
    }

    mutating func parseRule() throws -> Rule {
        var rule = Rule()
        let start = i
        if let c = peek(), c == ";" || c == "," {
            throw fail(i, "empty rule in opening_hours; remove the extra separator")
        }
        // 24/7
        if s.count - i >= 4, String(String.UnicodeScalarView(s[i..<(i + 4)])) == "24/7" {
            i += 4
            rule.spans = [OpeningHours.Span(start: 0, end: 1440)]
            return rule
        }
        // Date selectors.
        if let c = peek(), HoursParser.isLetter(c), HoursParser.monthNames.contains(word(at: i)) {
            rule.dateRanges = try parseDateSelectors()
            skipSpaces()
        }
        // Weekday selectors.
        if let c = peek(), HoursParser.isLetter(c) {
            let w = word(at: i)
            if HoursParser.weekdayNames.contains(w) || w == "PH" {
                try parseWeekdays(into: &rule)
                skipSpaces()
            }
        }
        // Times.
        if let c = peek(), HoursParser.isDigit(c) {
            rule.spans = try parseSpans()
            skipSpaces()
        }
        // State.
        if let c = peek(), HoursParser.isLetter(c) {
            let w = word(at: i)
            switch w {
            case "off", "closed":
                rule.closed = true
                rule.spans = []
                i += w.unicodeScalars.count
            case "open":
                if rule.spans.isEmpty { rule.spans = [OpeningHours.Span(start: 0, end: 1440)] }
                i += w.unicodeScalars.count
            default:
                throw unsupported(i)
            }
        }
        if i == start { throw unsupported(i) }
        if !rule.closed, rule.spans.isEmpty { rule.spans = [OpeningHours.Span(start: 0, end: 1440)] }
        return rule
    }

    /// The position in `names` of the word at `i`, read past; else the error expecting `what`.
    mutating func parseName(in names: [String], expected what: String) throws -> Int {
        let w = word(at: i)
        guard let k = names.firstIndex(of: w) else { throw fail(i, "expected \(what) in opening_hours") }
        i += w.unicodeScalars.count
        return k
    }

    mutating func parseMonth() throws -> Int {
        try parseName(in: HoursParser.monthNames, expected: "a month (Jan … Dec)") + 1
    }

    /// A day number after a month, if one follows (with one space allowed).
    mutating func parseDayNumber(month: Int) throws -> Int? {
        let save = i
        skipSpaces()
        guard let c = peek(), HoursParser.isDigit(c) else { i = save; return nil }
        let at = i
        var v = 0
        var n = 0
        while let c = peek(), HoursParser.isDigit(c) { if n < 4 { v = v * 10 + Int(c.value - 48) }; i += 1; n += 1 }
        if peek() == ":" {
            // That was a time, not a day: `Aug 08:00-12:00`.
            i = save
            return nil
        }
        if n > 2 { throw unsupported(at) }
        guard v >= 1, v <= CivilCalendar.daysIn(month: month, year: 2024) else {
            throw fail(at, "day \(v) does not exist in \(CivilCalendar.monthAbbreviations[month - 1])")
        }
        return v
    }

    mutating func parseDateSelectors() throws -> [OpeningHours.DateRange] {
        var out: [OpeningHours.DateRange] = []
        while true {
            let m1 = try parseMonth()
            let d1 = try parseDayNumber(month: m1)
            let lo = m1 * 100 + (d1 ?? 1)
            var hi = m1 * 100 + (d1 ?? 31)
            if peek() == "-" {
                i += 1
                if let c = peek(), HoursParser.isDigit(c), d1 != nil {
                    // `Dec 24-26`
                    guard let d2 = try parseDayNumber(month: m1) else { throw fail(i, "expected a day after '-' in opening_hours") }
                    hi = m1 * 100 + d2
                } else {
                    let m2 = try parseMonth()
                    let d2 = try parseDayNumber(month: m2)
                    hi = m2 * 100 + (d2 ?? 31)
                }
            }
            out.append(OpeningHours.DateRange(lo: lo, hi: hi))
            if peek() == ",", i + 1 < s.count, HoursParser.isLetter(s[i + 1]), HoursParser.monthNames.contains(word(at: i + 1)) {
                i += 1
                continue
            }
            return out
        }
    }

    mutating func parseWeekday() throws -> Int {
        try parseName(in: HoursParser.weekdayNames, expected: "a weekday (Mo Tu We Th Fr Sa Su)")
    }

    mutating func parseWeekdays(into rule: inout Rule) throws {
        while true {
            if word(at: i) == "PH" {
                i += 2
                rule.publicHoliday = true
            } else {
                let d1 = try parseWeekday()
                if peek() == "[" { throw unsupported(i) }
                if peek() == "-" {
                    i += 1
                    let d2 = try parseWeekday()
                    var d = d1
                    while true {
                        rule.weekdays |= 1 << UInt8(d)
                        if d == d2 { break }
                        d = (d + 1) % 7
                    }
                } else {
                    rule.weekdays |= 1 << UInt8(d1)
                }
            }
            if peek() == ",", i + 1 < s.count, HoursParser.isLetter(s[i + 1]) {
                let w = word(at: i + 1)
                if HoursParser.weekdayNames.contains(w) || w == "PH" {
                    i += 1
                    continue
                }
            }
            return
        }
    }

    mutating func parseTime(allowPastMidnight: Bool) throws -> Int {
        // Digits past the fourth are counted, not accumulated: a run of them is refused by its
        // length and must not overflow first (found by fuzzing: "Mo-Fr 0444…4:30").
        let at = i
        var h = 0, n = 0
        while let c = peek(), HoursParser.isDigit(c) { if n < 4 { h = h * 10 + Int(c.value - 48) }; i += 1; n += 1 }
        guard n >= 1, n <= 2, peek() == ":" else { throw malformedTime(at) }
        i += 1
        var m = 0, k = 0
        while let c = peek(), HoursParser.isDigit(c) { if k < 4 { m = m * 10 + Int(c.value - 48) }; i += 1; k += 1 }
        guard k == 2, m < 60 else { throw malformedTime(at) }
        let total = h * 60 + m
        guard total <= (allowPastMidnight ? 48 * 60 : 24 * 60 - 1) else {
            throw fail(at, "time \(h):\(m < 10 ? "0" : "")\(m) is out of range in opening_hours")
        }
        return total
    }

    mutating func parseSpans() throws -> [OpeningHours.Span] {
        var out: [OpeningHours.Span] = []
        while true {
            let start = try parseTime(allowPastMidnight: false)
            guard peek() == "-" else {
                if peek() == "+" { throw unsupported(i) }
                throw fail(i, "expected '-' and an end time in opening_hours")
            }
            i += 1
            if let c = peek(), HoursParser.isLetter(c) { throw unsupported(i) }
            var end = try parseTime(allowPastMidnight: true)
            if end <= start { end += 1440 }
            if end > start + 1440 { end = start + 1440 }
            out.append(OpeningHours.Span(start: start, end: end))
            if peek() == "+" { throw unsupported(i) }
            if peek() == ",", i + 1 < s.count, HoursParser.isDigit(s[i + 1]) {
                i += 1
                continue
            }
            return out
        }
    }
}
