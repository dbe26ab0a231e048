import Testing
@testable import RuleEngine

@Suite struct KindSharedTests {
    @Test(arguments: [("7d", 604_800), ("48h", 172_800), ("90m", 5_400), ("1h30m", 5_400), ("2w", 1_209_600), ("30s", 30)] as [(String, Int64)])
    func durationsAddTheirParts(text: String, seconds: Int64) {
        #expect(RuleDuration.seconds(text) == seconds)
    }

    @Test(arguments: ["7x", "", "h", "7", "1h30", "-1h", "99999999999d"])
    func malformedOrOverflowingDurationsAreRefused(text: String) {
        #expect(RuleDuration.seconds(text) == nil)
    }

    @Test func spansReadInLocalTimeAcrossMidnightAndDaylightSaving() {
        let paris = ZoneRules.paris
        // 2026-03-02T13:00Z = 14:00 in Paris (UTC+1).
        let start: Int64 = 1_772_456_400
        #expect(KindTime.span(Timeline.Span(start, start + 4 * 3600), paris) == "Mon 2026-03-02 14:00–18:00")
        #expect(KindTime.span(Timeline.Span(start, start + 10 * 3600), paris) == "Mon 2026-03-02 14:00–24:00")
        #expect(KindTime.span(Timeline.Span(start, start + 17 * 3600), paris) == "Mon 2026-03-02 14:00 – Tue 2026-03-03 07:00")
        #expect(KindTime.key(Timeline.Span(start, start + 3600), paris) == "2026-03-02T14:00+01:00/2026-03-02T15:00+01:00")
        #expect(KindTime.hours(5_400) == "1.5")
        #expect(KindTime.hours(36_000) == "10")
    }

    @Test func aContributorIsBusyOnlyWhenAnAssignmentOverlaps() throws {
        let data = try KindTest.data(plan: CoverageTests.plan(CoverageTests.weekdayUnits), files: [
            "contributors.csv": CoverageTests.fiveMembers,
            "assignments.csv": KindTest.assignments([
                "a1,A,u1,,2026-03-02T08:00,2026-03-02T12:00,garde",
                "a2,A,u2,,2026-03-02T11:00,2026-03-02T14:00,garde",
            ]),
        ])
        let busy = BusySpans(data)
        let a = try #require(data.contributorIndex["A"])
        let noon = data.assignments[0].end
        #expect(busy.isBusy(a, over: Timeline.Span(noon, noon + 3600)))
        // Merged 08:00–14:00: free from 14:00, and before 08:00.
        #expect(!busy.isBusy(a, over: Timeline.Span(noon + 2 * 3600, noon + 3 * 3600)))
        #expect(!busy.isBusy(a, over: Timeline.Span(noon - 5 * 3600, noon - 4 * 3600)))
        #expect(!busy.isBusy(try #require(data.contributorIndex["B"]), over: Timeline.Span(noon, noon + 1)))
        #expect(UnitAssignments(data).byUnit == [[0], [1]])
        #expect(UnitMembers(data).byUnit.map { $0.map { data.contributors[$0].id } } == [["A", "B", "C", "D"], ["E"]])
    }

    @Test func demandsThatOverlapAddUpAndTouchingEqualOnesJoin() {
        let pieces = CoverageRun.stack([(Timeline.Span(0, 10), 2), (Timeline.Span(5, 15), 1), (Timeline.Span(15, 20), 1),
                                        (Timeline.Span(30, 40), 0)])
        #expect(pieces.map { [$0.span.start, $0.span.end, Int64($0.required)] } == [[0, 5, 2], [5, 10, 3], [10, 20, 1]])
    }

    @Test func segmentsAreCutAtEveryPieceBoundary() {
        let segments = [Timeline.Segment(span: Timeline.Span(0, 20), present: [1])]
        let cut = CoverageRun.split(segments, at: [Timeline.Span(0, 5), Timeline.Span(5, 12), Timeline.Span(12, 20)])
        #expect(cut.map { [$0.span.start, $0.span.end] } == [[0, 5], [5, 12], [12, 20]])
    }

    @Test func aParameterOverrideOutsideTheBoundsCannotBeUsed() throws {
        let rule = try KindTest.rule(kind: "concentration", "max_share: params.share", params: "{share: 0.5}")
        let data = try KindTest.data(plan: CoverageTests.plan(CoverageTests.weekdayUnits), files: [
            "contributors.csv": CoverageTests.fiveMembers, "assignments.csv": KindTest.assignments([]),
        ])
        let results = rule.check.evaluate(EvaluationContext(data: data, asOf: data.plan.period.start, params: ["share": .string("half")]))
        #expect(results.map(\.message) == ["cannot evaluate: parameter 'share' must be a number, the plan gives half"])
        #expect(results.map(\.outcome) == [.indeterminate])
    }

    @Test func aParameterWhoseDefaultIsNotANumberIsRefusedWhenTheRuleLoads() {
        let errors = KindTest.loadErrors(kind: "concentration", "max_share: params.share", params: "{share: half}")
        #expect(errors == ["rules.yaml:8:16: error: parameter 'share' used in 'max_share' must be a number, its default is half"])
    }
}
