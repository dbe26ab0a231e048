/// One rule's page of the catalogue site.
enum RulePage {
    static func esc(_ s: String) -> String { HTMLReporter.esc(s) }

    static func html(_ rule: Rule, examples: [RuleTest], _ w: Words, _ lang: String?) -> String {
        let l = w.l
        let title = rule.title.text(lang)
        var body = "<h1><code>\(esc(rule.id))</code>\(title.isEmpty ? "" : " — " + esc(title))</h1>\n<dl class=\"facts\">\n"
        let facts: [(String, String)] = [
            (l.principle, esc(l.principleName(rule.principle))),
            (l.severity, esc(l.severityName(rule.severity))),
            (l.kind, "<code>\(esc(rule.kind))</code> — \(esc(type(of: rule.check).summary))"),
            (l.validity, esc(RuleCatalogue.validity(rule, l))),
            (l.pack, "<a href=\"../packs/\(CatalogueSite.fileName(rule.pack)).html\">\(esc(rule.pack))</a>"),
        ] + (rule.serviceKinds.isEmpty ? [] : [(l.serviceKinds, rule.serviceKinds.map { "<code>\(esc($0))</code>" }.joined(separator: ", "))])
            + (rule.tags.isEmpty ? [] : [(l.tags, rule.tags.map { "<code>\(esc($0))</code>" }.joined(separator: ", "))])
            + [(l.definedAt, "<code>\(esc(rule.location.description))</code>")]
        for (label, value) in facts { body += "<dt>\(esc(label.capitalizedFirst))</dt><dd>\(value)</dd>\n" }
        body += "</dl>\n"

        let rationale = rule.rationale.text(lang)
        body += "<h2>\(esc(l.rationale.capitalizedFirst))</h2>\n<p>\(rationale.isEmpty ? esc(l.none) : esc(rationale))</p>\n"
        body += versions(rule, w)
        body += references(rule, w)
        body += params(rule, w)
        body += exceptions(rule, w)
        let lines = ConditionWords.lines(rule, lang: lang)
        if !lines.isEmpty {
            body += "<h2>\(esc(l.condition.capitalizedFirst))</h2>\n<table class=\"condition\">\n<tbody>\n"
            for line in lines {
                body += "<tr><th><code>\(esc(line.key))</code></th><td><code>\(esc(line.text))</code>\(line.words.isEmpty ? "" : "<br><span class=\"note\">\(esc(line.words))</span>")</td></tr>\n"
            }
            body += "</tbody>\n</table>\n"
        }
        body += worked(rule, examples, w)
        return CatalogueSite.page(title: "\(rule.id) — \(w.catalogue)", root: "../", w, body: body)
    }

    /// Every dated version: its dates, name, the text that brought it in force and what it
    /// changes (the parameters' values in full).
    static func versions(_ rule: Rule, _ w: Words) -> String {
        guard !rule.versions.isEmpty else { return "" }
        var out = "<h2>\(esc(w.versions))</h2>\n<table class=\"versions\">\n<thead><tr><th>\(esc(w.version))</th><th>\(esc(w.l.from.capitalizedFirst))</th><th>\(esc(w.l.until.capitalizedFirst))</th><th>\(esc(w.source))</th><th>\(esc(w.changes))</th></tr></thead>\n<tbody>\n"
        for v in rule.versions {
            var changes = v.changes.map { "<code>\(esc($0))</code>" }.joined(separator: ", ")
            if v.changes.contains("params") {
                changes += "<br><span class=\"note\">" + v.rule.params.map { "\(esc($0.name)) = \(esc($0.defaultValue.displayText))" }.joined(separator: ", ") + "</span>"
            }
            out += "<tr id=\"version-\(esc(CatalogueSite.fileName(v.id)))\"><td><code>\(esc(v.id))</code></td><td>\(esc(v.from?.iso ?? "…"))</td><td>\(esc(v.until?.iso ?? "…"))</td><td>\(esc(v.source ?? ""))</td><td>\(changes)</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// Each reference, with a link to the Légifrance page of an identifier it names and a
    /// search for each code article, and a link to the article index.
    static func references(_ rule: Rule, _ w: Words) -> String {
        var out = "<h2>\(esc(w.l.references.capitalizedFirst))</h2>\n"
        guard !rule.references.isEmpty else { return out + "<p>\(esc(w.l.none))</p>\n" }
        out += "<ul class=\"references\">\n"
        for text in CatalogueSite.references(of: rule) {
            let reference = LegalReference(text)
            var links: [String] = reference.directLinks.map { "<a class=\"legifrance\" href=\"\(esc($0.url))\">Légifrance \(esc($0.id))</a>" }
            for article in reference.articles {
                links.append("<a class=\"legifrance\" href=\"\(esc(LegalReference.searchURL(article)))\">\(esc(w.searchFor(article.key)))</a>"
                    + " (<a href=\"../articles.html#\(article.anchor)\">\(esc(w.otherRulesOn))</a>)")
            }
            out += "<li>\(esc(text))\(links.isEmpty ? "" : "<br><span class=\"note\">" + links.joined(separator: " · ") + "</span>")</li>\n"
        }
        return out + "</ul>\n"
    }

    /// Parameters: default, type, bounds with the text that sets them, who may set the value.
    static func params(_ rule: Rule, _ w: Words) -> String {
        let l = w.l
        var out = "<h2>\(esc(l.params.capitalizedFirst))</h2>\n"
        guard !rule.params.isEmpty else { return out + "<p>\(esc(l.none))</p>\n" }
        out += "<table class=\"params\">\n<thead><tr><th>\(esc(w.name))</th><th>\(esc(l.defaultValue.capitalizedFirst))</th><th>\(esc(w.bounds))</th><th>\(esc(w.whoMaySet))</th><th>\(esc(l.description.capitalizedFirst))</th></tr></thead>\n<tbody>\n"
        for p in rule.params {
            let bounds = p.boundsText.map { esc($0) + (p.basis.map { " <span class=\"note\">(\(esc($0)))</span>" } ?? "") } ?? "—"
            var who = esc(w.whoMaySet(p))
            for d in p.derogations {
                let range = [d.minimum.map { "≥ \(numberText($0))" }, d.maximum.map { "≤ \(numberText($0))" }].compactMap { $0 }.joined(separator: ", ")
                who += "<br><span class=\"note\">\(esc(w.derogation)) <code>\(esc(d.id))</code>: \(esc(range)) (\(esc(d.basis)))</span>"
            }
            out += "<tr><td><code>\(esc(p.name))</code></td><td><code>\(esc(p.defaultValue.displayText))</code> <span class=\"note\">\(esc(p.defaultValue.exprType.description))</span></td><td>\(bounds)</td><td>\(who)</td><td>\(esc(p.description ?? ""))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// The law's own exceptions the rule declares: a territory file may claim one, with its
    /// basis, and a failure it covers is reported as a pass under the exception.
    static func exceptions(_ rule: Rule, _ w: Words) -> String {
        guard !rule.exceptions.isEmpty else { return "" }
        var out = "<h2>\(esc(w.lawfulExceptions))</h2>\n<p class=\"note\">\(esc(w.exceptionsIntro))</p>\n<ul class=\"exceptions\">\n"
        for e in rule.exceptions { out += "<li><code>\(esc(e.id))</code> — \(esc(e.basis))</li>\n" }
        return out + "</ul>\n"
    }

    /// The rule's tests: their data and what the rule must conclude on each subject.
    static func worked(_ rule: Rule, _ tests: [RuleTest], _ w: Words) -> String {
        var out = "<h2>\(esc(w.workedExamples))</h2>\n"
        guard !tests.isEmpty else { return out + "<p>\(esc(w.noTests))</p>\n" }
        for test in tests {
            out += "<section class=\"example\">\n<h3>\(esc(test.name))</h3>\n<p class=\"note\"><code>\(esc(test.location.description))</code>"
            if let asOf = test.asOf { out += " · as_of \(asOf.iso)" }
            out += "</p>\n<table class=\"expect\">\n<thead><tr><th>\(esc(w.l.subject.capitalizedFirst))</th><th>\(esc(w.l.outcome.capitalizedFirst))</th><th>\(esc(w.messageContains))</th></tr></thead>\n<tbody>\n"
            for e in test.expectations where e.rule == rule.id {
                out += "<tr class=\"\(e.outcome.rawValue)\"><td><code>\(esc(e.subject))</code></td><td>\(esc(w.outcome(e.outcome)))</td><td>\(esc(e.messageContains ?? ""))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n<details><summary>\(esc(w.data))</summary>\n<p><code>plan.yaml</code></p>\n<pre>\(esc(test.plan))</pre>\n"
            for name in test.files.keys.sorted() {
                out += "<p><code>\(esc(name))</code></p>\n<pre>\(esc(test.files[name] ?? ""))</pre>\n"
            }
            out += "</details>\n</section>\n"
        }
        return out
    }
}

/// The catalogue site's own words, in English or French.
struct Words {
    let l: Labels
    var lang: String { l.lang }
    var fr: Bool { l.lang == "fr" }

    init(_ lang: String?) { l = Labels.for(lang) }

    var catalogue: String { fr ? "Catalogue des règles" : "Rule catalogue" }
    var byArticle: String { fr ? "Index par article" : "Index by article" }
    var packs: String { fr ? "Paquets" : "Packs" }
    var rules: String { fr ? "Règles" : "Rules" }
    var file: String { fr ? "Fichier" : "File" }
    var name: String { fr ? "Nom" : "Name" }
    var bounds: String { fr ? "Bornes" : "Bounds" }
    var whoMaySet: String { fr ? "Qui peut le fixer" : "Who may set it" }
    var versions: String { fr ? "Versions datées" : "Dated versions" }
    var version: String { fr ? "Version" : "Version" }
    var source: String { fr ? "Texte source" : "Source" }
    var changes: String { fr ? "Ce qu'elle change" : "What it changes" }
    var derogation: String { fr ? "dérogation" : "derogation" }
    var lawfulExceptions: String { fr ? "Exceptions prévues par la loi" : "Lawful exceptions" }
    var exceptionsIntro: String {
        fr ? "Un fichier de territoire peut s'en prévaloir, avec sa base ; un manquement qu'elle couvre est rapporté comme conforme au titre de l'exception (ce n'est pas une dérogation acceptée comme un risque)."
           : "A territory file may claim one, with its basis; a failure it covers is reported as a pass under the exception (not a waiver, which accepts a risk)."
    }

    /// Who may set a parameter, from its nature in law (`nature:`), its authority and bounds.
    func whoMaySet(_ p: RuleParam) -> String {
        switch p.nature {
        case .legalFloor:
            fr ? "plancher légal : un fichier de territoire, le plan ou l'une de ses unités peut le relever, jamais l'abaisser"
               : "legal floor: a territory file, the plan or one of its units may raise it, never lower it"
        case .legalCeiling:
            fr ? "plafond légal : un fichier de territoire, le plan ou l'une de ses unités peut l'abaisser, jamais le relever"
               : "legal ceiling: a territory file, the plan or one of its units may lower it, never raise it"
        case .local:
            (fr ? "choix local : " : "local choice: ") + (p.authority ?? "")
        case nil:
            p.boundsText == nil
                ? (fr ? "un fichier de territoire, le plan ou une unité (params:)" : "a territory file, the plan or a unit (params:)")
                : (fr ? "un fichier de territoire, le plan ou une unité, dans les bornes ; les franchir est une erreur" : "a territory file, the plan or a unit, within the bounds; crossing one is an error")
        }
    }
    var workedExamples: String { fr ? "Exemples commentés (tests de la règle)" : "Worked examples (the rule's tests)" }
    var noTests: String { fr ? "Aucun test de la règle n'a été trouvé à côté de son paquet." : "No test of this rule was found beside its pack." }
    var messageContains: String { fr ? "Le message contient" : "Message contains" }
    var data: String { fr ? "Données du test" : "The test's data" }
    var otherRulesOn: String { fr ? "autres règles sur cet article" : "other rules on this article" }
    var otherReferences: String { fr ? "Autres références (jurisprudence, textes, notes)" : "Other references (case law, texts, notes)" }
    var searchLegifrance: String { fr ? "Rechercher cet article sur Légifrance" : "Search this article on Légifrance" }
    var articleIntro: String {
        fr ? "Chaque article de code cité par une règle, avec les règles qui s'y appuient. Les liens ouvrent une recherche Légifrance : l'identifiant de l'article n'est pas connu ici."
           : "Each code article a rule cites, with the rules that rest on it. Links open a Légifrance search: the article's own identifier is not known here."
    }

    func searchFor(_ key: String) -> String { fr ? "rechercher \(key) sur Légifrance" : "search \(key) on Légifrance" }

    func intro(_ rules: Int, _ packs: Int) -> String {
        fr ? "\(rules) règle\(rules == 1 ? "" : "s") dans \(packs) paquet\(packs == 1 ? "" : "s"). Généré par <code>spp-check docs --format html</code> ; ne pas modifier à la main."
           : "\(rules) rule\(rules == 1 ? "" : "s") in \(packs) pack\(packs == 1 ? "" : "s"). Generated by <code>spp-check docs --format html</code>; do not edit by hand."
    }

    func outcome(_ o: Outcome) -> String {
        switch o {
        case .pass: l.pass
        case .fail: l.fail
        case .indeterminate: l.indeterminate
        }
    }
}
