import Testing
@testable import RuleEngine

/// A small seeded generator (SplitMix64): the same cases on every run.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `Timeline.segments` (a sweep keeping who is present in a sorted array) against a
/// brute-force reference that looks at every second.
@Suite struct TimelineSegmentsTests {
    typealias Span = Timeline.Span
    typealias Presence = Timeline.Presence

    /// Who is present at each second of the window, runs of equal presence joined; a second
    /// outside the window ends a run.
    static func reference(_ presences: [Presence], within window: [Span]) -> [Timeline.Segment] {
        let lo = window.map(\.start).min() ?? 0, hi = window.map(\.end).max() ?? 0
        var out: [Timeline.Segment] = []
        var t = lo
        while t < hi {
            defer { t += 1 }
            guard window.contains(where: { $0.start <= t && t < $0.end }) else { continue }
            let present = Array(Set(presences.filter { $0.span.start <= t && t < $0.span.end }.map(\.who))).sorted()
            if let last = out.last, last.span.end == t, last.present == present {
                out[out.count - 1].span.end = t + 1
            } else {
                out.append(Timeline.Segment(span: Span(t, t + 1), present: present))
            }
        }
        return out
    }

    static func check(_ presences: [Presence], _ window: [Span], sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let got = Timeline.segments(presences, within: window)
        let expected = reference(presences, within: window)
        #expect(got.map(\.span) == expected.map(\.span), "presences \(presences) window \(window)", sourceLocation: sourceLocation)
        #expect(got.map(\.present) == expected.map(\.present), "presences \(presences) window \(window)", sourceLocation: sourceLocation)
        for (a, b) in zip(got, got.dropFirst()) where a.span.end == b.span.start {
            #expect(a.present != b.present, "touching segments with the same people: \(a), \(b)", sourceLocation: sourceLocation)
        }
        return got == expected
    }

    @Test func touchingSpansOfOnePersonAreOneSegment() {
        let presences = [Presence(Span(0, 5), who: 1), Presence(Span(5, 10), who: 1), Presence(Span(10, 12), who: 1)]
        let got = Timeline.segments(presences, within: [Span(0, 14)])
        #expect(got == [Timeline.Segment(span: Span(0, 12), present: [1]), Timeline.Segment(span: Span(12, 14), present: [])])
        #expect(Self.check(presences, [Span(0, 14)]))
    }

    @Test func overlappingSpansOfOnePersonCountOnceAndEndWithTheLastOfThem() {
        let presences = [Presence(Span(0, 8), who: 2), Presence(Span(2, 4), who: 2), Presence(Span(3, 10), who: 2), Presence(Span(5, 6), who: 0)]
        let got = Timeline.segments(presences, within: [Span(0, 12)])
        #expect(got == [Timeline.Segment(span: Span(0, 5), present: [2]), Timeline.Segment(span: Span(5, 6), present: [0, 2]),
                        Timeline.Segment(span: Span(6, 10), present: [2]), Timeline.Segment(span: Span(10, 12), present: [])])
        #expect(Self.check(presences, [Span(0, 12)]))
    }

    @Test func zeroLengthAndInvertedSpansMakeNobodyPresent() {
        let presences = [Presence(Span(3, 3), who: 0), Presence(Span(6, 4), who: 1), Presence(Span(5, 5), who: 2), Presence(Span(5, 7), who: 3)]
        let got = Timeline.segments(presences, within: [Span(0, 10)])
        #expect(got == [Timeline.Segment(span: Span(0, 5), present: []), Timeline.Segment(span: Span(5, 7), present: [3]),
                        Timeline.Segment(span: Span(7, 10), present: [])])
        #expect(Self.check(presences, [Span(0, 10)]))
    }

    @Test func aPersonLeavingAndAnotherArrivingAtOneInstantCutsTheSegment() {
        // 0 leaves and 1 arrives at 5; later 1 leaves and 0 comes back at 8, and 0 leaves and
        // comes back at 9 (one segment across 9).
        let presences = [Presence(Span(0, 5), who: 0), Presence(Span(5, 8), who: 1), Presence(Span(8, 9), who: 0), Presence(Span(9, 10), who: 0)]
        let got = Timeline.segments(presences, within: [Span(0, 10)])
        #expect(got.map(\.span) == [Span(0, 5), Span(5, 8), Span(8, 10)])
        #expect(got.map(\.present) == [[0], [1], [0]])
    }

    @Test func aWindowOfSeveralPartsIsCutAtItsHolesAndMergedWhereItsPartsTouch() {
        let presences = [Presence(Span(0, 30), who: 4), Presence(Span(12, 14), who: 1)]
        // [0, 5) and [5, 8) touch: one part. [10, 15) and [12, 20) overlap: one part.
        let window = [Span(10, 15), Span(0, 5), Span(12, 20), Span(5, 8), Span(25, 25)]
        let got = Timeline.segments(presences, within: window)
        #expect(got.map(\.span) == [Span(0, 8), Span(10, 12), Span(12, 14), Span(14, 20)])
        #expect(got.map(\.present) == [[4], [4], [1, 4], [4]])
        #expect(Self.check(presences, window))
    }

    @Test func anEmptyWindowHasNoSegments() {
        #expect(Timeline.segments([Presence(Span(0, 5), who: 0)], within: []).isEmpty)
        #expect(Timeline.segments([Presence(Span(0, 5), who: 0)], within: [Span(3, 3)]).isEmpty)
    }

    @Test func randomCasesAgreeWithTheSecondBySecondReference() {
        var rng = SeededGenerator(state: 0x7133_11E5)
        var failures = 0
        for _ in 0..<3_000 {
            let people = Int.random(in: 1...5, using: &rng)
            let presences = (0..<Int.random(in: 0...12, using: &rng)).map { _ -> Presence in
                let start = Int64.random(in: -5...45, using: &rng)
                // Mostly short spans; some empty or inverted; some touching the previous end.
                let length = Int64.random(in: -2...12, using: &rng)
                return Presence(Span(start, start + length), who: Int.random(in: 0..<people, using: &rng))
            }
            var withTouching = presences
            for p in presences where Bool.random(using: &rng) && p.span.end > p.span.start {
                withTouching.append(Presence(Span(p.span.end, p.span.end + Int64.random(in: 0...6, using: &rng)), who: p.who))
            }
            let window = (0..<Int.random(in: 1...4, using: &rng)).map { _ -> Span in
                let start = Int64.random(in: 0...40, using: &rng)
                return Span(start, start + Int64.random(in: 0...15, using: &rng))
            }
            if !Self.check(withTouching.shuffled(using: &rng), window) { failures += 1 }
            if failures > 3 { break }
        }
        #expect(failures == 0)
    }

    @Test func manyPeopleArrivingAndLeavingInAnyOrderKeepThePresentListSorted() {
        var rng = SeededGenerator(state: 0xB16_5EED)
        let presences = (0..<400).map { i -> Presence in
            let start = Int64.random(in: 0...200, using: &rng)
            return Presence(Span(start, start + Int64.random(in: 1...50, using: &rng)), who: (i * 37) % 101)
        }
        let got = Timeline.segments(presences, within: [Span(0, 260)])
        #expect(got.allSatisfy { $0.present == Array(Set($0.present)).sorted() })
        #expect(Self.check(presences, [Span(0, 260)]))
    }
}
