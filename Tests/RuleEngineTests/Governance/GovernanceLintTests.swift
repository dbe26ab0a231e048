import Testing
@testable import RuleEngine

/// `spp-check lint` on versions and override files.
@Suite struct GovernanceLintTests {
    @Test func versionsLeavingAHoleAreWarnedAtTheLaterOne() throws {
        let text = """
            rules:
              - id: r-1
                principle: continuity
                severity: error
                title: t
                kind: assert
                for_each: service
                assert: "true"
                message: m
                versions:
                  - {id: a, from: 2020-01-01, until: 2020-12-31}
                  - {id: b, from: 2021-03-01}
            """
        let set = try RuleLoader.load(sources: [("rules.yaml", Array(text.utf8))])
        #expect(GovernanceLint.versionWarnings(set).map(\.description) == [
            "rules.yaml:12:9: warning: versions of rule 'r-1' leave a hole from 2021-01-01 to 2021-02-28: no version is in force then, so the rule is not checked; extend 'a' or start 'b' earlier",
        ])
        #expect(GovernanceLint.versionWarnings(try RuleLoader.loadStandardPacks()).isEmpty)
    }

    @Test func anOverrideFileNamingAnUnknownRuleOrParameterOrCrossingABoundOfAnyVersionIsAnError() throws {
        let set = try RuleLoader.loadStandardPacks()
        let file = """
            territory: AOM
            approved_by: "conseil communautaire"
            basis: "délibération 2026-3"
            params:
              cl.driver-age: {min_age: 17}
              cl.driver-ag: {min_age: 18}
              cl.no-profit: {eur_per_kn: 0.4}
            """
        #expect(GovernanceLint.overrideErrors(set, files: [("aom.yaml", Array(file.utf8))]).map(\.description) == [
            // 17 crosses the floor of the version before 2024 (18): a file may judge any period.
            "aom.yaml:5:28: error: parameter 'min_age' of rule 'cl.driver-age' is 17, below 18, the least allowed (Code de la route R221-5 avant le 1er janvier 2024 (permis B à 18 ans)): a territory file may make the rule stricter, not cross the bound",
            "aom.yaml:6:3: error: override of rule 'cl.driver-ag', which the rules given do not declare; did you mean 'cl.driver-age'?",
            "aom.yaml:7:30: error: rule 'cl.no-profit' has no parameter 'eur_per_kn'; did you mean 'eur_per_km'?",
        ])
    }

    /// The standard packs: every parameter declares its nature, and every legal floor or
    /// ceiling has its bound and the text that sets it, so no plan crosses one without an error.
    @Test func everyStandardParameterDeclaresItsNatureAndNoLegalBoundIsCrossableSilently() throws {
        let set = try RuleLoader.loadStandardPacks()
        var count = 0
        for rule in set.rules {
            for p in rule.params + rule.versions.flatMap(\.rule.params) {
                count += 1
                #expect(p.nature != nil, "\(rule.id).\(p.name) declares no nature")
                switch p.nature {
                case .legalFloor?:
                    let floor = try #require(p.minimum, "\(rule.id).\(p.name)")
                    #expect(p.basis != nil)
                    #expect(p.crossing(.double(floor - 0.5)) != nil, "\(rule.id).\(p.name) below its floor passes")
                case .legalCeiling?:
                    let ceiling = try #require(p.maximum, "\(rule.id).\(p.name)")
                    #expect(p.basis != nil)
                    #expect(p.crossing(.double(ceiling + 0.5)) != nil, "\(rule.id).\(p.name) above its ceiling passes")
                case .local?:
                    #expect(p.authority != nil)
                case nil: break
                }
            }
        }
        #expect(count > 70)
    }
}
