/// The human report: findings grouped by principle, in a stable order, one
/// `file:line:column: severity: message [rule]` line each, then a summary.
///
/// The severity keyword stays English in every language (`error:`), as editors and CI turn
/// `file:line:column: error:` lines into links; the labels around it follow `--lang`.
public enum TextReporter {
    public static func render(_ report: Report, run: RunInfo, color: Bool) -> String {
        render(ReportInput(report: report, run: run, lang: run.lang), color: color)
    }

    public static func render(_ input: ReportInput, color: Bool) -> String {
        let style = Style(enabled: color)
        let l = input.labels
        let report = input.report
        var out = ""
        var principle: Principle?
        for f in report.findings {
            if f.principle != principle {
                principle = f.principle
                if !out.isEmpty { out += "\n" }
                out += style.bold(l.principleName(f.principle)) + "\n"
            }
            let place = f.location.map { "\($0): " } ?? ""
            var label = f.outcome == .indeterminate ? "\(f.severity.rawValue) (\(l.indeterminate))" : f.severity.rawValue
            if let status = l.status(f) { label += " (\(status))" }
            out += "  \(place)\(style.severity(f.severity, label)): \(f.message) [\(f.rule)\(f.version.map { ", version \($0)" } ?? "")]\n"
            var details: [String] = ["\(l.subject): \(f.subject)"]
            if let path = f.path { details.append("\(l.path): \(path)") }
            if let m = f.measured { details.append("\(l.measured): \(m)") }
            if let e = f.expected { details.append("\(l.expected): \(e)") }
            if !f.missing.isEmpty { details.append("\(l.missing): \(f.missing.joined(separator: ", "))") }
            out += "    " + style.dim(details.joined(separator: " · ")) + "\n"
            if let fix = f.fix { out += "    \(l.fix): \(fix)\n" }
            if let w = f.waiver { out += "    \(l.waiverLine(w))\n" }
            for setting in f.settings { out += "    \(l.params): \(setting.text)\n" }
            if let e = f.exception { out += "    \(l.passUnder(e)): \(e.lawBasis); \(l.approvedBy) \(e.approvedBy ?? "?"), \(e.basis ?? "?") [\(e.location)]\n" }
            if input.explain { out += explanation(f, input) }
        }
        if !out.isEmpty { out += "\n" }
        out += summaryLine(report, labels: l) + "\n"
        return out
    }

    /// The most rules `--format summary` lists: every rule with a blocking finding, then as many
    /// others as fit in `maxSummaryRules`, at least `minReviewRules` of them.
    public static let maxSummaryRules = 15
    public static let minReviewRules = 3
    /// Longer example messages are cut (with `…`) in the summary, which is read at a glance.
    public static let maxSummaryMessage = 160

    /// `--format summary`: the verdict (tied to `--fail-on`), the summary line, then the rules to
    /// fix first — count, severity, rule, title, principle, one example with its place and its
    /// fix — and where the complete list is. A few dozen lines whatever the number of findings.
    public static func renderSummary(_ input: ReportInput, color: Bool) -> String {
        let style = Style(enabled: color)
        let l = input.labels
        let fr = l.lang == "fr"
        let colon = fr ? " :" : ":"
        let verdict = ReviewVerdict(input)
        let headline = verdict.headline(l).capitalizedFirst
        var out = (verdict.state == .blocked ? style.severity(.error, headline)
                   : verdict.state == .review ? style.severity(.warning, headline) : style.bold(headline)) + "\n"
        out += summaryLine(input.report, labels: l) + "\n"
        let blockingRows = verdict.rows.filter(\.blocking)
        let rows = blockingRows + verdict.rows.filter { !$0.blocking }.prefix(max(minReviewRules, maxSummaryRules - blockingRows.count))
        if !rows.isEmpty {
            let heading = verdict.state == .blocked ? (fr ? "À corriger en premier" : "Fix first")
                                                    : (fr ? "À examiner en premier" : "To review first")
            out += "\n" + style.bold("\(heading) (\(l.count(verdict.rows.count, fr ? "règle" : "rule")))\(colon)") + "\n"
            let width = String(rows.count).count
            for (i, row) in rows.enumerated() {
                let n = String(i + 1)
                let number = String(repeating: " ", count: width - n.count) + n
                let count = row.severity == .info ? "\(row.count) info" : l.count(row.count, l.severityName(row.severity))
                let block = row.blocking ? "" : (fr ? " (non bloquant)" : " (not blocking)")
                out += "\(number). " + style.severity(row.severity, count + block) + "  \(row.rule) — \(row.title) [\(l.principleName(row.principle))]\n"
                let pad = String(repeating: " ", count: width + 2)
                let f = row.example
                var message = f.message
                if message.count > maxSummaryMessage { message = String(message.prefix(maxSummaryMessage - 1)) + "…" }
                let place = f.location.map { "\(input.displayPath($0.file)):\($0.line):\($0.column): " } ?? ""
                out += pad + style.dim((fr ? "ex. : " : "e.g. ") + place + message) + "\n"
                // A fix only for what blocks: the rest is to review, in the complete list.
                if let fix = f.fix, row.blocking {
                    var text = fix
                    if text.count > maxSummaryMessage { text = String(text.prefix(maxSummaryMessage - 1)) + "…" }
                    out += pad + "\(l.fix)\(colon) \(text)\n"
                }
            }
            if rows.count < verdict.rows.count {
                out += fr ? "… \(l.count(verdict.rows.count - rows.count, "autre règle", "autres règles")) sous --fail-on\n"
                          : "… \(l.count(verdict.rows.count - rows.count, "more rule")) below --fail-on\n"
            }
        }
        if let path = input.links[.json] ?? input.links[.sarif] {
            out += "\n" + (fr ? "Liste complète des constats : " : "Complete list of findings: ") + path + "\n"
        } else if !input.report.findings.isEmpty {
            out += "\n" + (fr ? "Liste complète : --format text, ou --format json=CHEMIN"
                              : "Complete list: --format text, or --format json=PATH") + "\n"
        }
        return out
    }

