import Testing
@testable import RuleEngine

/// Reading `versions:`: each version is the whole rule with the keys it names replaced.
@Suite struct RuleVersionLoaderTests {
    static func rules(_ versions: String) -> String {
        """
        rules:
          - id: r-1
            principle: continuity
            severity: error
            title: t
            params:
              rest: {default: 11, min: 11, basis: "art. 3", nature: legal_floor}
            kind: assert
            for_each: service
            assert: params.rest >= 0
            message: m
            versions:
        \(versions)
        """
    }

    static func errors(_ versions: String) -> [String] {
        do { _ = try RuleLoader.load(sources: [("rules.yaml", Array(rules(versions).utf8))]); return [] } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func versionsReplaceTheKeysTheyNameAndRunToTheNextOne() throws {
        let set = try RuleLoader.load(sources: [("rules.yaml", Array(Self.rules("""
              - {id: old, until: 2021-08-31, source: "ancien texte", severity: warning, assert: "params.rest >= 1", params: {rest: {default: 12, min: 12, basis: "old", nature: legal_floor}}}
              - {from: 2021-09-01, source: "décret 2021-1131"}
        """).utf8))])
        let rule = try #require(set.rules.first)
        #expect(rule.versions.map(\.id) == ["old", "2021-09-01"])
        #expect(rule.versions[0].from == nil)
        #expect(rule.versions[0].until == CivilDate(iso: "2021-08-31"))
        #expect(rule.versions[1].until == nil)
        #expect(rule.versions[0].changes == ["severity", "assert", "params"])
        #expect(rule.versions[0].rule.severity == .warning)
        #expect(rule.versions[0].rule.params.first?.defaultValue.displayText == "12")
        #expect(rule.versions[0].rule.condition.first { $0.key == "assert" }?.text == "params.rest >= 1")
        #expect(rule.versions[1].rule.severity == .error)
        #expect(rule.versions[1].rule.params.first?.nature == .legalFloor)
        #expect(rule.inForce(at: CivilDate(iso: "2021-08-31")!).severity == .warning)
        #expect(rule.inForce(at: CivilDate(iso: "2021-09-01")!).severity == .error)
        // The first version has an open start: the rule applies before it too.
        #expect(rule.applies(at: CivilDate(iso: "2019-01-01")!))
    }

    @Test func aVersionStartingAtItsOwnDateLeavesTheRuleOutOfForceBefore() throws {
        let set = try RuleLoader.load(sources: [("rules.yaml", Array(Self.rules("""
              - {from: 2025-10-01, source: "décret 2025"}
        """).utf8))])
        let rule = try #require(set.rules.first)
        #expect(!rule.applies(at: CivilDate(iso: "2025-09-30")!))
        #expect(rule.applies(at: CivilDate(iso: "2025-10-01")!))
    }

    @Test(arguments: [
        ("      - {from: 2021-09-01, kind: assert}", "rules.yaml:13:28: error: a version of rule 'r-1' may not change 'kind'; make a new rule instead"),
        ("      - {source: x}", "rules.yaml:13:9: error: a version of rule 'r-1' needs 'from' or 'until' (its first or last day)"),
        ("      - {from: 2021-09-01, until: 2021-01-01}", "rules.yaml:13:35: error: 'until' is before 'from' in a version of rule 'r-1'"),
        ("      - {from: 2021-09-01, severty: warning}", "rules.yaml:13:28: error: unknown key 'severty' in a version of rule 'r-1'; did you mean 'severity'?"),
        ("      - {from: 2021-09-01, until: 2022-12-31}\n      - {from: 2022-06-01}", "rules.yaml:14:9: error: version '2022-06-01' of rule 'r-1' starts on 2022-06-01, before version '2021-09-01' ends (2022-12-31): two versions would be in force at once"),
        ("      - {from: 2022-09-01}\n      - {from: 2021-06-01}", "rules.yaml:14:9: error: versions of rule 'r-1' must be in date order, each with a 'from' after the previous version's"),
        ("      - {from: 2021-09-01, assert: \"params.rest && true\"}", "rules.yaml:13:44: error: '&&' needs bool operands, not int"),
        ("      - {from: 2021-09-01, params: {rest: {default: 5, min: 11, basis: b}}}", "rules.yaml:13:53: error: the default of parameter 'rest' of rule 'r-1' is 5, below 11, the least allowed (b)"),
    ])
    func badVersionsAreLocatedErrors(versions: String, expected: String) {
        let errors = Self.errors(versions)
        #expect(errors.contains { $0.hasPrefix(expected) }, "\(errors)")
    }
}
