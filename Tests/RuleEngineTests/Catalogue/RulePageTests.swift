import Testing
@testable import RuleEngine

/// A rule's page of the catalogue site, from a rule file written here.
@Suite struct RulePageTests {
    static let rules = """
        rules:
          - id: cp.walkers
            principle: continuity
            severity: error
            title: "One adult per eight walking children"
            references: ["CSP R2324-46-4"]
            params:
              per_adult: {default: 8, max: 8, basis: "CSP R2324-46-4", nature: legal_ceiling, derogations: [{id: pmi, max: 10, basis: "CSP R2324-27 (accord du PMI)"}]}
              window: {default: 15, nature: local, authority: "gestionnaire de la crèche"}
            kind: assert
            for_each: service
            assert: params.per_adult > 0 && params.window > 0
            message: m
            versions:
              - {id: before-reform, until: 2021-08-31, source: "décret n° 2000-762", references: ["CSP R2324-43 (ancienne rédaction)"], params: {per_adult: {default: 8, max: 8, basis: "ancien R2324-43", nature: legal_ceiling}}}
              - {from: 2021-09-01, source: "décret n° 2021-1131 du 30 août 2021"}
        """

    static func page() throws -> String {
        let set = try RuleLoader.load(sources: [("rules.yaml", Array(rules.utf8))])
        let pages = CatalogueSite.pages(set)
        return try #require(pages.first { $0.path == "rules/cp.walkers.html" }).html
    }

    @Test func everyVersionIsShownWithItsDatesAndSource() throws {
        let html = try Self.page()
        #expect(html.contains("<h2>Dated versions</h2>"))
        #expect(html.contains("<tr id=\"version-before-reform\"><td><code>before-reform</code></td><td>…</td><td>2021-08-31</td><td>décret n° 2000-762</td><td><code>references</code>, <code>params</code><br><span class=\"note\">per_adult = 8, window = 15</span></td></tr>"))
        #expect(html.contains("<td><code>2021-09-01</code></td><td>2021-09-01</td><td>…</td><td>décret n° 2021-1131 du 30 août 2021</td>"))
    }

    @Test func aVersionsReferencesAreListedAndIndexed() throws {
        let html = try Self.page()
        #expect(html.contains("<li>CSP R2324-43 (ancienne rédaction)"))
        let set = try RuleLoader.load(sources: [("rules.yaml", Array(Self.rules.utf8))])
        let articles = try #require(CatalogueSite.pages(set).first { $0.path == "articles.html" }).html
        #expect(articles.contains("<section class=\"article\" id=\"CSP-R2324-43\">"))
        #expect(articles.contains("<section class=\"article\" id=\"CSP-R2324-46-4\">"))
    }

    @Test func whoMaySetAParameterFollowsItsNatureAndDerogations() throws {
        let html = try Self.page()
        #expect(html.contains("legal ceiling: a territory file, the plan or one of its units may lower it, never raise it<br><span class=\"note\">derogation <code>pmi</code>: ≤ 10 (CSP R2324-27 (accord du PMI))</span>"))
        #expect(html.contains("local choice: gestionnaire de la crèche"))
        #expect(html.contains("<td>≤ 8 <span class=\"note\">(CSP R2324-46-4)</span></td>"))
    }

    @Test func textFromRuleFilesIsEscaped() throws {
        let set = try RuleLoader.load(sources: [("rules.yaml", Array(Self.rules.replacingOccurrences(of: "One adult per eight walking children", with: "<script>x</script>").utf8))])
        let html = try #require(CatalogueSite.pages(set).first { $0.path == "rules/cp.walkers.html" }).html
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;x&lt;/script&gt;"))
    }

    @Test func fileNamesKeepOnlySafeCharacters() {
        #expect(CatalogueSite.fileName("cp.staff-ratio") == "cp.staff-ratio")
        #expect(CatalogueSite.fileName("../x y") == "_.._x_y")
    }
}