    /// What `--explain` adds under a finding: the rule's title, the parameters it ran with,
    /// the values found and required, and its references.
    static func explanation(_ f: Finding, _ input: ReportInput) -> String {
        let l = input.labels
        var out = "    \(l.rule): \(input.title(of: f.rule))\n"
        if let params = input.params[f.rule], !params.isEmpty {
            out += "    \(l.params): " + params.map { "\($0.name) = \($0.value)" }.joined(separator: ", ") + "\n"
        }
        var values: [String] = []
        if let m = f.measured { values.append("\(l.measured): \(m)") }
        if let e = f.expected { values.append("\(l.expected): \(e)") }
        if !f.missing.isEmpty { values.append("\(l.missing): \(f.missing.joined(separator: ", "))") }
        if !values.isEmpty { out += "    " + values.joined(separator: " · ") + "\n" }
        for line in input.explanations[f.fingerprint] ?? [] { out += "    \(line)\n" }
        if let refs = input.rule(f.rule)?.references, !refs.isEmpty {
            out += "    \(l.references): \(refs.joined(separator: "; "))\n"
        }
        return out
    }

    /// `12 rules, 340 results: 320 pass, 15 fail, 5 indeterminate; 10 errors, 5 warnings, 0 info`.
    public static func summaryLine(_ report: Report, labels l: Labels = .en) -> String {
        let o = report.outcomes
        let results = Outcome.allCases.reduce(0) { $0 + (o[$1] ?? 0) }
        let sev = Severity.allCases.map { s in
            let n = report.findings.filter { $0.isActive && $0.severity == s }.count
            return s == .info ? "\(n) info" : l.count(n, l.severityName(s))
        }
        let colon = l.lang == "fr" ? " :" : ":"
        let semicolon = l.lang == "fr" ? " ;" : ";"
        let rules = l.count(report.evaluated.count, l.lang == "fr" ? "règle" : "rule")
        let resultsText = l.lang == "fr" ? l.count(results, "résultat") : "\(results) results"
        var line = "\(rules), \(resultsText)\(colon) "
            + "\(o[.pass] ?? 0) \(l.pass), \(o[.fail] ?? 0) \(l.fail), \(o[.indeterminate] ?? 0) \(l.indeterminate)\(semicolon) "
            + sev.joined(separator: ", ")
        let waived = report.findings.filter { $0.waiver != nil }.count
        let known = report.findings.filter { $0.waiver == nil && $0.inBaseline }.count
        if waived > 0 { line += "\(semicolon) \(waived) \(l.waived)" }
        if known > 0 { line += "\(semicolon) \(known) \(l.inBaseline)" }
        if !report.skipped.isEmpty { line += "\(semicolon) \(report.skipped.count) \(l.notInForce)" }
        return line
    }

    struct Style {
        var enabled: Bool
        func wrap(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        func bold(_ s: String) -> String { wrap(s, "1") }
        func dim(_ s: String) -> String { wrap(s, "2") }
        func severity(_ severity: Severity, _ s: String) -> String {
            switch severity {
            case .error: wrap(s, "1;31")
            case .warning: wrap(s, "1;33")
            case .info: wrap(s, "1;36")
            }
        }
    }
}
