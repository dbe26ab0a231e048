import Testing
@testable import RuleEngine

@Suite struct MarkdownReporterTests {
    @Test func aCommentHasAHeadlineASummaryPerPrincipleFindingsAndCollapsedDetails() throws {
        let (_, input) = try Fixture.check(lang: "en")
        let md = MarkdownReporter.render(input)
        #expect(md.hasPrefix("## spp-check: ❌ 2 findings\n"))
        #expect(md.contains("| Principle | Pass | Fail | Indeterminate |"))
        #expect(md.contains("| equality | 4 | 0 | 0 |"))
        #expect(md.contains("| risk-coverage | 1 | 1 | 1 |"))
        #expect(md.contains("| **Total** | **5** | **1** | **1** |"))
        #expect(md.contains("Not in force: `cl.old-rule`"))
        #expect(md.contains("| error | `cl.driver-adult` | `contributors.csv:3:1` | driver d-02 (Jean Dupont) is under 18 |"))
        #expect(md.contains("<details><summary>Details (2)</summary>"))
        #expect(md.contains("#### `cl.driver-adult` — Drivers are adults"))
        #expect(md.contains("- references: Code des transports L3132-1"))
        #expect(md.hasSuffix("</details>\n"))
    }

    @Test func frenchLabels() throws {
        let (_, input) = try Fixture.check(lang: "fr")
        let md = MarkdownReporter.render(input)
        #expect(md.hasPrefix("## spp-check: ❌ 2 constats\n"))
        #expect(md.contains("| Principe | Conforme | Non conforme | Indéterminé |"))
        #expect(md.contains("| erreur | `cl.driver-adult` | `contributors.csv:3:1` | le conducteur d-02 (Jean Dupont) a moins de 18 ans |"))
        #expect(md.contains("#### `cl.driver-adult` — Conducteur majeur"))
    }

    @Test func noFindingsSaysSoAndHasNoFindingsTable() {
        let md = MarkdownReporter.render(Fixture.input([], passes: [(rule: "R", subject: "unit:a")]))
        #expect(md.hasPrefix("## spp-check: ✅ no findings\n"))
        #expect(!md.contains("<details>"))
    }

    @Test func cellsCannotBreakTheTableOrInjectHTML() {
        let md = MarkdownReporter.render(Fixture.input([Fixture.finding(rule: "a`b|c", message: "x | y\n<script>&")]))
        #expect(md.contains("| error | `a'b¦c` | `plan.yaml:3:5` | x \\| y &lt;script&gt;&amp; |"))
        #expect(!md.contains("<script>"))
    }

    @Test func longReportsStopAfterMaxRowsAndSaySo() {
        let findings = (0..<(MarkdownReporter.maxRows + 5)).map { Fixture.finding(subject: "unit:u\($0)", fingerprint: "f\($0)") }
        let md = MarkdownReporter.render(Fixture.input(findings))
        #expect(md.components(separatedBy: "\n| error |").count - 1 == MarkdownReporter.maxRows)
        #expect(md.contains("… 5 more findings"))
    }
}
