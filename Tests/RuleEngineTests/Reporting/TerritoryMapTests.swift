import Testing
@testable import RuleEngine

/// The territory section's measure (`TerritoryMap`) and its HTML, on the hand-computed day of
/// `ResponseTimeTests`: near (8 min) staffed 00:00–19:00, far (18 min) all day, target 12 min.
@Suite struct TerritoryMapTests {
    static func map() throws -> TerritoryMap {
        let rule = try KindTest.rule(kind: "response_time", "")
        let data = try KindTest.data(plan: ResponseTimeTests.plan(response: ResponseTimeTests.response), files: [
            "contributors.csv": ResponseTimeTests.people,
            "assignments.csv": KindTest.assignments(["a1,c1,near,,2026-03-02T00:00,2026-03-02T19:00,garde",
                                                     "a2,c2,far,,2026-03-02T00:00,2026-03-03T00:00,garde"]),
        ])
        let kind = try #require(rule.check as? ResponseTimeRule)
        let analysis = try #require(kind.analysis(EvaluationContext(data: data, asOf: data.plan.period.start)))
        return TerritoryMap(rule: rule.id, analysis: analysis)
    }

    @Test func theCommuneBeyondTargetComesFirstWithItsWorstTimeAndHours() throws {
        let map = try Self.map()
        #expect(map.rows.map(\.insee) == ["38053", "38193"])
        let worst = try #require(map.rows.first)
        #expect(worst.worstMinutes == 18)
        #expect(worst.target == 12)
        #expect(worst.gap == 6)
        #expect(worst.beyondSeconds == 5 * 3600)
        // 8 min until 19:00, 18 min from 19:00 to midnight.
        #expect(worst.hours == Array(repeating: 8, count: 19) + Array(repeating: 18, count: 5))
        // 38193 is within target all day (near 5 min, then far 10 min): no heat row.
        #expect(map.rows.last?.worstMinutes == 10)
        #expect(map.rows.last?.hours == [])
    }

    @Test(arguments: ["en", "fr"])
    func theSectionHasATableABarAndAHeatRowInBothLanguages(_ lang: String) throws {
        let html = HTMLReporter.territorySection(try Self.map(), HTMLLabels.for(lang))
        #expect(html.contains(lang == "fr" ? "Territoire : délai d&#39;arrivée des secours par commune" : "Territory: response time per commune"))
        #expect(html.contains("<tr data-commune=\"38053\" data-beyond-seconds=\"18000\">"))
        #expect(html.contains("class=\"bar\" data-commune=\"38053\""))
        #expect(!html.contains("class=\"bar\" data-commune=\"38193\""))
        #expect(html.contains("<td class=\"h-over\" data-hour=\"19\" data-state=\"over\""))
        #expect(html.contains("<td class=\"h-in\" data-hour=\"18\" data-state=\"in\""))
        #expect(html.contains("+6 min"))
    }

    @Test func noResponseRuleNoSection() {
        #expect(HTMLReporter.territorySection(nil, HTMLLabels.en) == "")
    }
}
