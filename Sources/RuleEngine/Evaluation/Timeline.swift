/// Time-interval algorithms the principle kinds are built on. Times are epoch seconds; every
/// interval is half-open `[start, end)`. Each function is O(n log n) in its input (a sort, then
/// one sweep), plus the size of what it returns.
public enum Timeline {
    /// A half-open interval of epoch seconds: the data layer's `Interval`, so that opening
    /// hours, assignments and gaps share one type and one set of interval operations.
    public typealias Span = Interval

    /// Someone present over a span (one assignment).
    public struct Presence: Hashable, Sendable {
        public var span: Span
        /// Index of the contributor (in the caller's table), so that two overlapping
        /// assignments of one person count once.
        public var who: Int
        public init(_ span: Span, who: Int) {
            self.span = span
            self.who = who
        }
    }

    /// A stretch of time over which the set of people present does not change.
    public struct Segment: Hashable, Sendable {
        public var span: Span
        /// Distinct people present, sorted.
        public var present: [Int]
    }

    /// Sorts and merges spans, joining those that overlap or touch, dropping empty ones.
    public static func merge(_ spans: [Span]) -> [Span] { Interval.merge(spans) }

    /// The parts of `spans` inside `window` (both merged first).
    public static func intersect(_ spans: [Span], _ window: [Span]) -> [Span] {
        Interval.intersect(merge(spans), merge(window))
    }

    /// The parts of `window` not in `spans`.
    public static func subtract(_ window: [Span], _ spans: [Span]) -> [Span] {
        Interval.subtract(merge(window), merge(spans))
    }

    /// Cuts `window` into segments over which the same people are present.
    ///
    /// Only presence inside the window counts; time in the window with nobody present gives
    /// segments with an empty `present`.
    public static func segments(_ presences: [Presence], within window: [Span]) -> [Segment] {
        let window = merge(window)
        guard !window.isEmpty else { return [] }
        // Events: +1 at start, -1 at end; window boundaries are cut points too.
        var events: [(time: Int64, delta: Int, who: Int)] = []
        events.reserveCapacity(presences.count * 2)
        for p in presences where !p.span.isEmpty {
            events.append((p.span.start, 1, p.who))
            events.append((p.span.end, -1, p.who))
        }
        events.sort { $0.time < $1.time }
        // The people present, sorted, with how many of their spans are open: a sorted array,
        // not a dictionary whose keys are sorted again at every step.
        var present = Presents()
        var out: [Segment] = []
        var e = 0
        for part in window {
            // Apply every event up to the part's start.
            while e < events.count && events[e].time <= part.start {
                present.apply(events[e].who, events[e].delta)
                e += 1
            }
            // Invariant: every event at or before `cursor` is applied, so the next event lies
            // strictly after it and each step moves forward.
            var cursor = part.start
            while cursor < part.end {
                let next = e < events.count ? min(events[e].time, part.end) : part.end
                // The same people as the last segment (unchanged, or back to the same set):
                // one segment.
                if let last = out.last, last.span.end == cursor, !present.changed || last.present == present.who {
                    out[out.count - 1].span.end = next
                } else {
                    out.append(Segment(span: Span(cursor, next), present: present.who))
                }
                present.changed = false
                cursor = next
                while e < events.count && events[e].time <= cursor {
                    present.apply(events[e].who, events[e].delta)
                    e += 1
                }
            }
        }
        return out
    }

    /// Who is present during a sweep: sorted distinct people and their open spans.
    private struct Presents {
        var who: [Int] = []
        var open: [Int] = []
        /// Whether `who` changed since the flag was last cleared.
        var changed = true

        /// One span of `person` starts (+1) or ends (-1). A count that falls to zero or below
        /// removes the person (an end before its start at the same instant is forgotten).
        mutating func apply(_ person: Int, _ delta: Int) {
            var lo = 0, hi = who.count
            while lo < hi {
                let m = (lo + hi) / 2
                if who[m] < person { lo = m + 1 } else { hi = m }
            }
            if lo < who.count && who[lo] == person {
                open[lo] += delta
                if open[lo] <= 0 {
                    who.remove(at: lo)
                    open.remove(at: lo)
                    changed = true
                }
            } else if delta > 0 {
                who.insert(person, at: lo)
                open.insert(delta, at: lo)
                changed = true
            }
        }
    }

    /// A maximal stretch where fewer people than required are present.
    public struct Gap: Hashable, Sendable {
        public var span: Span
        /// The fewest present at any time in the gap.
        public var present: Int
        public var required: Int
    }

    /// The maximal gaps where fewer than `required` people are present, in order; consecutive
    /// short segments join into one gap.
    public static func gaps(_ segments: [Segment], required: (Span) -> Int) -> [Gap] {
        var out: [Gap] = []
        for s in segments {
            let need = required(s.span)
            guard s.present.count < need else { continue }
            if let last = out.last, last.span.end == s.span.start {
                out[out.count - 1].span.end = s.span.end
                out[out.count - 1].present = min(last.present, s.present.count)
                out[out.count - 1].required = max(last.required, need)
            } else {
                out.append(Gap(span: s.span, present: s.present.count, required: need))
            }
        }
        return out
    }

    /// The largest total length of `spans` inside any window of `width` seconds, and where that
    /// window starts. Spans are merged first (overlapping assignments count once).
    ///
    /// The maximum is reached by a window that starts at some span's start or ends at some
    /// span's end; both families are swept with two pointers over prefix sums.
    public static func maxLoad(_ spans: [Span], width: Int64) -> (total: Int64, window: Span)? {
        let s = merge(spans)
        guard !s.isEmpty, width > 0 else { return nil }
        var prefix = [Int64](repeating: 0, count: s.count + 1)
        for (i, span) in s.enumerated() { prefix[i + 1] = prefix[i] &+ span.length }
        /// Total length of spans inside [a, b).
        func load(_ a: Int64, _ b: Int64) -> Int64 {
            // First span ending after a, last span starting before b.
            var lo = 0, hi = s.count
            while lo < hi { let m = (lo + hi) / 2; if s[m].end <= a { lo = m + 1 } else { hi = m } }
            let first = lo
            lo = first; hi = s.count
            while lo < hi { let m = (lo + hi) / 2; if s[m].start < b { lo = m + 1 } else { hi = m } }
            let last = lo - 1
            guard first <= last else { return 0 }
            var total = prefix[last + 1] - prefix[first]
            total -= max(0, a - s[first].start)
            total -= max(0, s[last].end - b)
            return total
        }
        var best: (Int64, Span) = (-1, Span(0, 0))
        for span in s {
            let starting = load(span.start, span.start &+ width)
            if starting > best.0 { best = (starting, Span(span.start, span.start &+ width)) }
            let ending = load(span.end &- width, span.end)
            if ending > best.0 { best = (ending, Span(span.end &- width, span.end)) }
        }
        return (best.0, best.1)
    }

    /// The rests between consecutive (merged) spans shorter than `minimum`: each as the span
    /// of the rest itself.
    public static func shortRests(_ spans: [Span], minimum: Int64) -> [Span] {
        let s = merge(spans)
        guard s.count > 1 else { return [] }
        var out: [Span] = []
        for i in 1..<s.count where s[i].start - s[i - 1].end < minimum {
            out.append(Span(s[i - 1].end, s[i].start))
        }
        return out
    }
}
