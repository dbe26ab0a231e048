import Foundation

/// The UTC offsets of one IANA time zone as a sorted table, so that converting a million local
/// times costs a binary search each instead of a Foundation call.
public struct ZoneRules: Hashable, Sendable {
    public let identifier: String
    /// UTC instants (epoch seconds) at which the offset changes, ascending.
    let transitions: [Int64]
    /// The offset (seconds east of UTC) in force from `transitions[i]` on.
    let offsets: [Int32]
    /// The offset before the first transition.
    let initialOffset: Int32

    /// Loads the zone from the system's time-zone database; nil if unknown.
    ///
    /// Transitions are tabulated from 1900 to 2200; outside, the nearest offset holds.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        let first = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01
        let last = Date(timeIntervalSince1970: 7_258_118_400)  // 2200-01-01
        var ts: [Int64] = []
        var os: [Int32] = []
        var cursor = first
        var guardCount = 0
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < last, guardCount < 10_000 {
            ts.append(Int64(next.timeIntervalSince1970.rounded()))
            os.append(Int32(zone.secondsFromGMT(for: next)))
            cursor = next
            guardCount += 1
        }
        transitions = ts
        offsets = os
        initialOffset = Int32(zone.secondsFromGMT(for: first))
    }

    /// Europe/Paris, the default zone of plans.
    public static let paris: ZoneRules = ZoneRules(identifier: "Europe/Paris") ?? ZoneRules(fixed: 3600, name: "Europe/Paris")

    /// A zone with one offset forever (UTC, or a fallback).
    public init(fixed offset: Int32, name: String) {
        identifier = name
        transitions = []
        offsets = []
        initialOffset = offset
    }

    /// The offset in force at a UTC instant.
    public func offset(atUTC t: Int64) -> Int64 {
        // Last transition <= t.
        var lo = 0, hi = transitions.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if transitions[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return Int64(lo == 0 ? initialOffset : offsets[lo - 1])
    }

    /// How a local wall-clock time maps to instants.
    public enum Resolution: Hashable, Sendable {
        /// Exactly one instant.
        case unique(Int64)
        /// The local time happens twice (autumn overlap): the earlier and the later instant.
        case ambiguous(Int64, Int64)
        /// The local time does not exist (spring gap). `shifted` is the instant reached by moving the
        /// local time forward by the gap; `gapStart`/`gapEnd` are the local seconds of the gap.
        case gap(shifted: Int64, gapStart: Int64, gapEnd: Int64)
    }

    /// Resolves local seconds (seconds since 1970-01-01T00:00 on the wall clock).
    public func resolve(local: Int64) -> Resolution {
        let before = offset(atUTC: local &- 86_400 * 2)
        let after = offset(atUTC: local &+ 86_400 * 2)
        if before == after { return .unique(local - before) }
        let u1 = local - before, u2 = local - after
        let ok1 = offset(atUTC: u1) == before
        let ok2 = offset(atUTC: u2) == after
        switch (ok1, ok2) {
        case (true, true): return u1 == u2 ? .unique(u1) : .ambiguous(min(u1, u2), max(u1, u2))
        case (true, false): return .unique(u1)
        case (false, true): return .unique(u2)
        case (false, false):
            // The transition lies between u2 and u1 (u1 > u2 when clocks go forward).
            var lo = 0, hi = transitions.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if transitions[mid] <= u1 { lo = mid + 1 } else { hi = mid }
            }
            let t = lo > 0 ? transitions[lo - 1] : u1
            return .gap(shifted: u1, gapStart: t + before, gapEnd: t + after)
        }
    }

    /// The widest range of local seconds around `utc`'s local time where one offset holds and
    /// every local time is unique (no gap, no overlap): a cache for converting many local times.
    public func uniqueLocalRange(aroundUTC utc: Int64) -> (lo: Int64, hi: Int64, offset: Int64) {
        var lo = 0, hi = transitions.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if transitions[mid] <= utc { lo = mid + 1 } else { hi = mid }
        }
        let k = lo  // transitions[k - 1] <= utc < transitions[k]
        let offset = Int64(k == 0 ? initialOffset : offsets[k - 1])
        var start = Int64.min / 4, end = Int64.max / 4
        if k > 0 {
            let before = Int64(k >= 2 ? offsets[k - 2] : initialOffset)
            start = transitions[k - 1] + max(before, offset)
        }
        if k < transitions.count {
            end = transitions[k] + min(offset, Int64(offsets[k]))
        }
        return (start, end, offset)
    }

    /// The instant of a local time: the first one in an overlap, moved forward in a gap.
    public func instant(local: Int64) -> Int64 {
        switch resolve(local: local) {
        case .unique(let u): u
        case .ambiguous(let a, _): a
        case .gap(let s, _, _): s
        }
    }

    /// Local wall-clock seconds of an instant.
    public func local(utc: Int64) -> Int64 { utc + offset(atUTC: utc) }

    /// The instant local midnight starts `date` (moved forward if midnight is in a gap).
    public func startOfDay(_ date: CivilDate) -> Int64 {
        instant(local: date.daysSinceEpoch * 86_400)
    }
}

/// Local date-time text helpers shared by loaders and messages.
public enum LocalTime {
    /// `2026-03-02T19:00` (seconds shown only when not zero) from local seconds.
    public static func format(local: Int64) -> String {
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secs = local - days * 86_400
        let date = CivilDate(daysSinceEpoch: days)
        if let text = ASCIIText.make({ w in
            w.date(date)
            w.byte(UInt8(ascii: "T"))
            w.clock(secs)
        }) { return text }
        let h = secs / 3600, m = (secs % 3600) / 60, s = secs % 60
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(date.iso)T\(two(h)):\(two(m))" + (s == 0 ? "" : ":\(two(s))")
    }

    /// `2026-03-02T19:00+01:00` for an instant in a zone.
    public static func format(utc: Int64, in zone: ZoneRules) -> String {
        let off = zone.offset(atUTC: utc)
        let sign = off < 0 ? "-" : "+"
        let a = abs(off)
        let local = utc + off
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        if let text = ASCIIText.make({ w in
            w.date(CivilDate(daysSinceEpoch: days))
            w.byte(UInt8(ascii: "T"))
            w.clock(local - days * 86_400)
            w.byte(UInt8(ascii: off < 0 ? "-" : "+"))
            w.digits(a / 3600, 2)
            w.byte(UInt8(ascii: ":"))
            w.digits((a % 3600) / 60, 2)
        }) { return text }
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return format(local: utc + off) + "\(sign)\(two(a / 3600)):\(two((a % 3600) / 60))"
    }
}
