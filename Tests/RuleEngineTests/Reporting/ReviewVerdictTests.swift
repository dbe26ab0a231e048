import Foundation
import Testing
@testable import RuleEngine

/// The verdict (tied to `--fail-on`, as the exit status), the fix-first list, and the formats
/// that must agree with the exit status: HTML banner, JUnit, SARIF levels, GitHub annotations.
@Suite struct ReviewVerdictTests {
    static let warnings = (0..<4).map { Fixture.finding(rule: "W", severity: .warning, message: "w\($0)", subject: "unit:u\($0)") }
    static func errors(_ rule: String, _ n: Int, subject: String = "contributor:c") -> [Finding] {
        (0..<n).map { Fixture.finding(rule: rule, principle: .riskCoverage, message: "\(rule)-\($0)", subject: "\(subject)\($0)", fix: "fix \(rule)") }
    }

    func input(_ findings: [Finding], failOn: Severity? = .error, lang: String? = "en") -> ReportInput {
        var input = Fixture.input(findings, lang: lang)
        input.failOn = failOn
        return input
    }

    @Test func aPlanWithOnlyWarningsIsNotBlockedAndItsBannerIsNotRed() {
        let input = input(Self.warnings)
        #expect(ReviewVerdict(input).headline(input.labels) == "nothing blocking; 4 warnings to review")
        let html = HTMLReporter.render(input)
        #expect(html.contains("<p class=\"verdict review\" data-state=\"review\">Nothing blocking; 4 warnings to review</p>"))
        #expect(!html.contains("verdict blocked"))
        #expect(html.contains("<h2>To review first</h2>") && !html.contains("<h2>Fix first</h2>"))
        // The counts follow the verdict too: amber, not red.
        #expect(html.contains("<td class=\"n warn\">"))
        #expect(!html.contains("<td class=\"n bad\">"))
    }

    @Test func aCleanRunIsGreen() {
        let html = HTMLReporter.render(input([]))
        #expect(html.contains("<p class=\"verdict clear\" data-state=\"clear\">Nothing blocking; no findings</p>"))
    }

    @Test func errorsBlockAndTheHeadlineCountsThemAndTheirRules() {
        let input = input(Self.warnings + Self.errors("E1", 3) + Self.errors("E2", 1))
        #expect(ReviewVerdict(input).headline(input.labels) == "launch blocked: 4 errors in 2 rules; 4 warnings to review")
        let fr = self.input(Self.warnings + Self.errors("E1", 3) + Self.errors("E2", 1), lang: "fr")
        #expect(ReviewVerdict(fr).headline(fr.labels) == "lancement bloqué : 4 erreurs dans 2 règles ; 4 avertissements à examiner")
        #expect(HTMLReporter.render(input).contains("<p class=\"verdict blocked\" data-state=\"blocked\">Launch blocked: 4 errors in 2 rules; 4 warnings to review</p>"))
    }

    @Test func failOnDecidesWhatBlocks() {
        let findings = Self.warnings + Self.errors("E1", 1)
        let warning = input(findings, failOn: .warning)
        #expect(ReviewVerdict(warning).headline(warning.labels) == "launch blocked: 1 error and 4 warnings in 2 rules")
        let never = input(findings, failOn: nil)
        #expect(ReviewVerdict(never).headline(never.labels) == "nothing blocking; 1 error and 4 warnings to review")
        #expect(ReviewVerdict(never).state == .review)
    }

    @Test func theFixFirstTableRanksBlockingRulesFirstWithAnExampleItsPlaceAndItsFix() throws {
        // The warning rule has the most findings but comes after every error rule.
        let noisy = (0..<40).map { Fixture.finding(rule: "W", severity: .warning, message: "w\($0)", subject: "unit:u\($0)") }
        let input = input(noisy + Self.errors("E-small", 1) + Self.errors("E-big", 5))
        let rows = ReviewVerdict(input).rows
        #expect(rows.map(\.rule) == ["E-big", "E-small", "W"])
        #expect(rows.map(\.count) == [5, 1, 40])
        let html = HTMLReporter.render(input)
        let table = try #require(html.range(of: "<section id=\"fix-first\">"))
        let findings = try #require(html.range(of: "<section id=\"findings\">"))
        #expect(table.lowerBound < findings.lowerBound)
        #expect(html.contains("<tr class=\"sev-error blocking\" data-rule=\"E-big\"><td class=\"rank\">1</td>"))
        #expect(html.contains("<code>plan.yaml:3:5</code><br>E-big-0"))
        #expect(html.contains("<div class=\"fix\">Fix: fix E-big</div>"))
    }

