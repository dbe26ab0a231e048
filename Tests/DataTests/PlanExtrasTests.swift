import Testing
@testable import RuleEngine

/// Keys the data model does not name are kept on every plan list item, so that rules can read
/// them (an eligibility criterion on nationality must be catchable).
@Suite struct PlanExtrasTests {
    @Test func unknownKeysOfPlanListItemsAreReadableFromExpressions() throws {
        let plan = """
            id: p
            name: P
            kind: carpool_line
            effective_from: 2026-01-01
            period: {start: 2026-03-02, end: 2026-03-09}
            units: [{id: l1, kind: line}]
            territory: {zones: [{id: z, density: rural}]}
            tariffs: [{category: all, amount_eur: 0, zone_note: free}]
            access_channels: [{kind: app, stops: [s1]}]
            eligibility: [{id: e, nationality: FR}]
            risk_cover: {policies: [{id: p1, type: rc, broker: b}]}
            """
        let data = try PlanLoader.load(planBytes: Array(plan.utf8), planFile: "plan.yaml") { ($0, nil) }
        func value(_ lookup: FieldLookup) -> String? {
            if case .value(.string(let s)) = lookup { return s }
            if case .value(.list(let l)) = lookup, case .string(let s)? = l.first { return s }
            return nil
        }
        #expect(value(data.plan.territory.zones[0].field("density")) == "rural")
        #expect(value(data.plan.tariffs[0].field("zone_note")) == "free")
        #expect(value(data.plan.accessChannels[0].field("stops")) == "s1")
        #expect(value(data.plan.eligibility[0].field("nationality")) == "FR")
        #expect(value(data.plan.riskCover.policies[0].field("broker")) == "b")
        if case .noSuchField = data.plan.tariffs[0].field("nothing") {} else { Issue.record("an absent key is no field") }
    }
}
