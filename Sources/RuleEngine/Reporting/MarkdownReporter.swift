/// The `--format markdown` report, made for a pull-request comment: a headline, a summary
/// table per principle, a findings table, and each finding's details in a collapsed
/// `<details>` block.
///
/// Cells are escaped (`|`, line breaks, and `<`, `>`, `&` so that data cannot inject HTML into
/// the comment); tables stop after `maxRows` findings (GitHub caps a comment at 65,536
/// characters) and say how many are left out.
public enum MarkdownReporter {
    public static let maxRows = 100

    public static func render(_ input: ReportInput) -> String {
        let l = input.labels
        let report = input.report
        let fr = l.lang == "fr"
        var out = ""
        let active = report.findings.filter(\.isActive)
        // The mark follows --fail-on, as the exit status: ❌ only when something blocks.
        let state = ReviewVerdict(input).state
        let headline = active.isEmpty ? "✅ \(l.noFindings)" : "\(state == .blocked ? "❌" : "⚠️") \(l.count(active.count, fr ? "constat" : "finding"))"
        out += "## spp-check: \(headline)\n\n"
        out += TextReporter.summaryLine(report, labels: l) + "\n\n"

        // Summary per principle.
        out += "| \(l.principle.capitalizedFirst) | \(l.pass.capitalizedFirst) | \(l.fail.capitalizedFirst) | \(l.indeterminate.capitalizedFirst) |\n"
        out += "|---|---:|---:|---:|\n"
        for principle in report.outcomesByPrinciple.keys.sorted() {
            let c = report.outcomesByPrinciple[principle] ?? [:]
            out += "| \(l.principleName(principle)) | \(c[.pass] ?? 0) | \(c[.fail] ?? 0) | \(c[.indeterminate] ?? 0) |\n"
        }
        let o = report.outcomes
        out += "| **\(l.total.capitalizedFirst)** | **\(o[.pass] ?? 0)** | **\(o[.fail] ?? 0)** | **\(o[.indeterminate] ?? 0)** |\n"
        if !report.skipped.isEmpty {
            out += "\n\(l.notInForce.capitalizedFirst): " + report.skipped.map { "`\(code($0))`" }.joined(separator: ", ") + "\n"
        }
        if !input.run.dataIgnored.isEmpty {
            // Data minimisation: what the roster held that no rule read, by name only.
            out += (l.lang == "fr" ? "\nDonnées écartées au chargement (lues par aucune règle) : " : "\nData dropped at load (read by no rule): ")
                + input.run.dataIgnored.map { "`\(code($0.name))` (\(code(input.displayPath($0.file))))" }.joined(separator: ", ") + "\n"
        }
        guard !report.findings.isEmpty else { return out }

        // Errors before warnings: the rows are chosen (and shown) blocking findings first.
        let shown = input.forDisplay(report.findings, maxRows)
        out += "\n### \(l.findings.capitalizedFirst)\n\n"
        out += "| \(l.severity.capitalizedFirst) | \(l.rule.capitalizedFirst) | \(l.location.capitalizedFirst) | \(l.message.capitalizedFirst) |\n"
        out += "|---|---|---|---|\n"
        for f in shown {
            let severity = l.severityName(f.severity) + (f.outcome == .indeterminate ? " (\(l.indeterminate))" : "")
                + (l.status(f).map { " (\($0))" } ?? "")
            out += "| \(severity) | `\(code(f.rule))` | \(place(f, input)) | \(cell(f.message)) |\n"
        }
        if report.findings.count > shown.count {
            out += "\n… \(report.findings.count - shown.count) \(l.andMore)\n"
        }

        out += "\n<details><summary>\(l.details.capitalizedFirst) (\(shown.count))</summary>\n\n"
        for f in shown {
            out += "#### `\(code(f.rule))` — \(cell(input.title(of: f.rule)))\n\n"
            out += "- \(l.subject): `\(code(f.subject))`\n"
            if let loc = f.location { out += "- \(l.location): `\(code("\(input.displayPath(loc.file)):\(loc.line):\(loc.column)"))`\n" }
            if let path = f.path { out += "- \(l.path): `\(code(path))`\n" }
            out += "- \(l.message): \(cell(f.message))\n"
            if let m = f.measured { out += "- \(l.measured): \(cell(m))\n" }
            if let e = f.expected { out += "- \(l.expected): \(cell(e))\n" }
            if !f.missing.isEmpty { out += "- \(l.missing): " + f.missing.map { "`\(code($0))`" }.joined(separator: ", ") + "\n" }
            if let fix = f.fix { out += "- \(l.fix): \(cell(fix))\n" }
            for line in input.explanations[f.fingerprint] ?? [] { out += "- \(cell(line))\n" }
            if let w = f.waiver { out += "- \(cell(l.waiverLine(w)))\n" }
            if let params = input.params[f.rule], !params.isEmpty {
                out += "- \(l.params): " + params.map { "`\(code($0.name)) = \(code($0.value))`" }.joined(separator: ", ") + "\n"
            }
            if let refs = input.rule(f.rule)?.references, !refs.isEmpty {
                out += "- \(l.references): " + refs.map(cell).joined(separator: "; ") + "\n"
            }
            out += "- \(l.fingerprint): `\(f.fingerprint)`\n\n"
        }
        out += "</details>\n"
        return out
    }

    static func place(_ f: Finding, _ input: ReportInput) -> String {
        guard let loc = f.location else { return "—" }
        return "`\(code("\(input.displayPath(loc.file)):\(loc.line):\(loc.column)"))`"
    }

    /// Text safe in a table cell or list item: no line break, no `|`, no HTML.
    static func cell(_ s: String) -> String { cellEscapes(s) }

    private static let cellEscapes = ScalarEscapes(["|": "\\|", "\n": " ", "\r": " ", "<": "&lt;", ">": "&gt;", "&": "&amp;"])

    /// Text inside a code span: backticks and `|` (which still splits table cells) replaced,
    /// no line break.
    static func code(_ s: String) -> String { codeEscapes(s) }

    private static let codeEscapes = ScalarEscapes(["`": "'", "|": "¦", "\n": " ", "\r": " "])
}
