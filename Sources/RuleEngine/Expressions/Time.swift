import Foundation

// Calendar arithmetic on plain integers (Howard Hinnant's days-from-civil algorithms): exact,
// allocation-free, and free of time zones, so that date arithmetic never meets a DST change.

extension CivilDate {
    /// Days since 1970-01-01.
    public var dayNumber: Int64 { CivilCalendar.days(year: year, month: month, day: day) }

    /// The date `days` days after 1970-01-01.
    public init(dayNumber days: Int64) { self = CivilCalendar.civil(days: days) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Parses `YYYY-MM-DD` (years 0001 to 9999), or nil.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              y >= 1, (1...12).contains(m), d >= 1, d <= CivilDate.daysIn(month: m, year: y)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Day of the week, 0 = Sunday.
    var dayOfWeek: Int { Int(((dayNumber % 7) + 11) % 7) }

    /// Day of the year, 0-based.
    var dayOfYear: Int { Int(dayNumber - CivilDate(year: year, month: 1, day: 1).dayNumber) }
}

extension Instant {
    static let minSeconds: Int64 = -62135596800 // 0001-01-01T00:00:00Z
    static let maxSeconds: Int64 = 253402300799 // 9999-12-31T23:59:59Z

    var isInRange: Bool { seconds >= Instant.minSeconds && seconds <= Instant.maxSeconds }

