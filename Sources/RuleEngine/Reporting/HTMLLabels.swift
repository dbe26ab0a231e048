/// The HTML review report's own words, in French and English (the councils and services that
/// read it are French; `--lang` picks). Rule texts come from the packs, in the same language.
public struct HTMLLabels: Sendable, Hashable {
    public var lang: String
    public var reportTitle, facts, plan, asOf, packs, language, tool, rulesEvaluated, results: String
    public var summary, coverage, findings, waivers, catalogue, otherSubjects, unitGroup: String
    public var coverageIntro, legendMet, legendBelow, legendNone, legendClosed, gapHours, omittedUnits: String
    public var noStaffingUnits, noCoverage, worst, ofRequired, present, belowIn, occurrences, inAll: String
    public var notPromised, waiversInForce, expiredOrUnused, noWaivers, justification, expires: String
    public var shownFindings, verdictPass, verdictFail, weekdays: [String]
    public var fixFirst = "", reviewFirst = "", example = "", blocking = "", moreRules = "", completeList = "", completeListHow = ""

    public static let en = HTMLLabels(
        lang: "en", reportTitle: "spp-check review report", facts: "Service and run", plan: "plan",
        asOf: "rules in force on", packs: "rule packs", language: "language", tool: "tool",
        rulesEvaluated: "rules evaluated", results: "results", summary: "Summary by principle",
        coverage: "Coverage map", findings: "Findings", waivers: "Waivers", catalogue: "Rules used",
        otherSubjects: "other subjects (contributors, service)", unitGroup: "unit",
        coverageIntro: "For each unit, a week of 7 days × 24 hours: each cell is the worst ratio of people present to people required by the plan's staffing over every occurrence of that hour in the checking period. Hover or read a cell's title for its numbers.",
        legendMet: "staffing met", legendBelow: "below the requirement", legendNone: "nobody for a requirement",
        legendClosed: "nothing promised", gapHours: "hours below the requirement",
        omittedUnits: "more units with staffing requirements are not drawn (they have the fewest gap hours)",
        noStaffingUnits: "units without a staffing requirement are not drawn",
        noCoverage: "No unit of the plan has a staffing requirement: there is no coverage map to draw.",
        worst: "worst", ofRequired: "of", present: "present", belowIn: "below in", occurrences: "occurrences",
        inAll: "in all", notPromised: "nothing promised", waiversInForce: "Waivers in force",
        expiredOrUnused: "Expired and unused waivers", noWaivers: "No waiver applies to this run.",
        justification: "justification", expires: "expires",
        shownFindings: ["shown", "more findings are in the complete list (JSON report)"],
        verdictPass: ["No finding counts against the service"],
        verdictFail: ["finding counts against the service", "findings count against the service"],
        weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        fixFirst: "Fix first", reviewFirst: "To review first", example: "example and fix", blocking: "blocking",
        moreRules: "more rules with findings, all below --fail-on, are in the complete list",
        completeList: "Complete list of findings:",
        completeListHow: "This report shows a selection of the findings; for the complete list, write a JSON report beside it: --format json=PATH.")

    public static let fr = HTMLLabels(
        lang: "fr", reportTitle: "Rapport de revue spp-check", facts: "Service et exécution", plan: "plan",
        asOf: "règles en vigueur au", packs: "paquets de règles", language: "langue", tool: "outil",
        rulesEvaluated: "règles évaluées", results: "résultats", summary: "Synthèse par principe",
        coverage: "Carte de couverture", findings: "Constats", waivers: "Dérogations", catalogue: "Règles appliquées",
        otherSubjects: "autres sujets (contributeurs, service)", unitGroup: "unité",
        coverageIntro: "Pour chaque unité, une semaine de 7 jours × 24 heures : chaque case donne le pire rapport entre personnes présentes et effectif requis par le plan, sur toutes les occurrences de cette heure dans la période contrôlée. Le titre d'une case (au survol) en donne les chiffres.",
        legendMet: "effectif atteint", legendBelow: "sous l'effectif requis", legendNone: "personne pour une exigence",
        legendClosed: "rien de promis", gapHours: "heures sous l'effectif requis",
        omittedUnits: "autres unités avec un effectif requis ne sont pas dessinées (celles qui ont le moins d'heures de manque)",
        noStaffingUnits: "unités sans effectif requis ne sont pas dessinées",
        noCoverage: "Aucune unité du plan n'a d'effectif requis : il n'y a pas de carte de couverture à dessiner.",
        worst: "pire", ofRequired: "sur", present: "présent(s)", belowIn: "sous l'effectif", occurrences: "occurrences",
        inAll: "en tout", notPromised: "rien de promis", waiversInForce: "Dérogations en vigueur",
        expiredOrUnused: "Dérogations expirées ou inutilisées", noWaivers: "Aucune dérogation ne s'applique à cette exécution.",
        justification: "justification", expires: "expire le",
        shownFindings: ["affichés", "autres constats figurent dans la liste complète (rapport JSON)"],
        verdictPass: ["Aucun constat ne compte contre le service"],
        verdictFail: ["constat compte contre le service", "constats comptent contre le service"],
        weekdays: ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
        fixFirst: "À corriger en premier", reviewFirst: "À examiner en premier", example: "exemple et correction", blocking: "bloquant",
        moreRules: "autres règles avec des constats, toutes sous --fail-on, figurent dans la liste complète",
        completeList: "Liste complète des constats :",
        completeListHow: "Ce rapport montre une sélection des constats ; pour la liste complète, écrivez un rapport JSON à côté : --format json=CHEMIN.")

    /// French for `fr`, English otherwise.
    public static func `for`(_ lang: String?) -> HTMLLabels { lang == "fr" ? .fr : .en }

    /// The legend text of a cell state.
    public func legend(_ state: CoverageMap.State) -> String {
        switch state {
        case .met: legendMet
        case .below: legendBelow
        case .none: legendNone
        case .notPromised: legendClosed
        }
    }
}
