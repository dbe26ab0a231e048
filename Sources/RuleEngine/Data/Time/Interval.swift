/// A half-open span of time `[start, end)` in epoch seconds (UTC).
public struct Interval: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var start: Int64
    public var end: Int64

    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    /// `Interval(a, b)`: the same as `Interval(start: a, end: b)`.
    public init(_ start: Int64, _ end: Int64) {
        self.init(start: start, end: end)
    }

    public var duration: Int64 { end - start }
    /// The duration, or 0 for an empty (or inverted) interval.
    public var length: Int64 { end > start ? end - start : 0 }
    public var isEmpty: Bool { end <= start }

    public func contains(_ t: Int64) -> Bool { t >= start && t < end }
    public func overlaps(_ o: Interval) -> Bool { start < o.end && o.start < end }

    public func intersection(_ o: Interval) -> Interval? {
        let s = max(start, o.start), e = min(end, o.end)
        return s < e ? Interval(start: s, end: e) : nil
    }

    public static func < (a: Interval, b: Interval) -> Bool { (a.start, a.end) < (b.start, b.end) }

    public var description: String { "[\(start), \(end))" }

    /// Sorts and merges overlapping or touching intervals; drops empty ones.
    public static func merge(_ intervals: [Interval]) -> [Interval] {
        // Already sorted, none empty and no two touching (a person's assignments in file
        // order, a list merged before): the list itself, with no new array.
        var apart = true
        for k in intervals.indices where intervals[k].isEmpty || (k > 0 && intervals[k].start <= intervals[k - 1].end) {
            apart = false
            break
        }
        if apart { return intervals }
        // Else sorted and joined in place, in one new array.
        var out = intervals.filter { !$0.isEmpty }
        out.sort()
        var n = 0
        for k in out.indices {
            if n > 0 && out[k].start <= out[n - 1].end {
                out[n - 1].end = max(out[n - 1].end, out[k].end)
            } else {
                out[n] = out[k]
                n += 1
            }
        }
        out.removeLast(out.count - n)
        return out
    }

    /// The intersection of two merged, sorted interval lists.
    public static func intersect(_ a: [Interval], _ b: [Interval]) -> [Interval] {
        var out: [Interval] = []
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if let x = a[i].intersection(b[j]) { out.append(x) }
            if a[i].end < b[j].end { i += 1 } else { j += 1 }
        }
        return out
    }

    /// `a` minus `b`, both merged and sorted.
    public static func subtract(_ a: [Interval], _ b: [Interval]) -> [Interval] {
        var out: [Interval] = []
        var j = 0
        for var x in a {
            while j < b.count, b[j].end <= x.start { j += 1 }
            var k = j
            while k < b.count, b[k].start < x.end {
                if b[k].start > x.start { out.append(Interval(start: x.start, end: b[k].start)) }
                x.start = max(x.start, b[k].end)
                k += 1
            }
            if x.start < x.end { out.append(x) }
        }
        return out
    }

    /// Total seconds covered by a merged list.
    public static func totalDuration(_ a: [Interval]) -> Int64 { a.reduce(0) { $0 + $1.duration } }

    /// How many of `intervals` cover each moment of `within` (merged, sorted): consecutive
    /// pieces with a constant count, covering `within` exactly. The staffing rules read this.
    public static func coverage(of intervals: [Interval], within: [Interval]) -> [(Interval, Int)] {
        var events: [(Int64, Int)] = []
        events.reserveCapacity(intervals.count * 2)
        for i in intervals where !i.isEmpty {
            events.append((i.start, 1))
            events.append((i.end, -1))
        }
        events.sort { $0.0 < $1.0 }
        var out: [(Interval, Int)] = []
        var e = 0
        var count = 0
        for w in within {
            while e < events.count, events[e].0 <= w.start { count += events[e].1; e += 1 }
            var t = w.start
            while e < events.count, events[e].0 < w.end {
                let at = events[e].0
                if at > t {
                    if let last = out.last, last.1 == count, last.0.end == t {
                        out[out.count - 1].0.end = at
                    } else {
                        out.append((Interval(start: t, end: at), count))
                    }
                    t = at
                }
                while e < events.count, events[e].0 == at { count += events[e].1; e += 1 }
            }
            if t < w.end {
                if let last = out.last, last.1 == count, last.0.end == t {
                    out[out.count - 1].0.end = w.end
                } else {
                    out.append((Interval(start: t, end: w.end), count))
                }
            }
        }
        return out
    }
}
