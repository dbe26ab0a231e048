import Testing
@testable import RuleEngine

/// The kinds' own English phrases, in French for `--lang fr`.
@Suite struct FrenchPhrasesTests {
    @Test(arguments: [
        ("centre x, Wed 2026-10-07 07:00–19:00 : 2 sur 3", "centre x, mer. 2026-10-07 07:00–19:00 : 2 sur 3"),
        ("(Fri 2026-10-09 19:00 – Sat 2026-10-10 07:00)", "(ven. 2026-10-09 19:00 – sam. 2026-10-10 07:00)"),
        ("Monday 2026 and Sun 3", "Monday 2026 and dim. 3"),
        ("2 present", "2 présent(s)"),
        ("at least 3", "au moins 3"),
        ("84 h depend on spv-00065", "84 h dépendent de spv-00065"),
        ("coverage with 1 absent", "couverture avec 1 absent(s)"),
        ("not valid on 2026-11-01", "non valide le 2026-11-01"),
        ("valid from 2026-10-31 through 2026-11-01", "valide du 2026-10-31 au 2026-11-01"),
        ("cannot decide: missing contributor.birth_date", "indécidable : il manque contributor.birth_date"),
        ("unit u1, October 2026: x", "unité u1, octobre 2026: x"),
        ("le repli ne tient pas — the fallback of unit l1 acts within 30 min, more than 10 min",
         "le repli ne tient pas — le repli de l'unité l1 intervient en 30 min, plus que 10 min"),
        ("déjà en français", "déjà en français"),
    ])
    func phrasesOfTheKindsComeOutInFrench(_ english: String, _ french: String) {
        #expect(FrenchPhrases.translate(english) == french)
    }
}