    @Test func everyErrorRuleIsInTheFixFirstTableHoweverMany() {
        let many = (0..<(HTMLReporter.maxFixFirstRows + 5)).flatMap { Self.errors("E\($0)", 1) }
        let html = HTMLReporter.render(input(many))
        for i in 0..<(HTMLReporter.maxFixFirstRows + 5) { #expect(html.contains("data-rule=\"E\(i)\"")) }
    }

    @Test func errorsComeBeforeWarningsWhereFindingsAreChosenForDisplay() {
        // One unit with 15 warnings then one error: the error is shown, first.
        let noisy = (0..<15).map { Fixture.finding(rule: "W", principle: .continuity, severity: .warning, message: "noisy \($0)", subject: "unit:u1") }
        let error = Fixture.finding(rule: "E", principle: .continuity, severity: .error, message: "the error", subject: "unit:u1")
        let html = HTMLReporter.render(input(noisy + [error]))
        let section = String(html[html.range(of: "<section id=\"findings\">")!.lowerBound...])
        #expect(section.contains(">the error<"))
        #expect(section.range(of: ">the error<")!.lowerBound < section.range(of: ">noisy 0<")!.lowerBound)
    }

    @Test func markdownChoosesErrorsBeforeWarningsWhenItCannotShowEverything() {
        // 150 warnings of continuity sort before the risk-coverage errors in the report.
        let noisy = (0..<150).map { Fixture.finding(rule: "W", principle: .continuity, severity: .warning, message: "w\($0)", subject: "unit:u\($0)") }
        let md = MarkdownReporter.render(input(noisy + Self.errors("E1", 2) + Self.errors("E2", 1)))
        let table = md.components(separatedBy: "### Findings")[1]
        #expect(table.contains("| E1-0 |") && table.contains("| E1-1 |") && table.contains("| E2-0 |"))
        #expect(table.range(of: "| E2-0 |")!.lowerBound < table.range(of: "| w0 |")!.lowerBound)
        #expect(md.contains("… 53 more findings"))
    }

    @Test func theReportLinksToTheCompleteListWrittenBesideIt() {
        var with = input(Self.errors("E", 1))
        with.links = [.json: "report.json"]
        #expect(HTMLReporter.render(with).contains("Complete list of findings: <a href=\"report.json\">report.json</a>"))
        #expect(HTMLReporter.render(input(Self.errors("E", 1))).contains("for the complete list, write a JSON report beside it: --format json=PATH"))
        // A run with no finding has no list to complete.
        #expect(!HTMLReporter.render(input([])).contains("for the complete list"))
    }

    @Test func junitFailsOnlyWhatFailsTheJob() {
        let findings = Self.warnings
        let passing = JUnitReporter.render(input(findings, failOn: .error))
        #expect(passing.contains("<testsuites name=\"spp-check\" tests=\"4\" failures=\"0\" errors=\"0\" skipped=\"0\">"))
        #expect(passing.contains("<system-out>plan.yaml:3:5: warning: w0"))
        #expect(!passing.contains("<failure"))
        let failing = JUnitReporter.render(input(findings, failOn: .warning))
        #expect(failing.contains("failures=\"4\""))
        #expect(failing.contains("<failure message=\"w0\" type=\"warning\">"))
    }

    @Test func sarifLevelsFollowFailOn() {
        let findings = [Self.warnings[0]] + Self.errors("E", 1)
        func levels(_ failOn: Severity?) -> [String] {
            SARIFReporter.render(input(findings, failOn: failOn)).components(separatedBy: "\n")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("\"level\"") && $0.hasSuffix(",") }
        }
        #expect(levels(.error) == ["\"level\": \"warning\",", "\"level\": \"error\","])
        #expect(levels(.warning) == ["\"level\": \"error\",", "\"level\": \"error\","])
        #expect(levels(nil) == ["\"level\": \"warning\",", "\"level\": \"warning\","])
    }

    @Test func githubAnnotationsFollowFailOn() {
        let findings = [Self.warnings[0]] + Self.errors("E", 1)
        let never = GitHubReporter.render(input(findings, failOn: nil))
        #expect(!never.contains("::error "))
        #expect(never.components(separatedBy: "::warning ").count == 3)
        let warning = GitHubReporter.render(input(findings, failOn: .warning))
        #expect(warning.components(separatedBy: "::error ").count == 3)
    }

    @Test func theSummaryFormatGivesTheVerdictAndOneExamplePerRuleNotEveryFinding() {
        let many = (0..<500).map { Fixture.finding(rule: "W", severity: .warning, message: "w\($0)", subject: "unit:u\($0)") }
        let text = TextReporter.renderSummary(input(many + Self.errors("E", 300)), color: false)
        #expect(text.hasPrefix("Launch blocked: 300 errors in 1 rule; 500 warnings to review\n"))
        #expect(text.contains("Fix first (2 rules):\n1. 300 errors  E — E [risk-coverage]\n   e.g. plan.yaml:3:5: E-0\n   fix: fix E\n2. 500 warnings (not blocking)  W — W [continuity]\n"))
        #expect(text.split(separator: "\n").count < 15)
    }
}
