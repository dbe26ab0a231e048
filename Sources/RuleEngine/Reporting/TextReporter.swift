/// The human report: findings grouped by principle, in a stable order, one
/// `file:line:column: severity: message [rule]` line each, then a summary.
public enum TextReporter {
    public static func render(_ report: Report, run: RunInfo, color: Bool) -> String {
        let style = Style(enabled: color)
        var out = ""
        var principle: Principle?
        for f in report.findings {
            if f.principle != principle {
                principle = f.principle
                if !out.isEmpty { out += "\n" }
                out += style.bold(f.principle.id) + "\n"
            }
            let place = f.location.map { "\($0): " } ?? ""
            let label = f.outcome == .indeterminate ? "\(f.severity.rawValue) (indeterminate)" : f.severity.rawValue
            out += "  \(place)\(style.severity(f.severity, label)): \(f.message) [\(f.rule)]\n"
            var details: [String] = ["subject: \(f.subject)"]
            if let path = f.path { details.append("path: \(path)") }
            if let m = f.measured { details.append("measured: \(m)") }
            if let e = f.expected { details.append("expected: \(e)") }
            if !f.missing.isEmpty { details.append("missing: \(f.missing.joined(separator: ", "))") }
            out += "    " + style.dim(details.joined(separator: " · ")) + "\n"
            if let fix = f.fix { out += "    fix: \(fix)\n" }
        }
        if !out.isEmpty { out += "\n" }
        out += summaryLine(report) + "\n"
        return out
    }

    /// `12 rules, 340 results: 320 pass, 15 fail, 5 indeterminate; 10 errors, 5 warnings, 0 info`.
    public static func summaryLine(_ report: Report) -> String {
        let o = report.outcomes
        let results = Outcome.allCases.reduce(0) { $0 + (o[$1] ?? 0) }
        let sev = Severity.allCases.map { s in
            let n = report.findings.filter { $0.severity == s }.count
            return s == .info ? "\(n) info" : "\(n) \(s.rawValue)\(n == 1 ? "" : "s")"
        }
        var line = "\(report.evaluated.count) rule\(report.evaluated.count == 1 ? "" : "s"), \(results) results: "
            + "\(o[.pass] ?? 0) pass, \(o[.fail] ?? 0) fail, \(o[.indeterminate] ?? 0) indeterminate; "
            + sev.joined(separator: ", ")
        if !report.skipped.isEmpty { line += "; \(report.skipped.count) not in force" }
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
