/// What a rule checks, key by key: each key of its condition as written in the rule language
/// (`where: assignment.position == "staff"`) and what that key means, in words — so that a
/// reviewer of `explain` or the catalogue sees, say, that "two adults" counts only staff.
public enum ConditionWords {
    /// One line per key of `rule.condition`: the key, its text as written, its meaning.
    public static func lines(_ rule: Rule, lang: String?) -> [(key: String, text: String, words: String)] {
        let described = RuleFileSchema.kindProperties[rule.kind] ?? []
        return rule.condition.map { c in
            let english = described.first { $0.name == c.key }?.description ?? ""
            let words = lang == "fr" ? (french[c.key] ?? english) : english
            return (c.key, c.text, words)
        }
    }

    /// French meanings of the keys most rules use; other keys keep their English description
    /// from the rule-file schema.
    static let french: [String: String] = [
        "for_each": "La collection dont chaque enregistrement doit satisfaire la condition.",
        "where": "Les enregistrements qui comptent : une expression booléenne (par défaut : tous).",
        "assert": "La condition que chaque enregistrement doit satisfaire (expression booléenne).",
        "units": "Les unités contrôlées : une expression booléenne sur unit (par défaut : toutes).",
        "min": "Combien de contributeurs distincts au moins (absent : l'effectif requis par le plan pour l'unité).",
        "slots": "Avec une demande : les créneaux de présence qui comptent (expression booléenne sur attendance).",
        "hours": "Les heures contrôlées (par défaut : les heures promises de l'unité).",
        "position": "Le poste que les affectations doivent tenir pour compter.",
        "positions": "Les postes que les affectations doivent tenir pour compter.",
        "absences": "Combien d'absences simultanées la couverture doit supporter.",
        "group_by": "Comment les affectations sont regroupées (une expression).",
        "max_hours": "Au plus ce nombre d'heures.",
        "min_hours": "Au moins ce nombre d'heures.",
        "window": "La fenêtre de temps sur laquelle les heures sont comptées.",
        "per": "La période civile sur laquelle les heures sont comptées.",
        "required": "Ce qui est requis, tranche par tranche.",
        "modes": "Les modes de repli acceptés.",
        "max_delay_minutes": "Le délai d'intervention maximal du repli, en minutes.",
    ]
}
