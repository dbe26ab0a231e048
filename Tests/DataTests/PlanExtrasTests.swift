import Testing
@testable import RuleEngine

/// Data of a plan's own is written under `extra:` on every plan list item that rules read, so
/// that rules can read it (`eligibility.extra.nationality`: a criterion on nationality must be
/// catchable) while a misspelt key stays an error.
@Suite struct PlanExtrasTests {
    @Test func extraDataOfPlanListItemsIsReadableFromExpressions() throws {
        let plan = """
            id: p
            name: P
            kind: carpool_line
            effective_from: 2026-01-01
            period: {start: 2026-03-02, end: 2026-03-09}
            units: [{id: l1, kind: line, extra: {engines: [VSAV]}}]
            territory: {zones: [{id: z, extra: {density: rural}}]}
            tariffs: [{category: all, amount_eur: 0, extra: {zone_note: free}}]
            access_channels: [{kind: app, extra: {stops: [s1]}}]
            eligibility: [{id: e, extra: {nationality: FR}}]
            risk_cover: {policies: [{id: p1, type: rc, extra: {broker: b}}]}
            extra: {declarations: [x]}
            """
        let data = try PlanLoader.load(planBytes: Array(plan.utf8), planFile: "plan.yaml") { ($0, nil) }
        func value(_ record: some ObjectValue, _ name: String) -> String? {
            guard case .value(.map(let entries)) = record.field("extra"),
                  let v = entries.first(where: { if case .string(name) = $0.key { true } else { false } })?.value else { return nil }
            if case .string(let s) = v { return s }
            if case .list(let l) = v, case .string(let s)? = l.first { return s }
            return nil
        }
        #expect(value(data.plan, "declarations") == "x")
        #expect(value(data.plan.units[0], "engines") == "VSAV")
        #expect(value(data.plan.territory.zones[0], "density") == "rural")
        #expect(value(data.plan.tariffs[0], "zone_note") == "free")
        #expect(value(data.plan.accessChannels[0], "stops") == "s1")
        #expect(value(data.plan.eligibility[0], "nationality") == "FR")
        #expect(value(data.plan.riskCover.policies[0], "broker") == "b")
        if case .noSuchField = data.plan.tariffs[0].field("zone_note") {} else { Issue.record("extra data is no field") }
    }

    @Test func extraMustBeAMapping() {
        let plan = """
            id: p
            name: P
            kind: carpool_line
            effective_from: 2026-01-01
            period: {start: 2026-03-02, end: 2026-03-09}
            units: [{id: l1, kind: line, extra: notes}]
            """
        #expect(throws: (any Error).self) {
            _ = try PlanLoader.load(planBytes: Array(plan.utf8), planFile: "plan.yaml") { ($0, nil) }
        }
        do {
            _ = try PlanLoader.load(planBytes: Array(plan.utf8), planFile: "plan.yaml") { ($0, nil) }
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "plan.yaml:6:37: error: expected a mapping for 'extra' in unit 'l1' (names of your own and their values), found a string",
            ])
        }
    }
}
