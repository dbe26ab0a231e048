import Testing
@testable import RuleEngine

@Suite struct TextReporterTests {
    @Test func englishLinesDetailsAndSummary() throws {
        let (_, input) = try Fixture.check(lang: "en")
        let text = TextReporter.render(input, color: false)
        #expect(text.contains("/contributors.csv:3:1: error: driver d-02 (Jean Dupont) is under 18 [cl.driver-adult]\n    subject: contributor:d-02 · path: contributors[1]\n    fix: write to jean.dupont@example.org\n"))
        #expect(text.hasSuffix("2 rules, 7 results: 5 pass, 1 fail, 1 indeterminate; 2 errors, 0 warnings, 0 info; 1 not in force\n"))
    }

    @Test func frenchLabelsAndSummary() throws {
        let (_, input) = try Fixture.check(lang: "fr")
        let text = TextReporter.render(input, color: false)
        #expect(text.contains("error: le conducteur d-02 (Jean Dupont) a moins de 18 ans [cl.driver-adult]\n    sujet: contributor:d-02 · chemin: contributors[1]\n    correction: write to"))
        #expect(text.contains("error (indéterminé): indécidable : il manque"))
        #expect(text.hasSuffix("2 règles, 7 résultats : 5 conforme, 1 non conforme, 1 indéterminé ; 2 erreurs, 0 avertissement, 0 info ; 1 non en vigueur\n"))
    }

    @Test func explainAddsTheRuleTitleParametersValuesAndReferences() throws {
        let (_, input) = try Fixture.check(lang: "en", explain: true)
        let text = TextReporter.render(input, color: false)
        #expect(text.contains("""
                rule: Drivers are adults
                parameters: min_age = 18
                condition: age_at(contributor.birth_date, as_of) >= params.min_age
                values: age_at(contributor.birth_date, as_of) = 16 · params.min_age = 18
                references: Code des transports L3132-1

            """))
        #expect(text.contains("""
                missing: contributor.birth_date
                condition: age_at(contributor.birth_date, as_of) >= params.min_age
                values: age_at(contributor.birth_date, as_of) = (missing) · params.min_age = 18

            """))
    }

    @Test func explainShowsMeasuredAndExpectedWhenTheFindingHasThem() {
        var input = Fixture.input([Fixture.finding(measured: "2 staff", expected: ">= 3 staff")])
        input.explain = true
        #expect(TextReporter.render(input, color: false).contains("    rule: R-1\n    measured: 2 staff · expected: >= 3 staff\n"))
    }

    @Test func colourOnlyWhenAsked() throws {
        let input = Fixture.input([Fixture.finding()])
        #expect(TextReporter.render(input, color: true).contains("\u{1B}["))
        #expect(!TextReporter.render(input, color: false).contains("\u{1B}"))
    }
}
