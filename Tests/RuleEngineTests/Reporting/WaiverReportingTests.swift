import Foundation
import Testing
@testable import RuleEngine

/// Waived and baseline findings in every format: still reported, marked, no longer counted.
@Suite struct WaiverReportingTests {
    static let waiver = Waiver(rule: "R-1", subject: "unit:*", justification: "second crew in training",
                               approvedBy: "board 2026-14", expires: CivilDate(iso: "2026-06-30")!,
                               location: Location(file: "waivers.yaml", line: 2, column: 5))

    static func input(baseline: Bool = true) -> ReportInput {
        var waived = Fixture.finding(subject: "unit:u1", fingerprint: "a")
        waived.waiver = waiver
        var known = Fixture.finding(subject: "unit:u2", fingerprint: "b")
        known.inBaseline = true
        let new = Fixture.finding(subject: "unit:u3", fingerprint: "c")
        var input = Fixture.input([waived, known, new])
        input.run.usedBaseline = baseline
        return input
    }

    @Test func textMarksThemAndCountsOnlyActiveFindings() {
        let text = TextReporter.render(Self.input(), color: false)
        #expect(text.contains("plan.yaml:3:5: error (waived): m [R-1]\n    subject: unit:u1\n    waived until 2026-06-30 (approved by board 2026-14): second crew in training [waivers.yaml:2:5]\n"))
        #expect(text.contains("plan.yaml:3:5: error (in baseline): m [R-1]"))
        #expect(text.hasSuffix("; 1 error, 0 warnings, 0 info; 1 waived; 1 in baseline\n"))
    }

    @Test func jsonCarriesTheWaiverAndTheBaselineMark() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONReporter.render(Self.input().report, run: RunInfo()).utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        let waiver = try #require(findings.compactMap { $0["waiver"] as? [String: Any] }.first)
        #expect(waiver["justification"] as? String == "second crew in training")
        #expect(waiver["approved_by"] as? String == "board 2026-14")
        #expect(waiver["expires"] as? String == "2026-06-30")
        #expect(findings.filter { $0["in_baseline"] as? Bool == true }.count == 1)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["waived"] as? Int == 1)
        #expect(summary["in_baseline"] as? Int == 1)
    }

    @Test func sarifSuppressesWaivedResultsAndSaysWhichAreNew() throws {
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(SARIFReporter.render(Self.input()).utf8)) as? [String: Any])
        let results = try #require(((sarif["runs"] as? [[String: Any]])?.first)?["results"] as? [[String: Any]])
        let suppressed = results.filter { $0["suppressions"] != nil }
        #expect(suppressed.count == 1)
        let suppression = try #require((suppressed.first?["suppressions"] as? [[String: Any]])?.first)
        #expect(suppression["kind"] as? String == "external")
        #expect(suppression["status"] as? String == "accepted")
        #expect((suppression["justification"] as? String)?.hasPrefix("second crew in training") == true)
        #expect(results.compactMap { $0["baselineState"] as? String }.sorted() == ["new", "new", "unchanged"])
        let without = try #require(try JSONSerialization.jsonObject(with: Data(SARIFReporter.render(Self.input(baseline: false)).utf8)) as? [String: Any])
        #expect(!SARIFReporter.render(Self.input(baseline: false)).contains("baselineState"))
        #expect(without["version"] as? String == "2.1.0")
    }

    @Test(SchemaValidator.trait)
    func sarifWithSuppressionsAndBaselineValidates() throws {
        try #require(SchemaValidator.hasSchema && SchemaValidator.isReady, Comment(rawValue: SchemaValidator.unavailableReason))
        #expect(try SchemaValidator.errors(of: SARIFReporter.render(Self.input()), schema: SchemaValidator.sarifSchema) == [])
    }

    @Test func junitSkipsWaivedAndBaselineCasesSayingWhy() throws {
        let junit = try JUnitReader.read(JUnitReporter.render(Self.input()))
        let byName = Dictionary(uniqueKeysWithValues: junit.cases.map { ($0.name, $0) })
        #expect(byName["R-1 unit:u1"]?.result == "skipped")
        #expect(byName["R-1 unit:u2"]?.result == "skipped")
        #expect(byName["R-1 unit:u3"]?.result == "failure")
        #expect(junit.root["failures"] == "1")
        #expect(junit.root["skipped"] == "2")
    }

    @Test func githubMakesAWaivedFindingANoticeAndLeavesBaselineFindingsOut() {
        let lines = GitHubReporter.render(Self.input()).split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("::") }.count == 2)
        #expect(lines[0].hasPrefix("::notice file=plan.yaml,line=3,col=5,title=R-1::(waived) m [unit:u1]%0Awaived until 2026-06-30"))
        #expect(lines[1] == "::error file=plan.yaml,line=3,col=5,title=R-1::m [unit:u3]")
    }

    @Test func markdownCountsActiveFindingsInItsHeadline() {
        let md = MarkdownReporter.render(Self.input())
        #expect(md.hasPrefix("## spp-check: ❌ 1 finding\n"))
        #expect(md.contains("| error (waived) | `R-1` |"))
        #expect(md.contains("| error (in baseline) | `R-1` |"))
    }

    @Test func redactionReachesTheWaiverText() {
        var r = Redactor()
        r.add(value: "second crew", replacement: "contributor:x")
        let f = r.redact(Self.input().report.findings.first { $0.waiver != nil }!)
        #expect(f.waiver?.justification == "contributor:x in training")
    }
}
