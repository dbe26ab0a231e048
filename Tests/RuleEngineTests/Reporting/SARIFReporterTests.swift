import Foundation
import Testing
@testable import RuleEngine

@Suite struct SARIFReporterTests {
    func parse(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func run(_ sarif: [String: Any]) throws -> [String: Any] {
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        return try #require(runs.first)
    }

    @Test func theRunNamesTheToolAndDescribesEveryLoadedRule() throws {
        let (_, input) = try Fixture.check(lang: "en")
        let sarif = try parse(SARIFReporter.render(input))
        #expect(sarif["version"] as? String == "2.1.0")
        let driver = try #require(((try run(sarif))["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "spp-check")
        #expect(driver["version"] as? String == RunInfo.toolVersion)
        #expect(driver["informationUri"] == nil, "no made-up project address")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == ["cl.driver-adult", "cl.role-known", "cl.old-rule"])
        let adult = rules[0]
        #expect((adult["shortDescription"] as? [String: Any])?["text"] as? String == "Drivers are adults")
        #expect((adult["fullDescription"] as? [String: Any])?["text"] as? String == "Only adults may drive passengers.")
        let help = try #require((adult["help"] as? [String: Any])?["text"] as? String)
        #expect(help.contains("Code des transports L3132-1"))
        #expect(help.contains("min_age = 18"))
        #expect((adult["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
        let properties = try #require(adult["properties"] as? [String: Any])
        #expect(properties["principle"] as? String == "risk-coverage")
        #expect(properties["tags"] as? [String] == ["drivers", "risk-coverage"])
        #expect((rules[1]["defaultConfiguration"] as? [String: Any])?["level"] as? String == "note")
        #expect((rules[2]["defaultConfiguration"] as? [String: Any])?["level"] as? String == "warning")
    }

    @Test func resultsCarryRuleLevelRelativeLocationAndFingerprint() throws {
        let (result, input) = try Fixture.check(lang: "en")
        let results = try #require((try run(try parse(SARIFReporter.render(input))))["results"] as? [[String: Any]])
        #expect(results.count == 2)
        let fail = try #require(results.first { ($0["properties"] as? [String: Any])?["outcome"] as? String == "fail" })
        #expect(fail["ruleId"] as? String == "cl.driver-adult")
        #expect(fail["ruleIndex"] as? Int == 0)
        #expect(fail["level"] as? String == "error")
        #expect((fail["message"] as? [String: Any])?["text"] as? String == "driver d-02 (Jean Dupont) is under 18")
        let physical = try #require(((fail["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "contributors.csv")
        let region = try #require(physical["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 3)
        #expect(region["startColumn"] as? Int == 1)
        let fingerprint = result.report.findings.first { $0.outcome == .fail }?.fingerprint
        #expect((fail["partialFingerprints"] as? [String: Any])?[SARIFReporter.fingerprintKey] as? String == fingerprint)
    }

    @Test func anIndeterminateResultIsMarkedAndNamesWhatIsMissing() throws {
        let (_, input) = try Fixture.check()
        let results = try #require((try run(try parse(SARIFReporter.render(input))))["results"] as? [[String: Any]])
        let undecided = try #require(results.first { ($0["properties"] as? [String: Any])?["outcome"] as? String == "indeterminate" })
        #expect(undecided["kind"] as? String == "fail")
        #expect(undecided["level"] as? String == "error")
        #expect((undecided["properties"] as? [String: Any])?["missing"] as? [String] == ["contributor.birth_date"])
    }

    @Test func aFindingWithoutPlacePointsAtThePlanWithoutRegion() throws {
        let input = Fixture.input([Fixture.finding(location: nil)])
        let results = try #require((try run(try parse(SARIFReporter.render(input))))["results"] as? [[String: Any]])
        let physical = try #require(((results.first?["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "plan.yaml")
        #expect(physical["region"] == nil)
    }

    @Test func aFindingOfARuleNotGivenIsStillDescribed() throws {
        let input = Fixture.input([Fixture.finding(rule: "X-9", severity: .info)])
        let driver = try #require(((try run(try parse(SARIFReporter.render(input))))["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["X-9"])
    }

    @Test(arguments: [
        ("/work/repo/data/plan.yaml", "data/plan.yaml"),
        ("./data/../plan.yaml", "plan.yaml"),
        ("data/roster with space.csv", "data/roster%20with%20space.csv"),
        ("/elsewhere/é.csv", "file:///elsewhere/%C3%A9.csv"),
    ])
    func urisAreRelativeToTheWorkingDirectoryAndPercentEncoded(_ file: String, _ uri: String) {
        #expect(SARIFReporter.uri(file, Fixture.input([])) == uri)
    }
}

/// Our SARIF against the OASIS schema, with a JSON Schema validator from PyPI.
@Suite struct SARIFSchemaTests {
    @Test(SchemaValidator.trait)
    func sarifOutputValidatesAgainstTheSchema() throws {
        try #require(SchemaValidator.hasSchema && SchemaValidator.isReady, Comment(rawValue: SchemaValidator.unavailableReason))
        let (_, input) = try Fixture.check(lang: "fr", explain: true)
        #expect(try SchemaValidator.errors(of: SARIFReporter.render(input), schema: SchemaValidator.sarifSchema) == [])
        // Edge cases: no rules given, no place, odd characters, an empty report.
        let odd = Fixture.input([Fixture.finding(rule: "Z", severity: .info, outcome: .indeterminate, message: "a \"b\"\n\u{1}c",
                                                 location: nil, missing: ["x"]),
                                 Fixture.finding(location: Location(file: "/abs/p q.yaml", line: 1, column: 1))])
        #expect(try SchemaValidator.errors(of: SARIFReporter.render(odd), schema: SchemaValidator.sarifSchema) == [])
        #expect(try SchemaValidator.errors(of: SARIFReporter.render(Fixture.input([])), schema: SchemaValidator.sarifSchema) == [])
    }

    @Test(SchemaValidator.trait)
    func theValidatorRejectsABrokenSarifFile() throws {
        try #require(SchemaValidator.hasSchema && SchemaValidator.isReady, Comment(rawValue: SchemaValidator.unavailableReason))
        let broken = #"{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}"#
        #expect(try SchemaValidator.errors(of: broken, schema: SchemaValidator.sarifSchema) != [])
    }
}
