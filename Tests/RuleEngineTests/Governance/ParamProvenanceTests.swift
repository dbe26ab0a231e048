import Foundation
import Testing
@testable import RuleEngine

/// `run.params` of the JSON report: the layer of every parameter value a rule ran with,
/// standard defaults included, once per rule (not per finding).
@Suite struct ParamProvenanceTests {
    @Test func everyValueUsedSaysItsLayerStandardDefaultsIncluded() throws {
        let standard = try ParamLayersTests.run(territory: nil)
        #expect(standard.run.params["r-1"] == [ParamUsed(name: "rest", value: "11", layer: .standard)])
        #expect(standard.run.params["r-2"] == nil)

        let planned = try ParamLayersTests.run(territory: nil, planParams: "params:\n  r-1: {rest: 12}")
        #expect(planned.run.params["r-1"] == [ParamUsed(name: "rest", value: "12", layer: .plan)])
        let json = JSONReporter.render(planned.report, run: planned.run)
        #expect(json.contains("\"params\": {\n      \"r-1\": [\n        {\n          \"name\": \"rest\",\n          \"value\": \"12\",\n          \"layer\": \"plan\"\n        }\n      ]\n    }"))
    }

    @Test func aRuleJudgedInPartsListsTheStandardValueOfEachVersion() throws {
        let text = """
            rules:
              - id: v
                principle: continuity
                severity: error
                title: t
                params:
                  n: {default: 17, min: 17, basis: "b", nature: legal_floor}
                kind: assert
                for_each: service
                assert: params.n >= 0
                message: m
                versions:
                  - {id: old, until: 2023-12-31, params: {n: {default: 18, min: 18, basis: "b", nature: legal_floor}}}
                  - {id: new, from: 2024-01-01}
            """
        let rule = try RuleLoader.load(sources: [("r.yaml", Array(text.utf8))]).rules[0]
        let period = Period(start: try #require(CivilDate(iso: "2023-12-30")), end: try #require(CivilDate(iso: "2024-01-03")),
                            startInstant: 0, endInstant: 0, location: .start(of: "plan.yaml"))
        let used = ParamProvenance.used([rule], evaluated: ["v"], settings: [:]) {
            ParamProvenance.judging($0, period: period, asOf: nil)
        }
        #expect(used["v"] == [ParamUsed(name: "n", value: "18", layer: .standard, version: "old"),
                              ParamUsed(name: "n", value: "17", layer: .standard, version: "new")])
        let asOf = ParamProvenance.used([rule], evaluated: ["v"], settings: [:]) {
            ParamProvenance.judging($0, period: period, asOf: CivilDate(iso: "2024-01-01"))
        }
        #expect(asOf["v"] == [ParamUsed(name: "n", value: "17", layer: .standard, version: "new")])
        #expect(ParamProvenance.used([rule], evaluated: [], settings: [:]) { _ in [] }.isEmpty)
    }
}
