/// The `--format github` report: GitHub Actions workflow commands, which the runner turns into
/// annotations on the files and lines of a pull request.
///
/// `::error file=F,line=L,col=C,title=RULE::message` per finding that fails the job under
/// `--fail-on` (`warning` and `notice` for the others; an indeterminate result says so in its message), then the summary as
/// a plain log line. Data is escaped as the runner expects: `%`, CR and LF in the message;
/// also `:` and `,` in properties.
public enum GitHubReporter {
    public static func render(_ input: ReportInput) -> String {
        var out = ""
        // Findings already in the baseline would only crowd the pull request's annotations.
        for f in input.report.findings where !(f.inBaseline && f.waiver == nil) {
            var properties: [String] = []
            if let location = f.location {
                properties.append("file=" + escapeProperty(input.displayPath(location.file)))
                if location.line > 0 { properties.append("line=\(location.line)") }
                if location.column > 0 { properties.append("col=\(location.column)") }
            }
            properties.append("title=" + escapeProperty(f.rule))
            var message = f.outcome == .indeterminate ? "(\(input.labels.indeterminate)) \(f.message)" : f.message
            if f.waiver != nil { message = "(\(input.labels.waived)) " + message }
            message += " [\(f.subject)]"
            if input.explain {
                message += "\n\(input.labels.rule): \(input.title(of: f.rule))"
                if let m = f.measured { message += "\n\(input.labels.measured): \(m)" }
                if let e = f.expected { message += "\n\(input.labels.expected): \(e)" }
                for line in input.explanations[f.fingerprint] ?? [] { message += "\n" + line }
                if let refs = input.rule(f.rule)?.references, !refs.isEmpty {
                    message += "\n\(input.labels.references): \(refs.joined(separator: "; "))"
                }
            }
            if let fix = f.fix { message += "\n\(input.labels.fix): \(fix)" }
            if let w = f.waiver { message += "\n" + input.labels.waiverLine(w) }
            out += "::\(f.waiver == nil ? command(f, input) : "notice") \(properties.joined(separator: ","))::\(escapeData(message))\n"
        }
        out += "spp-check: " + TextReporter.summaryLine(input.report, labels: input.labels) + "\n"
        return out
    }

    /// `::error` only for a finding that fails the job (`--fail-on`), as the exit status;
    /// below it an error or warning is a `::warning`, an info a `::notice`.
    static func command(_ f: Finding, _ input: ReportInput) -> String {
        if input.blocks(f) { return "error" }
        return f.severity == .info ? "notice" : "warning"
    }

    static func command(_ s: Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
    }

    /// A command's message: `%`, CR and LF escaped (the runner's own rules).
    public static func escapeData(_ s: String) -> String { dataEscapes(s) }

    private static let dataEscapes = ScalarEscapes(["%": "%25", "\r": "%0D", "\n": "%0A"])

    /// A command's property value: as a message, plus `:` and `,`, which separate properties.
    public static func escapeProperty(_ s: String) -> String { propertyEscapes(s) }

    private static let propertyEscapes = ScalarEscapes(["%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"])
}
