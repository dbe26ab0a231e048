import Testing
@testable import RuleEngine

/// The formatters as they were before they were rewritten on `ASCIIText` (commit 6c19b9a),
/// kept here as the reference the rewritten ones must match byte for byte.
private enum OldFormat {
    static func iso(_ d: CivilDate) -> String {
        func pad(_ v: Int, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        return "\(pad(d.year, 4))-\(pad(d.month, 2))-\(pad(d.day, 2))"
    }

    static func format(local: Int64) -> String {
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secs = local - days * 86_400
        let date = CivilDate(daysSinceEpoch: days)
        let h = secs / 3600, m = (secs % 3600) / 60, s = secs % 60
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(iso(date))T\(two(h)):\(two(m))" + (s == 0 ? "" : ":\(two(s))")
    }

    static func format(utc: Int64, in zone: ZoneRules) -> String {
        let off = zone.offset(atUTC: utc)
        let sign = off < 0 ? "-" : "+"
        let a = abs(off)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return format(local: utc + off) + "\(sign)\(two(a / 3600)):\(two((a % 3600) / 60))"
    }

    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    static func span(_ span: Timeline.Span, _ zone: ZoneRules) -> String {
        let (d1, t1) = split(zone.local(utc: span.start))
        let (d2, t2) = split(zone.local(utc: span.end))
        if d1 == d2 { return "\(day(d1)) \(clock(t1))–\(clock(t2))" }
        if d2 == d1 + 1 && t2 == 0 { return "\(day(d1)) \(clock(t1))–24:00" }
        return "\(day(d1)) \(clock(t1)) – \(day(d2)) \(clock(t2))"
    }

    private static func split(_ local: Int64) -> (Int64, Int64) {
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return (days, local - days * 86_400)
    }

    private static func day(_ days: Int64) -> String {
        "\(weekdays[CivilCalendar.weekday(days: days)]) \(iso(CivilDate(daysSinceEpoch: days)))"
    }

    private static func clock(_ secs: Int64) -> String {
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let s = secs % 60
        return "\(two(secs / 3600)):\(two((secs % 3600) / 60))" + (s == 0 ? "" : ":\(two(s))")
    }

    static func fingerprint(_ parts: [String]) -> String {
        let joined = Array(parts.joined(separator: "\u{1F}").utf8)
        func fnv(_ seed: UInt64) -> UInt64 {
            var h = seed
            for byte in joined {
                h ^= UInt64(byte)
                h = h &* 0x100_0000_01b3
            }
            return h
        }
        func hex(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return hex(fnv(0xcbf2_9ce4_8422_2325)) + hex(fnv(0x84222325_cbf29ce4))
    }
}

/// The target's seeded generator (SplitMix64): the same values on every run.
private typealias SeededGenerator = RobustnessTests.Rng

private let day: Int64 = 86_400
private func days(_ year: Int, _ month: Int, _ d: Int) -> Int64 { CivilDate(year: year, month: month, day: d).daysSinceEpoch }

@Suite struct ASCIITextTests {
    @Test func writesDatesClocksAndDigitsZeroPadded() {
        #expect(ASCIIText.make { $0.date(CivilDate(year: 2026, month: 3, day: 2)) } == "2026-03-02")
        #expect(ASCIIText.make { $0.date(CivilDate(year: 7, month: 12, day: 31)) } == "0007-12-31")
        #expect(ASCIIText.make { $0.clock(19 * 3600) } == "19:00")
        #expect(ASCIIText.make { $0.clock(7 * 3600 + 5 * 60 + 9) } == "07:05:09")
        #expect(ASCIIText.make { $0.digits(42, 5) } == "00042")
        #expect(ASCIIText.make { w in w.text("Mé"); w.byte(UInt8(ascii: "!")) } == "Mé!")
        #expect(ASCIIText.make { _ in } == "")
    }

    @Test func aPartOutsideItsLayoutGivesNil() {
        #expect(ASCIIText.make { $0.digits(100, 2) } == nil)
        #expect(ASCIIText.make { $0.digits(-1, 2) } == nil)
        #expect(ASCIIText.make { $0.date(CivilDate(year: 10_000, month: 1, day: 1)) } == nil)
        #expect(ASCIIText.make { $0.date(CivilDate(year: -1, month: 1, day: 1)) } == nil)
        #expect(ASCIIText.make { $0.date(CivilDate(year: 2026, month: 100, day: 1)) } == nil)
        // A part that fits, then one that does not: nil, not the first part alone.
        #expect(ASCIIText.make { w in w.digits(12, 2); w.digits(123, 2) } == nil)
    }

    @Test func textLongerThanTheCapacityGivesNilAndTextUpToItFits() {
        let full = String(repeating: "x", count: ASCIIText.capacity)
        #expect(ASCIIText.make { $0.text(full) } == full)
        #expect(ASCIIText.make { $0.text(full + "y") } == nil)
    }
}

@Suite struct ASCIIFormatterAgreementTests {
    static let paris = ZoneRules.paris
    static let newYork = ZoneRules(identifier: "America/New_York")
    static let stJohns = ZoneRules(identifier: "America/St_Johns")
    static let zones: [ZoneRules] = [paris, ZoneRules(fixed: -5 * 3600 - 30 * 60, name: "fixed -05:30"),
                                     ZoneRules(fixed: 0, name: "UTC")] + [newYork, stJohns].compactMap { $0 }

    @Test func isoMatchesTheOldTextForEveryDayOfYearsOneToTenThousandAndBeyond() {
        var checked = 0
        // Every day from 0001-01-01 to 9999-12-31 would be 3.65 million; every 7th day plus
        // the first and last days of every year cover every digit position and month.
        for d in stride(from: days(1, 1, 1), through: days(9999, 12, 31), by: 7) {
            let date = CivilDate(daysSinceEpoch: d)
            if date.iso != OldFormat.iso(date) { Issue.record("\(d): \(date.iso) != \(OldFormat.iso(date))"); return }
            checked += 1
        }
        for year in [0, 1, 9, 10, 99, 100, 999, 1000, 1969, 1970, 2026, 9999, 10_000, 12_345, -1, -10, -2026] {
            for date in [CivilDate(year: year, month: 1, day: 1), CivilDate(year: year, month: 12, day: 31)] {
                #expect(date.iso == OldFormat.iso(date), "year \(year)")
                checked += 1
            }
        }
        // Days out of 0…9999 years, made from day numbers (the fallback path).
        for d in [days(10_000, 1, 1), days(10_000, 2, 29), days(123_456, 7, 8), days(0, 1, 1) - 1, days(-44, 3, 15)] {
            let date = CivilDate(daysSinceEpoch: d)
            #expect(date.iso == OldFormat.iso(date))
        }
        // Fields no calendar gives, built directly.
        for date in [CivilDate(year: 2026, month: 0, day: 0), CivilDate(year: 2026, month: 13, day: 99),
                     CivilDate(year: 2026, month: 100, day: 1), CivilDate(year: 2026, month: 1, day: -3)] {
            #expect(date.iso == OldFormat.iso(date))
        }
        #expect(checked > 500_000)
        #expect(CivilDate(year: 10_000, month: 1, day: 1).iso == "10000-01-01")
        #expect(CivilDate(year: -5, month: 6, day: 7).iso == "00-5-06-07")
    }

    @Test func localTimesMatchTheOldTextWithAndWithoutSeconds() {
        var rng = SeededGenerator(state: 0x5EED_0001)
        var locals: [Int64] = [0, -1, 59, 60, 86_399, 86_400, -86_400, -86_401,
                               days(2026, 3, 2) * day + 19 * 3600, days(2026, 3, 2) * day + 19 * 3600 + 1,
                               days(1, 1, 1) * day, days(9999, 12, 31) * day + 86_399,
                               days(10_000, 1, 1) * day, days(1, 1, 1) * day - 1, days(-3, 5, 5) * day + 3723]
        for _ in 0..<20_000 {
            locals.append(Int64.random(in: days(1, 1, 1) * day...(days(9999, 12, 31) * day + 86_399), using: &rng))
            // Whole minutes half the time, so both layouts are common.
            let minute = Int64.random(in: days(1900, 1, 1)...days(2200, 1, 1), using: &rng) * day + Int64.random(in: 0..<1440, using: &rng) * 60
            locals.append(minute)
        }
        for _ in 0..<500 {
            locals.append(Int64.random(in: (days(-9999, 1, 1) * day)...(days(0, 12, 31) * day), using: &rng))
            locals.append(Int64.random(in: (days(10_000, 1, 1) * day)...(days(99_999, 1, 1) * day), using: &rng))
        }
        for local in locals {
            let new = LocalTime.format(local: local), old = OldFormat.format(local: local)
            if new != old { Issue.record("\(local): \(new) != \(old)"); return }
        }
        #expect(LocalTime.format(local: days(2026, 3, 2) * day + 19 * 3600) == "2026-03-02T19:00")
        #expect(LocalTime.format(local: days(2026, 3, 2) * day + 19 * 3600 + 5) == "2026-03-02T19:00:05")
    }

    @Test func instantsInZonesMatchTheOldTextAcrossDSTNightsAndNegativeOffsets() throws {
        #expect(Self.newYork != nil && Self.stJohns != nil, "the system has no America/New_York or America/St_Johns")
        var rng = SeededGenerator(state: 0x5EED_0002)
        var instants: [Int64] = []
        // Every 15 minutes (and one second off) over the two DST nights of 2026 in Paris and New York.
        for night in [days(2026, 3, 29), days(2026, 10, 25), days(2026, 3, 8), days(2026, 11, 1)] {
            for q in Int64(-8)..<Int64(40) {
                let t = night * day + q * 900
                instants += [t, t + 1, t - 1]
            }
        }
        for _ in 0..<5_000 {
            instants.append(Int64.random(in: days(1890, 1, 1) * day...days(2210, 1, 1) * day, using: &rng))
        }
        // Paris before 1911 had an offset of 9 min 21 s; extreme years take the fallback.
        instants += [days(1905, 6, 1) * day, days(1905, 6, 1) * day + 37, days(1, 1, 1) * day + 10,
                     days(9999, 12, 31) * day + 86_000, days(10_000, 1, 1) * day + 3600, days(-1, 7, 1) * day]
        for zone in Self.zones {
            for utc in instants {
                let new = LocalTime.format(utc: utc, in: zone), old = OldFormat.format(utc: utc, in: zone)
                if new != old { Issue.record("\(zone.identifier) \(utc): \(new) != \(old)"); return }
            }
        }
        // Offsets too large for two digits take the fallback too.
        let odd = ZoneRules(fixed: 101 * 3600, name: "odd")
        #expect(LocalTime.format(utc: 0, in: odd) == OldFormat.format(utc: 0, in: odd))
        #expect(LocalTime.format(utc: days(2026, 3, 29) * day + 3600, in: Self.paris) == "2026-03-29T03:00+02:00")
        #expect(LocalTime.format(utc: days(2026, 3, 29) * day + 3599, in: Self.paris) == "2026-03-29T01:59:59+01:00")
        #expect(LocalTime.format(utc: 0, in: ZoneRules(fixed: -5 * 3600 - 30 * 60, name: "x")) == "1969-12-31T18:30-05:30")
    }

    @Test func spansMatchTheOldTextOnOneDayToMidnightAndAcrossDays() throws {
        var rng = SeededGenerator(state: 0x5EED_0003)
        var spans: [Timeline.Span] = []
        let lengths: [Int64] = [0, 1, 60, 3600, 4 * 3600 + 30, 12 * 3600, 86_400, 86_400 + 1, 3 * 86_400 + 7]
        for _ in 0..<4_000 {
            let start = Int64.random(in: days(1950, 1, 1) * day...days(2100, 1, 1) * day, using: &rng)
            let minuteStart = start - start % 60
            spans.append(Timeline.Span(start, start + lengths.randomElement(using: &rng)!))
            spans.append(Timeline.Span(minuteStart, minuteStart + lengths.randomElement(using: &rng)! - lengths.randomElement(using: &rng)! % 60))
        }
        for night in [days(2026, 3, 29), days(2026, 10, 25), days(2026, 3, 8), days(2026, 11, 1)] {
            for h in Int64(-6)..<Int64(30) {
                spans.append(Timeline.Span(night * day + h * 3600, night * day + (h + 12) * 3600))
                spans.append(Timeline.Span(night * day + h * 3600, night * day + 86_400))
            }
        }
        // Years outside 0…9999 and an end before the start.
        spans += [Timeline.Span(days(10_000, 1, 1) * day, days(10_000, 1, 1) * day + 3600),
                  Timeline.Span(days(9999, 12, 31) * day + 3600, days(10_000, 1, 1) * day + 7200),
                  Timeline.Span(days(-1, 1, 1) * day, days(-1, 1, 1) * day + 60),
                  Timeline.Span(days(2026, 3, 3) * day, days(2026, 3, 2) * day)]
        for zone in Self.zones {
            for span in spans {
                let new = KindTime.span(span, zone), old = OldFormat.span(span, zone)
                if new != old { Issue.record("\(zone.identifier) \(span): \(new) != \(old)"); return }
            }
        }
        let paris = Self.paris
        let local = { (d: Int64, h: Int64) in paris.instant(local: d * day + h * 3600) }
        #expect(KindTime.span(Timeline.Span(local(days(2026, 3, 3), 14), local(days(2026, 3, 3), 18)), paris) == "Tue 2026-03-03 14:00–18:00")
        #expect(KindTime.span(Timeline.Span(local(days(2026, 3, 3), 14), local(days(2026, 3, 4), 0)), paris) == "Tue 2026-03-03 14:00–24:00")
        #expect(KindTime.span(Timeline.Span(local(days(2026, 3, 2), 19), local(days(2026, 3, 3), 7)), paris) == "Mon 2026-03-02 19:00 – Tue 2026-03-03 07:00")
        #expect(KindTime.span(Timeline.Span(local(days(2026, 3, 2), 19), local(days(2026, 3, 2), 19) + 61), paris) == "Mon 2026-03-02 19:00–19:01:01")
    }

    @Test func fingerprintsMatchTheOldHashes() {
        var rng = SeededGenerator(state: 0x5EED_0004)
        let pieces = ["", "R-1", "unit:u1", "Zoé Lefèvre", "équipe de garde", "日本語", "🚒", "a\u{1F}b", "\u{0}", "x y z"]
        var cases: [[String]] = [[], [""], ["", ""], ["", "", ""], ["a"], ["a", ""], ["", "a"], ["Zoé"], ["R-1", "unit:u1", "min 2026-03-02T12:00+01:00"]]
        for _ in 0..<3_000 {
            let n = Int.random(in: 0...6, using: &rng)
            cases.append((0..<n).map { _ in
                var s = pieces.randomElement(using: &rng)!
                if Bool.random(using: &rng) { s += String(Int.random(in: 0...1_000_000, using: &rng)) }
                return s
            })
        }
        cases.append([String(repeating: "é", count: 10_000)])
        for parts in cases {
            let new = Fingerprint.of(parts), old = OldFormat.fingerprint(parts)
            if new != old { Issue.record("\(parts): \(new) != \(old)"); return }
        }
        // FNV-1a 64 of the empty input is its offset basis, in 16 lower-case hex digits.
        #expect(Fingerprint.of([]) == "cbf29ce48422232584222325cbf29ce4")
        #expect(Fingerprint.of([""]) == Fingerprint.of([]))
        #expect(Fingerprint.of(["", ""]) != Fingerprint.of([""]))
        #expect(Fingerprint.of(["ab"]) != Fingerprint.of(["a", "b"]))
    }
}
