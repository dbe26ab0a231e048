/// `spp-check diff` as text (a terminal), JSON (a program) or Markdown (a pull-request comment).
public enum DiffReport {
    public static let formatVersion = 1
    /// Rows per Markdown table: GitHub caps a comment at 65,536 characters.
    public static let maxRows = MarkdownReporter.maxRows

    public enum Format: String, Sendable, CaseIterable {
        case text, json, markdown
    }

    public static func render(_ diff: FindingDiff, as format: Format) -> String {
        switch format {
        case .text: text(diff)
        case .json: json(diff).rendered() + "\n"
        case .markdown: markdown(diff)
        }
    }

    /// `added 1, removed 0, changed 2, unchanged 14`.
    public static func countsLine(_ diff: FindingDiff) -> String {
        let c = diff.counts
        return "added \(c.added), removed \(c.removed), changed \(c.changed), unchanged \(c.unchanged)"
    }

    static func headline(_ f: Finding) -> String {
        let place = f.location.map { "\($0): " } ?? ""
        let indeterminate = f.outcome == .indeterminate ? " (indeterminate)" : ""
        let status = f.exception.map { " (pass under exception '\($0.id)')" } ?? (f.waiver != nil ? " (waived)" : f.inBaseline ? " (in baseline)" : "")
        return "\(place)\(f.severity.rawValue)\(indeterminate)\(status): \(f.message) [\(f.rule)]"
    }

    static func value(_ f: Finding, _ field: String) -> String {
        switch field {
        case "severity": f.severity.rawValue
        case "message": f.message
        case "measured": f.measured ?? "—"
        case "expected": f.expected ?? "—"
        case "version": f.version ?? "—"
        case "settings": f.settings.isEmpty ? "—" : FindingDiff.settingsText(f)
        default:
            f.exception.map { "pass under exception '\($0.id)'" } ?? (f.waiver != nil ? "waived" : f.inBaseline ? "in baseline" : "active")
        }
    }

    public static func text(_ diff: FindingDiff) -> String {
        var out = "before: \(diff.beforeLabel)\nafter:  \(diff.afterLabel)\n\n"
        func list(_ title: String, _ findings: [Finding], _ mark: String) {
            guard !findings.isEmpty else { return }
            out += "\(title) (\(findings.count))\n"
            for f in findings { out += "  \(mark) \(headline(f))\n    subject: \(f.subject)\n" }
            out += "\n"
        }
        list("added", diff.added, "+")
        list("removed", diff.removed, "-")
        if !diff.changed.isEmpty {
            out += "changed (\(diff.changed.count))\n"
            for c in diff.changed {
                out += "  ~ \(headline(c.after))\n    subject: \(c.after.subject)\n"
                for field in c.fields { out += "    \(field): \(value(c.before, field)) → \(value(c.after, field))\n" }
            }
            out += "\n"
        }
        if !diff.verdicts.isEmpty {
            out += "verdict changes (\(diff.verdicts.count))\n"
            let width = diff.verdicts.map(\.subject.count).max() ?? 0
            for v in diff.verdicts {
                out += "  \(v.subject)\(String(repeating: " ", count: width - v.subject.count))  \(v.before) → \(v.after)\n"
            }
            out += "\n"
        }
        out += countsLine(diff) + "\n"
        return out
    }

    public static func json(_ diff: FindingDiff) -> JSONText {
        let c = diff.counts
        return .object([
            ("tool", .string("spp-check")),
            ("diff_version", .int(formatVersion)),
            ("before", .string(diff.beforeLabel)),
            ("after", .string(diff.afterLabel)),
            ("counts", .object([("added", .int(c.added)), ("removed", .int(c.removed)),
                                ("changed", .int(c.changed)), ("unchanged", .int(c.unchanged))])),
            ("added", .array(diff.added.map(JSONReporter.finding))),
            ("removed", .array(diff.removed.map(JSONReporter.finding))),
            ("changed", .array(diff.changed.map { change in
                .object([
                    ("fingerprint", .string(change.after.fingerprint)),
                    ("fields", .array(change.fields.map { field in
                        .object([("field", .string(field)), ("before", .string(value(change.before, field))),
                                 ("after", .string(value(change.after, field)))])
                    })),
                    ("before", JSONReporter.finding(change.before)),
                    ("after", JSONReporter.finding(change.after)),
                ])
            })),
            ("verdicts", .array(diff.verdicts.map {
                .object([("subject", .string($0.subject)), ("before", .string($0.before)), ("after", .string($0.after))])
            })),
        ])
    }

    public static func markdown(_ diff: FindingDiff) -> String {
        let cell = MarkdownReporter.cell, code = MarkdownReporter.code
        let newErrors = diff.newFindings(atLeast: .error).count
        let mark = newErrors > 0 ? "❌ \(newErrors) new error\(newErrors == 1 ? "" : "s")" : diff.fails(.anyChange) ? "⚠️ findings change" : "✅ no change"
        var out = "## spp-check diff: \(mark)\n\n"
        out += "Before: \(cell(diff.beforeLabel)) · after: \(cell(diff.afterLabel))\n\n"
        let c = diff.counts
        out += "| Added | Removed | Changed | Unchanged |\n|---:|---:|---:|---:|\n| \(c.added) | \(c.removed) | \(c.changed) | \(c.unchanged) |\n"
        func table(_ title: String, _ findings: [Finding]) {
            guard !findings.isEmpty else { return }
            out += "\n### \(title) (\(findings.count))\n\n| Severity | Rule | Subject | Location | Message |\n|---|---|---|---|---|\n"
            for f in findings.prefix(maxRows) {
                out += "| \(f.severity.rawValue)\(f.outcome == .indeterminate ? " (indeterminate)" : "") | `\(code(f.rule))` | `\(code(f.subject))` | \(f.location.map { "`\(code($0.description))`" } ?? "") | \(cell(f.message)) |\n"
            }
            if findings.count > maxRows { out += "\n… \(findings.count - maxRows) more\n" }
        }
        table("Added", diff.added)
        table("Removed", diff.removed)
        if !diff.changed.isEmpty {
            out += "\n### Changed (\(diff.changed.count))\n\n| Rule | Subject | Field | Before | After |\n|---|---|---|---|---|\n"
            for change in diff.changed.prefix(maxRows) {
                for field in change.fields {
                    out += "| `\(code(change.after.rule))` | `\(code(change.after.subject))` | \(field) | \(cell(value(change.before, field))) | \(cell(value(change.after, field))) |\n"
                }
            }
            if diff.changed.count > maxRows { out += "\n… \(diff.changed.count - maxRows) more\n" }
        }
        if !diff.verdicts.isEmpty {
            out += "\n### Verdict changes (\(diff.verdicts.count))\n\n| Subject | Before | After |\n|---|---|---|\n"
            for v in diff.verdicts.prefix(maxRows) { out += "| `\(code(v.subject))` | \(v.before) | \(v.after) |\n" }
            if diff.verdicts.count > maxRows { out += "\n… \(diff.verdicts.count - maxRows) more\n" }
        }
        return out
    }
}
