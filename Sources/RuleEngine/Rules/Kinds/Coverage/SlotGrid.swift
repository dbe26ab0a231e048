/// The slots of `granularity:`: `length` seconds from each local midnight (the day's last slot
/// ends at the next midnight, so a slot never spans two days), cut again at the boundaries of a
/// requirement's pieces so that each slot lies in one piece.
struct SlotGrid {
    let length: Int64
    let zone: ZoneRules
    /// The pieces' starts and ends, sorted.
    let cuts: [Int64]

    init(length: Int64, zone: ZoneRules, pieces: [Timeline.Span]) {
        self.length = length
        self.zone = zone
        var cuts: [Int64] = []
        cuts.reserveCapacity(pieces.count * 2)
        for p in pieces { cuts.append(p.start); cuts.append(p.end) }
        self.cuts = cuts.sorted()
    }

    /// The span widened to the slots it overlaps: from the start of the slot holding its start
    /// to the end of the slot holding its last instant. An empty span stays empty (it touches
    /// no slot).
    func widen(_ span: Timeline.Span) -> Timeline.Span {
        guard span.end > span.start else { return span }
        return Timeline.Span(floor(span.start), ceiling(span.end))
    }

    /// The local day holding `t`: `[midnight, next midnight)`.
    private func day(_ t: Int64) -> (start: Int64, end: Int64) {
        let date = LocalDates.date(t, zone)
        let start = zone.startOfDay(date), end = zone.startOfDay(CivilDate(daysSinceEpoch: date.daysSinceEpoch + 1))
        // A midnight moved forward by a time change never lies after the instants of its day;
        // guard anyway so that the slot always holds t.
        return start <= t ? (start, end) : (zone.startOfDay(CivilDate(daysSinceEpoch: date.daysSinceEpoch - 1)), start)
    }

    /// Index of the first piece boundary after `t`.
    private func firstCut(after t: Int64) -> Int {
        var lo = 0, hi = cuts.count
        while lo < hi {
            let m = (lo + hi) / 2
            if cuts[m] <= t { lo = m + 1 } else { hi = m }
        }
        return lo
    }

    /// The latest slot boundary at or before `t`.
    func floor(_ t: Int64) -> Int64 {
        let d = day(t)
        let grid = d.start &+ (t &- d.start) / length &* length
        let k = firstCut(after: t)
        return k > 0 ? max(grid, cuts[k - 1]) : grid
    }

    /// The earliest slot boundary at or after `t`.
    func ceiling(_ t: Int64) -> Int64 {
        let d = day(t)
        let offset = t &- d.start
        let grid = offset % length == 0 ? t : min(d.start &+ (offset / length + 1) &* length, d.end)
        // A boundary equal to t is one too.
        let k = firstCut(after: t &- 1)
        return k < cuts.count ? min(grid, cuts[k]) : grid
    }
}
