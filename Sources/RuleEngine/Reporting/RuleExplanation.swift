/// `spp-check explain RULE-ID`: everything about one rule, as text for a terminal.
public enum RuleExplanation {
    /// - Parameters:
    ///   - lang: language of the rule's texts and of the labels.
    ///   - examples: places where the rule is exercised (rule test files beside its pack).
    public static func text(_ rule: Rule, lang: String? = nil, examples: [Location] = []) -> String {
        let l = Labels.for(lang)
        let title = rule.title.text(lang)
        var out = "\(rule.id)\(title.isEmpty ? "" : " — " + title)\n\n"
        var facts: [(String, String)] = [
            (l.principle, l.principleName(rule.principle)),
            (l.severity, l.severityName(rule.severity)),
            (l.kind, "\(rule.kind) — \(type(of: rule.check).summary)"),
            (l.validity, RuleCatalogue.validity(rule, l)),
            (l.pack, rule.pack),
        ]
        if !rule.serviceKinds.isEmpty { facts.append((l.serviceKinds, rule.serviceKinds.joined(separator: ", "))) }
        if !rule.tags.isEmpty { facts.append((l.tags, rule.tags.joined(separator: ", "))) }
        facts.append((l.definedAt, rule.location.description))
        let width = facts.map { $0.0.count }.max() ?? 0
        for (label, value) in facts {
            out += "  \(label):\(String(repeating: " ", count: width - label.count + 1))\(value)\n"
        }
        let rationale = rule.rationale.text(lang)
        out += "\n\(l.rationale.capitalizedFirst):\n  \(rationale.isEmpty ? l.none : rationale)\n"
        out += "\n\(l.references.capitalizedFirst):\n"
        out += rule.references.isEmpty ? "  \(l.none)\n" : rule.references.map { "  - \($0)\n" }.joined()
        out += "\n\(l.params.capitalizedFirst):\n"
        if rule.params.isEmpty { out += "  \(l.none)\n" }
        for p in rule.params {
            out += "  \(p.name) = \(p.defaultValue.displayText) (\(p.defaultValue.exprType))"
            out += p.description.map { " — \($0)" } ?? ""
            if let bounds = p.boundsText { out += " [\(bounds)\(p.basis.map { ", \($0)" } ?? "")]" }
            out += RuleGovernanceText.nature(p) + "\n"
        }
        let lines = ConditionWords.lines(rule, lang: lang)
        if !lines.isEmpty {
            // The condition as written (the rule language), each key with its meaning.
            out += "\n\(l.condition.capitalizedFirst)\(l.lang == "fr" ? " :" : ":")\n"
            for line in lines {
                out += "  \(line.key): \(line.text)\n"
                if !line.words.isEmpty { out += "      \(line.words)\n" }
            }
        }
        out += RuleGovernanceText.sections(rule)
        if !examples.isEmpty {
            out += "\n\(l.examples.capitalizedFirst):\n" + examples.map { "  \($0)\n" }.joined()
        }
        return out
    }
}
