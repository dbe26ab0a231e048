/// The report's own words (not the rules' texts) in English and French, for text, Markdown and
/// the explanations; rule texts come from the packs in the language asked for.
public struct Labels: Sendable, Hashable {
    public var lang: String
    public var subject, path, measured, expected, missing, fix, indeterminate: String
    public var rule, references, params, title, rationale, principle, severity, outcome, location: String
    public var message, findings, summary, pass, fail, total, details, noFindings: String
    public var notInForce, andMore, kind, validity, always, from, until, definedAt, pack: String
    public var examples, serviceKinds, tags, defaultValue, description, none, fingerprint: String
    public var waived, inBaseline, approvedBy, condition, values: String

    public static let en = Labels(
        lang: "en", subject: "subject", path: "path", measured: "measured", expected: "expected",
        missing: "missing", fix: "fix", indeterminate: "indeterminate", rule: "rule", references: "references",
        params: "parameters", title: "title", rationale: "rationale", principle: "principle", severity: "severity",
        outcome: "outcome", location: "location", message: "message", findings: "findings", summary: "summary",
        pass: "pass", fail: "fail", total: "total", details: "details", noFindings: "no findings",
        notInForce: "not in force", andMore: "more findings in the other formats (JSON, SARIF)", kind: "kind",
        validity: "in force", always: "always", from: "from", until: "until", definedAt: "defined at",
        pack: "pack", examples: "examples", serviceKinds: "service kinds", tags: "tags",
        defaultValue: "default", description: "description", none: "none", fingerprint: "fingerprint",
        waived: "waived", inBaseline: "in baseline", approvedBy: "approved by", condition: "condition", values: "values")

    public static let fr = Labels(
        lang: "fr", subject: "sujet", path: "chemin", measured: "mesuré", expected: "attendu",
        missing: "manquant", fix: "correction", indeterminate: "indéterminé", rule: "règle", references: "références",
        params: "paramètres", title: "titre", rationale: "justification", principle: "principe", severity: "gravité",
        outcome: "issue", location: "emplacement", message: "message", findings: "constats", summary: "synthèse",
        pass: "conforme", fail: "non conforme", total: "total", details: "détails", noFindings: "aucun constat",
        notInForce: "non en vigueur", andMore: "autres constats dans les autres formats (JSON, SARIF)", kind: "type",
        validity: "en vigueur", always: "toujours", from: "du", until: "au", definedAt: "définie en",
        pack: "paquet", examples: "exemples", serviceKinds: "types de service", tags: "étiquettes",
        defaultValue: "défaut", description: "description", none: "aucun", fingerprint: "empreinte",
        waived: "dérogation", inBaseline: "déjà connu", approvedBy: "approuvée par", condition: "condition", values: "valeurs")

    /// The languages reports speak.
    public static let languages = ["en", "fr"]

    /// French for `fr`, English otherwise.
    public static func `for`(_ lang: String?) -> Labels { lang == "fr" ? .fr : .en }

    /// `n thing`/`n things` (`n chose`/`n choses`): both languages add an s, except French
    /// keeps 0 and 1 singular.
    public func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        let one = lang == "fr" ? n <= 1 : n == 1
        return "\(n) \(one ? singular : (plural ?? singular + "s"))"
    }

    /// Severity as a word of the language (`error` stays the keyword in `file:line: error:`).
    public func severityName(_ s: Severity) -> String {
        guard lang == "fr" else { return s.rawValue }
        switch s {
        case .error: return "erreur"
        case .warning: return "avertissement"
        case .info: return "info"
        }
    }

    /// `(waived)`, `(in baseline)` or nothing, for a finding that no longer counts.
    public func status(_ f: Finding) -> String? {
        if let e = f.exception { return passUnder(e) }
        if f.waiver != nil { return waived }
        if f.inBaseline { return inBaseline }
        return nil
    }

    /// `waived until 2026-06-30 (approved by …): justification [waivers.yaml:3:5]`.
    public func waiverLine(_ w: Waiver) -> String {
        "\(waived) \(until) \(w.expires.iso) (\(approvedBy) \(w.approvedBy)): \(w.justification) [\(w.location)]"
    }

    /// A principle's name in the language (`risk-coverage` → `couverture des risques`); in
    /// English, its id; a principle a pack declares itself keeps its id.
    public func principleName(_ p: Principle) -> String {
        let names: [String: (en: String, fr: String)] = [
            "continuity": ("continuity", "continuité"), "equality": ("equality", "égalité"),
            "risk-coverage": ("risk-coverage", "couverture des risques"), "adaptability": ("adaptability", "adaptabilité"),
            "waivers": ("waivers", "dérogations"),
        ]
        guard let name = names[p.id] else { return p.id }
        return lang == "fr" ? name.fr : name.en
    }

    public func outcomeName(_ o: Outcome) -> String {
        switch o {
        case .pass: pass
        case .fail: fail
        case .indeterminate: indeterminate
        }
    }
}
