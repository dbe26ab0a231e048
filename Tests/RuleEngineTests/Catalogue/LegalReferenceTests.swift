import Testing
@testable import RuleEngine

@Suite struct LegalReferenceTests {
    @Test(arguments: [
        ("CSP R2324-43 (à tout instant, enfants effectivement accueillis ; décret n° 2021-1131 du 30 août 2021)", ["CSP R2324-43"]),
        ("CSP R2324-43-1", ["CSP R2324-43-1"]),
        ("CSS L743-2, L311-3 21°", ["CSS L743-2", "CSS L311-3"]),
        ("CSI R723-6 2° (droits civiques) et 6°, R723-7 (aptitude)", ["CSI R723-6", "CSI R723-7"]),
        ("Code des transports L3132-1, R3132-1 (frais), R3132-3 (allocation), R3132-4 (trajet)",
         ["Code des transports L3132-1", "Code des transports R3132-1", "Code des transports R3132-3", "Code des transports R3132-4"]),
        ("Code pénal art. 225-1 (discriminations)", ["Code pénal 225-1"]),
        ("CSI, partie réglementaire, livre VII, titre II, chap. III (ex-décret n° 2013-412, art. 3)", []),
        ("CE Sect., 10 mai 1974, Denoyez et Chorques", []),
        ("DOMAIN C-01", []),
    ])
    func theArticlesOfAReference(_ text: String, _ keys: [String]) {
        #expect(LegalReference(text).articles.map(\.key) == keys)
    }

    @Test(arguments: [
        ("CSP R2324-50", true),
        ("CSI, partie réglementaire, livre VII", true),
        ("Arrêté du 22 août 2019 (formations des sapeurs-pompiers)", true),
        ("CE Ass., 7 juillet 1950, Dehaene", true),
        ("CJUE, 21 février 2018, C-518/15, Matzak", true),
        ("Règlement opérationnel du SDIS", true),
        ("DOMAIN C-01", false),
        ("Lois de Rolland (mutabilité)", false),
        ("Conditions générales d'utilisation de l'opérateur ou de l'AOM", false),
    ])
    func whetherAReferenceCitesALegalText(_ text: String, _ legal: Bool) {
        #expect(LegalReference.isLegalText(text) == legal)
    }

    @Test func identifiersWrittenInTheReferenceLinkToTheirPage() {
        let links = LegalReference("Arrêté du 10 avril 2025, art. 12 (JORFARTI000051452139)").directLinks
        #expect(links.map(\.url) == ["https://www.legifrance.gouv.fr/jorf/article_jo/JORFARTI000051452139"])
        #expect(LegalReference("JORFARTI12345 (too short)").directLinks.isEmpty, "an identifier is never guessed")
    }

    @Test func aCodeArticleLinksToASearchWithItsNumberAndCode() {
        let article = LegalReference.Article(code: "CSP", number: "R2324-43")
        let url = LegalReference.searchURL(article)
        #expect(url.hasPrefix("https://www.legifrance.gouv.fr/search/code?"))
        #expect(url.contains("query=article%20R2324-43%20code%20de%20la%20sant%C3%A9%20publique"))
        #expect(article.anchor == "CSP-R2324-43")
    }

    @Test func articlesSortByCodeThenNumberPartByPart() {
        let numbers = ["R2324-50", "R2324-43-1", "R2324-43", "R2324-46-4", "L1161-2"]
        let sorted = numbers.map { LegalReference.Article(code: "CSP", number: $0) }.sorted().map(\.number)
        #expect(sorted == ["L1161-2", "R2324-43", "R2324-43-1", "R2324-46-4", "R2324-50"])
    }
}
