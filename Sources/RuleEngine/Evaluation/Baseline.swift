import Foundation

/// The findings a service already had when it adopted spp-check: with `--baseline`, only new
/// findings count, so a CI job can fail on regressions without first fixing the past.
///
/// Findings are matched by fingerprint (rule, subject, key, outcome — not lines), so a baseline
/// survives edits that move lines or insert rows.
public enum Baseline {
    public static let formatVersion = 1

    /// The baseline file's text for a report: its active findings' fingerprints, sorted.
    public static func render(_ report: Report) -> String {
        let entries = report.findings.filter { $0.waiver == nil }
            .map { JSONText.object([("fingerprint", .string($0.fingerprint)), ("rule", .string($0.rule)), ("subject", .string($0.subject))]) }
            .sorted { $0.rendered(pretty: false) < $1.rendered(pretty: false) }
        return JSONText.object([
            ("tool", .string("spp-check")),
            ("baseline_version", .int(formatVersion)),
            ("findings", .array(entries)),
        ]).rendered() + "\n"
    }

    /// Reads the fingerprints of a baseline file.
    /// - Throws: `Diagnostic` located in the file when it is not a baseline.
    public static func load(file: String) throws -> Set<String> {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw Diagnostic.error(at: .start(of: file), "cannot read baseline file")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let findings = object["findings"] as? [[String: Any]] else {
            throw Diagnostic.error(at: .start(of: file), "not a baseline file: expected a JSON object with 'findings', as written by --write-baseline")
        }
        return Set(findings.compactMap { $0["fingerprint"] as? String })
    }

    /// Marks the findings already in the baseline.
    public static func apply(_ fingerprints: Set<String>, to report: inout Report) {
        for i in report.findings.indices where fingerprints.contains(report.findings[i].fingerprint) {
            report.findings[i].inBaseline = true
        }
    }
}
