/// Parsing of ISO 8601 dates and date-times straight from UTF-8 bytes, without building Strings:
/// a roster of a million assignments holds two million of them.
public enum DateTimeText {
    /// A date-time as written: a wall-clock time to read in the plan's zone, or an instant.
    public enum Parsed: Hashable, Sendable {
        /// Seconds since 1970-01-01T00:00 on the wall clock, no zone applied yet.
        case local(Int64)
        /// Epoch seconds (UTC), from a `Z` or `±HH:MM` suffix.
        case absolute(Int64)
    }

    /// Why a text is not a valid date or date-time; `reason` completes the message.
    public struct Problem: Error, Hashable, Sendable {
        /// The text after the quoted value: `(February 2026 has 28 days)`, `; expected YYYY-MM-DD`.
        public var reason: String
    }

    static let dateFormatReason = "; expected YYYY-MM-DD"
    static let dateTimeFormatReason = "; expected YYYY-MM-DDTHH:MM[:SS] with an optional Z or ±HH:MM"

    @inline(__always)
    static func digits(_ p: UnsafeBufferPointer<UInt8>, _ at: Int, _ n: Int) -> Int? {
        guard at + n <= p.count else { return nil }
        var v = 0
        for i in at..<(at + n) {
            let c = p[i] &- 48
            guard c < 10 else { return nil }
            v = v * 10 + Int(c)
        }
        return v
    }

    /// Reads `YYYY-MM-DD` at the start of `p`; checks month and day ranges.
    @inline(__always)
    static func datePart(_ p: UnsafeBufferPointer<UInt8>, formatReason: String) -> Result<CivilDate, Problem> {
        guard p.count >= 10, let y = digits(p, 0, 4), p[4] == 45, let m = digits(p, 5, 2), p[7] == 45,
              let d = digits(p, 8, 2)
        else { return .failure(Problem(reason: formatReason)) }
        guard (1...12).contains(m) else { return .failure(Problem(reason: " (there is no month \(m))")) }
        let dim = CivilCalendar.daysIn(month: m, year: y)
        guard d >= 1, d <= dim else {
            return .failure(Problem(reason: " (\(CivilCalendar.monthNames[m - 1]) \(y) has \(dim) days)"))
        }
        return .success(CivilDate(year: y, month: m, day: d))
    }

    /// Parses exactly `YYYY-MM-DD`.
    public static func date(_ p: UnsafeBufferPointer<UInt8>) -> Result<CivilDate, Problem> {
        guard p.count == 10 else { return .failure(Problem(reason: dateFormatReason)) }
        return datePart(p, formatReason: dateFormatReason)
    }

    public static func date(_ s: String) -> Result<CivilDate, Problem> {
        var s = s
        return s.withUTF8 { date($0) }
    }

    /// Parses `YYYY-MM-DD[T| ]HH:MM[:SS[.fff]][Z|±HH:MM|±HHMM]`; fractions of a second are dropped.
    public static func dateTime(_ p: UnsafeBufferPointer<UInt8>) -> Result<Parsed, Problem> {
        let fmt = Problem(reason: dateTimeFormatReason)
        let date: CivilDate
        switch datePart(p, formatReason: dateTimeFormatReason) {
        case .success(let d): date = d
        case .failure(let e): return .failure(e)
        }
        guard p.count >= 16, p[10] == 84 || p[10] == 32 || p[10] == 116, let h = digits(p, 11, 2), p[13] == 58,
              let mi = digits(p, 14, 2)
        else { return .failure(fmt) }
        var i = 16
        var s = 0
        if i < p.count, p[i] == 58 {
            guard let sec = digits(p, i + 1, 2) else { return .failure(fmt) }
            s = sec
            i += 3
            if i < p.count, p[i] == 46 || p[i] == 44 {
                i += 1
                let st = i
                while i < p.count, p[i] &- 48 < 10 { i += 1 }
                if i == st { return .failure(fmt) }
            }
        }
        guard h < 24, mi < 60, s < 60 else {
            return .failure(Problem(reason: " (the time of day is out of range)"))
        }
        let local = date.daysSinceEpoch * 86_400 + Int64(h * 3600 + mi * 60 + s)
        if i == p.count { return .success(.local(local)) }
        if p[i] == 90 || p[i] == 122, i + 1 == p.count { return .success(.absolute(local)) }
        guard p[i] == 43 || p[i] == 45, let oh = digits(p, i + 1, 2) else { return .failure(fmt) }
        var om = 0
        if i + 3 == p.count {
            om = 0
        } else if i + 6 == p.count, p[i + 3] == 58, let m = digits(p, i + 4, 2) {
            om = m
        } else if i + 5 == p.count, let m = digits(p, i + 3, 2) {
            om = m
        } else {
            return .failure(fmt)
        }
        guard oh <= 18, om < 60 else { return .failure(Problem(reason: " (the offset is out of range)")) }
        let off = Int64(oh * 3600 + om * 60) * (p[i] == 45 ? -1 : 1)
        return .success(.absolute(local - off))
    }

    public static func dateTime(_ s: String) -> Result<Parsed, Problem> {
        var s = s
        return s.withUTF8 { dateTime($0) }
    }

    /// The instant of a parsed date-time in `zone`, or the message tail saying why it has none
    /// (a local time in the spring-forward gap). Ambiguous local times take their first occurrence.
    public static func instant(_ parsed: Parsed, in zone: ZoneRules) -> Result<Int64, Problem> {
        switch parsed {
        case .absolute(let u): return .success(u)
        case .local(let l):
            switch zone.resolve(local: l) {
            case .unique(let u): return .success(u)
            case .ambiguous(let a, _): return .success(a)
            case .gap(_, let gs, let ge):
                func hm(_ x: Int64) -> String {
                    let t = LocalTime.format(local: x)
                    return String(t.suffix(5))
                }
                return .failure(Problem(reason: " does not exist in \(zone.identifier) (clocks jump from \(hm(gs)) to \(hm(ge))); give an offset or a time outside the gap"))
            }
        }
    }
}
