/// Each contributor's assignments (every unit) as merged sorted spans, so that "is this person
/// free over this span" is a binary search. Kept flat — all spans in one array, contributor
/// `c`'s in `offsets[c] ..< offsets[c + 1]` — so that a lookup touches no nested array.
public struct BusySpans: Sendable {
    private let spans: [Timeline.Span]
    private let offsets: [Int]

    /// Each contributor's spans of commitment (duty and on call): when they are busy. With
    /// `availability: true`, their spans of declared availability instead: when they may be called.
    public init(_ data: ServiceData, availability: Bool = false) {
        let people = data.contributors.count
        var counts = [Int](repeating: 0, count: people + 1)
        func counted(_ a: Assignment) -> Bool {
            a.contributorIndex >= 0 && a.contributorIndex < people && (a.engagement == .availability) == availability
        }
        for a in data.assignments where counted(a) {
            counts[a.contributorIndex + 1] += 1
        }
        for c in 0..<people { counts[c + 1] += counts[c] }
        var all = [Timeline.Span](repeating: Timeline.Span(0, 0), count: counts[people])
        var next = counts
        for a in data.assignments where counted(a) {
            all[next[a.contributorIndex]] = Timeline.Span(a.start, a.end)
            next[a.contributorIndex] += 1
        }
        // Each contributor's spans merged (sorted, overlapping or touching ones joined, empty
        // ones dropped), packed to the front of the array in contributor order.
        var merged: [Timeline.Span] = []
        merged.reserveCapacity(all.count)
        var offsets = [Int](repeating: 0, count: people + 1)
        for c in 0..<people {
            merged += Timeline.merge(Array(all[counts[c]..<counts[c + 1]]))
            offsets[c + 1] = merged.count
        }
        spans = merged
        self.offsets = offsets
    }

    /// Contributor `c`'s merged spans.
    public func spans(of c: Int) -> ArraySlice<Timeline.Span> {
        guard c >= 0, c + 1 < offsets.count else { return [] }
        return spans[offsets[c]..<offsets[c + 1]]
    }

    /// The index of contributor `c`'s first span ending after `t`, and the end of their spans.
    private func firstEnding(after t: Int64, of c: Int) -> (Int, Int)? {
        guard c >= 0, c + 1 < offsets.count else { return nil }
        var lo = offsets[c], hi = offsets[c + 1]
        let end = hi
        while lo < hi {
            let m = (lo + hi) / 2
            if spans[m].end <= t { lo = m + 1 } else { hi = m }
        }
        return (lo, end)
    }

    /// Whether contributor `c` has an assignment overlapping `span`.
    public func isBusy(_ c: Int, over span: Timeline.Span) -> Bool {
        guard let (i, end) = firstEnding(after: span.start, of: c) else { return false }
        return i < end && spans[i].start < span.end
    }

    /// Whether one of contributor `c`'s merged spans holds the whole of `span`.
    public func covers(_ c: Int, _ span: Timeline.Span) -> Bool {
        guard let (i, end) = firstEnding(after: span.start, of: c) else { return false }
        return i < end && spans[i].start <= span.start && spans[i].end >= span.end
    }
}
