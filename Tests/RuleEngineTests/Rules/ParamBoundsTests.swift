import Testing
@testable import RuleEngine

/// Parameters with legal bounds: a plan may make a rule stricter, never cross the bound.
@Suite struct ParamBoundsTests {
    static func rules(_ param: String) -> String {
        """
        rules:
          - id: r-1
            principle: continuity
            severity: error
            title: t
            params:
              \(param)
            kind: assert
            for_each: service
            assert: params.rest >= 0
            message: m
        """
    }

    static func load(_ param: String) throws -> RuleSet {
        try RuleLoader.load(sources: [("rules.yaml", Array(rules(param).utf8))])
    }

    static func errors(_ param: String) -> [String] {
        do { _ = try load(param); return [] } catch { return error.diagnostics.map(\.description) }
    }

    @Test func boundsAndTheirBasisAreRead() throws {
        let set = try Self.load(#"rest: {default: 11, min: 11, basis: "directive 2003/88 art. 3"}"#)
        let p = try #require(set.rules.first?.params.first)
        #expect(p.minimum == 11)
        #expect(p.maximum == nil)
        #expect(p.basis == "directive 2003/88 art. 3")
        #expect(p.boundsText == "≥ 11")
        #expect(p.crossing(.int(11)) == nil)
        #expect(p.crossing(.int(12)) == nil)
        #expect(p.crossing(.double(10.5)) == "below 11, the least allowed (directive 2003/88 art. 3)")
    }

    @Test(arguments: [
        ("rest: {default: 11, min: 11}", "rules.yaml:7:13: error: parameter 'rest' of rule 'r-1' has a bound but no 'basis': say which text sets it (e.g. basis: \"CSP R2324-46-4\")"),
        ("rest: {default: 9, min: 11, basis: art. 3}", "rules.yaml:7:23: error: the default of parameter 'rest' of rule 'r-1' is 9, below 11, the least allowed (art. 3)"),
        ("rest: {default: 11, min: 12, max: 11, basis: art. 3}", "rules.yaml:7:32: error: 'min' of parameter 'rest' of rule 'r-1' is above its 'max'"),
        ("rest: {default: 11, min: eleven, basis: art. 3}", "rules.yaml:7:32: error: 'min' of parameter 'rest' of rule 'r-1' must be a number"),
    ])
    func badBoundsAreLocatedErrors(param: String, expected: String) {
        let errors = Self.errors(param)
        #expect(errors.contains(expected), "\(errors)")
    }

    @Test func anOverrideCrossingABoundIsALocatedErrorAndOneWithinItApplies() throws {
        let set = try Self.load(#"rest: {default: 11, min: 11, basis: "directive 2003/88 art. 3"}"#)
        func plan(_ value: String) throws -> Plan {
            let text = """
                id: p
                name: P
                kind: fire_rescue
                effective_from: 2026-01-01
                period: {start: 2026-03-02, end: 2026-03-03}
                units: [{id: u1, kind: station}]
                params:
                  r-1: {rest: \(value)}
                """
            return try PlanLoader.load(planBytes: Array(text.utf8), planFile: "plan.yaml") { _ in ("", nil) }.plan
        }
        var warnings: [Diagnostic] = []
        let stricter = try CheckRun.paramOverrides(plan("12"), rules: set, warnings: &warnings)
        #expect(stricter["r-1"]?["rest"]?.displayText == "12")
        do {
            _ = try CheckRun.paramOverrides(plan("9"), rules: set, warnings: &warnings)
            Issue.record("an override below the floor was accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "plan.yaml:8:15: error: parameter 'rest' of rule 'r-1' is 9, below 11, the least allowed (directive 2003/88 art. 3): a plan may make the rule stricter, not cross the bound",
            ])
        }
    }

    @Test func theStandardCrecheRatioCannotBeLoosenedByAPlan() throws {
        let packs = try RuleLoader.loadStandardPacks()
        let walking = try #require(packs.rule("cp.staff-ratio")?.params.first { $0.name == "walking_per_adult" })
        #expect(walking.crossing(.int(12))?.hasPrefix("above 8, the most allowed (CSP R2324-46-4") == true)
        #expect(walking.crossing(.int(6)) == nil)
        let rest = try #require(packs.rule("risk.daily-rest")?.params.first { $0.name == "min_rest_hours" })
        #expect(rest.crossing(.int(9)) != nil)
    }
}
