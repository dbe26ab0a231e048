import Testing
@testable import RuleEngine

@Suite struct TimelineTests {
    typealias Span = Timeline.Span
    let h: Int64 = 3600

    func p(_ s: Int64, _ e: Int64, _ who: Int) -> Timeline.Presence { .init(Span(s * h, e * h), who: who) }

    @Test func mergeJoinsOverlappingAndTouchingSpansAndDropsEmptyOnes() {
        let merged = Timeline.merge([Span(5, 7), Span(0, 2), Span(2, 3), Span(6, 9), Span(4, 4)])
        #expect(merged == [Span(0, 3), Span(5, 9)])
    }

    @Test func subtractLeavesTheUncoveredParts() {
        #expect(Timeline.subtract([Span(0, 10)], [Span(2, 3), Span(5, 12)]) == [Span(0, 2), Span(3, 5)])
        #expect(Timeline.subtract([Span(0, 10), Span(20, 30)], [Span(8, 22)]) == [Span(0, 8), Span(22, 30)])
    }

    @Test func intersectKeepsTheCommonParts() {
        #expect(Timeline.intersect([Span(0, 5), Span(8, 12)], [Span(3, 10)]) == [Span(3, 5), Span(8, 10)])
    }

    @Test func segmentsCountDistinctPeopleSoAnOverlapOfOnePersonCountsOnce() {
        // Person 0 has two overlapping assignments 0-8 and 4-12; person 1 is there 6-10.
        let segs = Timeline.segments([p(0, 8, 0), p(4, 12, 0), p(6, 10, 1)], within: [Span(0, 12 * h)])
        #expect(segs.map(\.present) == [[0], [0, 1], [0]])
        #expect(segs.map(\.span) == [Span(0, 6 * h), Span(6 * h, 10 * h), Span(10 * h, 12 * h)])
    }

    @Test func touchingAssignmentsLeaveNoGap() {
        let segs = Timeline.segments([p(0, 12, 0), p(12, 24, 1)], within: [Span(0, 24 * h)])
        let gaps = Timeline.gaps(segs) { _ in 1 }
        #expect(gaps.isEmpty)
    }

    @Test func zeroLengthAssignmentsCoverNothing() {
        let segs = Timeline.segments([p(5, 5, 0)], within: [Span(0, 10 * h)])
        #expect(Timeline.gaps(segs) { _ in 1 } == [Timeline.Gap(span: Span(0, 10 * h), present: 0, required: 1)])
    }

    @Test func gapsAreMaximalAndRecordTheFewestPresent() {
        // Need 2 over 0-24: 0-6 two people, 6-8 one, 8-10 none, 10-24 two.
        let segs = Timeline.segments([p(0, 6, 0), p(0, 8, 1), p(10, 24, 0), p(10, 24, 2)], within: [Span(0, 24 * h)])
        let gaps = Timeline.gaps(segs) { _ in 2 }
        #expect(gaps == [Timeline.Gap(span: Span(6 * h, 10 * h), present: 0, required: 2)])
    }

    @Test func presenceOutsideTheWindowIsIgnoredAndStraddlingAssignmentsAreCut() {
        // An assignment from -6 to 6 straddles the start of the window [0, 12).
        let segs = Timeline.segments([p(-6, 6, 0), p(20, 30, 1)], within: [Span(0, 12 * h)])
        #expect(segs.map(\.span) == [Span(0, 6 * h), Span(6 * h, 12 * h)])
        #expect(segs.map(\.present) == [[0], []])
    }

    @Test func aWindowInSeveralPartsIsSweptPartByPart() {
        let segs = Timeline.segments([p(0, 30, 0)], within: [Span(0, 2 * h), Span(10 * h, 12 * h)])
        #expect(segs.map(\.span) == [Span(0, 2 * h), Span(10 * h, 12 * h)])
    }

    @Test func maxLoadFindsTheHeaviestRollingWindowNotACalendarWeek() {
        // Four 12 h shifts on days 5, 6, 7, 8 (Friday to Monday): any calendar week holds
        // 24 h, but a rolling 7-day window holds all 48 h.
        let shifts = (5...8).map { Span(Int64($0) * 24 * h, Int64($0) * 24 * h + 12 * h) }
        let result = Timeline.maxLoad(shifts, width: 7 * 24 * h)
        #expect(result?.total == 48 * h)
    }

    @Test func maxLoadCountsOverlappingAssignmentsOnce() {
        let result = Timeline.maxLoad([Span(0, 10 * h), Span(5 * h, 15 * h)], width: 100 * h)
        #expect(result?.total == 15 * h)
    }

    @Test func maxLoadCountsOnlyThePartOfASpanInsideTheWindow() {
        let result = Timeline.maxLoad([Span(0, 100 * h)], width: 10 * h)
        #expect(result?.total == 10 * h)
    }

    @Test func shortRestsAreTheBreaksUnderTheMinimum() {
        let rests = Timeline.shortRests([Span(0, 12 * h), Span(20 * h, 32 * h), Span(50 * h, 60 * h)], minimum: 11 * h)
        #expect(rests == [Span(12 * h, 20 * h)])
    }
}
