/// Who a report is for (`--audience`). A report for the operator names what the operator's own
/// records name; a report for the public — a council, a prefect, the users — is redacted
/// (`Redactor`) by default in the formats meant to be read by people outside the operator:
/// HTML and Markdown. `--redact` still redacts every format, whatever the audience.
public enum ReportAudience: String, CaseIterable, Sendable {
    case `operator`
    case `public`

    /// Whether a report in `format` for this audience is redacted, `redact` being `--redact`.
    public func redacts(_ format: OutputFormat, redact: Bool) -> Bool {
        redact || (self == .public && (format == .html || format == .markdown))
    }
}