    /// Parses an RFC 3339 timestamp (`2026-03-31T08:00:00Z`, `…T08:00:00.5+02:00`), or nil.
    public init?(rfc3339 text: String) {
        let s = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= s.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                guard s[i] >= 48 && s[i] <= 57 else { return nil }
                v = v * 10 + Int(s[i] - 48)
            }
            return v
        }
        guard s.count >= 20, let y = num(0, 4), s[4] == 45, let mo = num(5, 2), s[7] == 45, let d = num(8, 2),
              s[10] == 84 || s[10] == 116, let h = num(11, 2), s[13] == 58, let mi = num(14, 2), s[16] == 58,
              let se = num(17, 2), (1...12).contains(mo), d >= 1, d <= CivilDate.daysIn(month: mo, year: y),
              h < 24, mi < 60, se < 60
        else { return nil }
        var i = 19
        var nanos = 0
        if i < s.count && s[i] == 46 {
            i += 1
            var digits = 0
            while i < s.count, s[i] >= 48, s[i] <= 57 {
                if digits < 9 { nanos = nanos * 10 + Int(s[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<9 where digits < 9 { nanos *= 10 }
        }
        guard i < s.count else { return nil }
        var offset = 0
        if s[i] == 90 || s[i] == 122 {
            i += 1
        } else if s[i] == 43 || s[i] == 45, let oh = num(i + 1, 2), s.count > i + 3, s[i + 3] == 58, let om = num(i + 4, 2) {
            offset = (oh * 3600 + om * 60) * (s[i] == 45 ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == s.count else { return nil }
        let days = CivilDate(year: y, month: mo, day: d).dayNumber
        self.init(seconds: days * 86400 + Int64(h * 3600 + mi * 60 + se - offset), nanos: Int32(nanos))
    }

    /// RFC 3339 in UTC with as many fractional digits as needed (`2009-02-13T23:31:30Z`).
    public var rfc3339: String {
        var days = seconds / 86400
        var secs = Int(seconds % 86400)
        if secs < 0 { secs += 86400; days -= 1 }
        let date = CivilDate(dayNumber: days)
        var text = "\(date)T\(pad(secs / 3600, 2)):\(pad(secs / 60 % 60, 2)):\(pad(secs % 60, 2))"
        if nanos > 0 { text += "." + fraction(nanos) }
        return text + "Z"
    }
}

/// Nanoseconds as fraction digits without trailing zeros (`500000000` → `5`).
private func fraction(_ nanos: Int32) -> String {
    var digits = pad(Int(nanos), 9)
    while digits.hasSuffix("0") { digits.removeLast() }
    return digits
}

extension TimeSpan {
    /// CEL's duration range: about ±10,000 years.
    static let maxSeconds: Int64 = 315576000000

    var isInRange: Bool { seconds >= -TimeSpan.maxSeconds && seconds <= TimeSpan.maxSeconds }

    /// Total nanoseconds, or nil if that overflows.
    var totalNanos: Int64? {
        let (a, o1) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (b, o2) = a.addingReportingOverflow(Int64(nanos))
        return o1 || o2 ? nil : b
    }

    /// A normalised span from seconds and nanoseconds of any signs (nil on overflow).
    static func normalized(seconds: Int64, nanos: Int64) -> TimeSpan? {
        let (s, o) = seconds.addingReportingOverflow(nanos / 1_000_000_000)
        if o { return nil }
        var sec = s
        var n = nanos % 1_000_000_000
        if sec > 0 && n < 0 { sec -= 1; n += 1_000_000_000 } else if sec < 0 && n > 0 { sec += 1; n -= 1_000_000_000 }
        return TimeSpan(seconds: sec, nanos: Int32(n))
    }

    /// Parses Go-style duration text as CEL does (`90m`, `1h30m`, `-1.5s`, `250ms`), or nil.
    public init?(celText text: String) {
        var s = Substring(text)
        var negative = false
        if s.hasPrefix("-") { negative = true; s = s.dropFirst() } else if s.hasPrefix("+") { s = s.dropFirst() }
        if s == "0" { self.init(seconds: 0); return }
        guard !s.isEmpty else { return nil }
        var exactSeconds: Int64 = 0
        var exactNanos: Int64 = 0
        while !s.isEmpty {
            let number = s.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty else { return nil }
            s = s.dropFirst(number.count)
            let unit = s.prefix { $0.isLetter || $0 == "µ" }
            s = s.dropFirst(unit.count)
            let scale: Int64
            switch unit {
            case "h": scale = 3_600_000_000_000
            case "m": scale = 60_000_000_000
            case "s": scale = 1_000_000_000
            case "ms": scale = 1_000_000
            case "us", "µs": scale = 1_000
            case "ns": scale = 1
            default: return nil
            }
            let parts = number.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, parts[0].count <= 15, let whole = Int64(parts[0].isEmpty ? "0" : parts[0]) else { return nil }
            if scale >= 1_000_000_000 {
                let (add, o) = whole.multipliedReportingOverflow(by: scale / 1_000_000_000)
                if o { return nil }
                exactSeconds += add
            } else {
                exactNanos += whole * scale
            }
            if parts.count == 2, !parts[1].isEmpty {
                let digits = String(parts[1].prefix(9)).padding(toLength: 9, withPad: "0", startingAt: 0)
                guard let f = Int64(digits) else { return nil }
                if scale >= 1_000_000_000 {
                    // f is in 1e-9 units of the unit: f * scale / 1e9 nanoseconds, split to avoid overflow.
                    let unitSeconds = scale / 1_000_000_000
                    let nanosTotal = f * unitSeconds
                    exactSeconds += nanosTotal / 1_000_000_000
                    exactNanos += nanosTotal % 1_000_000_000
                } else {
                    exactNanos += f * scale / 1_000_000_000
                }
            }
            if exactSeconds > TimeSpan.maxSeconds * 2 { return nil }
        }
        guard let span = TimeSpan.normalized(seconds: exactSeconds, nanos: exactNanos) else { return nil }
        self = negative ? TimeSpan(seconds: -span.seconds, nanos: -span.nanos) : span
    }

    /// CEL's text form: seconds with a fraction if needed (`6347s`, `1.5s`).
    public var celText: String {
        if nanos == 0 { return "\(seconds)s" }
        let sign = (seconds < 0 || nanos < 0) ? "-" : ""
        return "\(sign)\(seconds.magnitude).\(fraction(Int32(nanos.magnitude % 1_000_000_000)))s"
    }
}

/// Offsets of named and numeric time zones.
enum TimeZones {
    /// The offset from UTC, in seconds, of `zone` at `instant`; nil for an unknown zone.
    static func offset(_ zone: String, at instant: Instant) -> Int? {
        if zone == "UTC" || zone == "Z" { return 0 }
        let u = Array(zone.utf8)
        var i = 0
        var sign = 1
        if u.first == 43 || u.first == 45 { sign = u.first == 45 ? -1 : 1; i = 1 }
        if u.count == i + 5, u[i + 2] == 58,
           let h = Int(String(decoding: u[i..<(i + 2)], as: UTF8.self)),
           let m = Int(String(decoding: u[(i + 3)..<(i + 5)], as: UTF8.self)), h < 24, m < 60 {
            return sign * (h * 3600 + m * 60)
        }
        // The plan's usual zone needs no lock: expressions call this once per record.
        if zone == ZoneRules.paris.identifier { return Int(ZoneRules.paris.offset(atUTC: instant.seconds)) }
        guard let rules = named(zone) else { return nil }
        return Int(rules.offset(atUTC: instant.seconds))
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: ZoneRules?] = [:]

    /// Zone rules by IANA name, built once per name (bounded: names can come from data).
    private static func named(_ name: String) -> ZoneRules? {
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[name] { return cached }
        let zone = ZoneRules(identifier: name)
        if cache.count >= 256 { cache.removeAll() }
        cache[name] = zone
        return zone
    }
}
