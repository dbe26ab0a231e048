/// The `--format sarif` report: SARIF 2.1.0, which GitHub code scanning, GitLab, Azure DevOps
/// and IDE viewers read.
///
/// One run; its driver lists every loaded rule as a `reportingDescriptor` (title as short
/// description, rationale as full description, help with references and parameters, principle
/// and tags in `properties`, default level from the severity). Each finding is a result with
/// its rule, level, message, physical location (file relative to the working directory, line and
/// column) and our fingerprint under `partialFingerprints`.
///
/// An indeterminate result stays a `fail` result at its rule's level, with
/// `properties.outcome = "indeterminate"` and the missing inputs: SARIF's own `review` kind
/// would force level `none`, which viewers hide, and missing data must never pass silently.
public enum SARIFReporter {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The key of our fingerprint in `partialFingerprints`; versioned as SARIF advises.
    public static let fingerprintKey = "sppCheckFingerprint/v1"

    public static func render(_ input: ReportInput) -> String {
        let rules = catalogue(input)
        var ruleIndex: [String: Int] = [:]
        for (i, rule) in rules.enumerated() where ruleIndex[rule.id] == nil { ruleIndex[rule.id] = i }
        let driver: [(String, JSONText)] = [
            ("name", .string("spp-check")),
            ("version", .string(RunInfo.toolVersion)),
            ("semanticVersion", .string(RunInfo.toolVersion)),
            ("rules", .array(rules.map { descriptor($0, input) })),
        ]
        var run: [(String, JSONText)] = [
            ("tool", .object([("driver", .object(driver))])),
            ("invocations", .array([.object([("executionSuccessful", .bool(true))])])),
        ]
        if let lang = input.lang { run.append(("language", .string(lang))) }
        run.append(("results", .array(input.report.findings.map { result($0, ruleIndex: ruleIndex[$0.rule], input) })))
        run.append(("properties", .object([
            ("asOf", .optional(input.run.asOf?.iso)),
            ("rulePacks", .array(input.run.packs.map(JSONText.string))),
            ("rulesNotInForce", .array(input.report.skipped.map(JSONText.string))),
            ("results", .object(Outcome.allCases.map { ($0.rawValue, .int(input.report.outcomes[$0] ?? 0)) })),
        ])))
        return JSONText.object([
            ("$schema", .string(schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object(run)])),
        ]).rendered() + "\n"
    }

    /// The rules to describe: every loaded rule, plus any rule a finding names that was not
    /// given (a report built without its catalogue), so that every `ruleId` is described.
    static func catalogue(_ input: ReportInput) -> [CatalogueEntry] {
        var out = input.rules.map { CatalogueEntry(id: $0.id, rule: $0) }
        var seen = Set(out.map(\.id))
        for f in input.report.findings where !seen.contains(f.rule) {
            seen.insert(f.rule)
            out.append(CatalogueEntry(id: f.rule, rule: nil, principle: f.principle, severity: f.severity))
        }
        return out
    }

    struct CatalogueEntry {
        var id: String
        var rule: Rule?
        var principle: Principle?
        var severity: Severity?
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// A result's level follows `--fail-on`, as the exit status does: `error` when the finding
    /// fails the job, otherwise its severity's level but never `error` (`warning`), so that code
    /// scanning does not block what the job lets through. Waived and baseline findings keep
    /// their severity's level (their suppression or baseline state says they no longer count).
    static func level(_ f: Finding, _ input: ReportInput) -> String {
        guard f.isActive else { return level(f.severity) }
        if input.blocks(f) { return "error" }
        return f.severity == .info ? "note" : "warning"
    }

    static func descriptor(_ entry: CatalogueEntry, _ input: ReportInput) -> JSONText {
        guard let rule = entry.rule else {
            return .object([
                ("id", .string(entry.id)),
                ("name", .string(entry.id)),
                ("defaultConfiguration", .object([("level", .string(level(entry.severity ?? .error)))])),
                ("properties", .object([("principle", .string(entry.principle?.id ?? "")), ("tags", .array([]))])),
            ])
        }
        let title = rule.title.text(input.lang)
        let rationale = rule.rationale.text(input.lang)
        var members: [(String, JSONText)] = [
            ("id", .string(rule.id)),
            ("name", .string(rule.id)),
            ("shortDescription", .object([("text", .string(title.isEmpty ? rule.id : title))])),
        ]
        if !rationale.isEmpty { members.append(("fullDescription", .object([("text", .string(rationale))]))) }
        members.append(("help", .object([("text", .string(helpText(rule, input, markdown: false))),
                                         ("markdown", .string(helpText(rule, input, markdown: true)))])))
        members.append(("defaultConfiguration", .object([("level", .string(level(rule.severity)))])))
        var tags = rule.tags
        if !tags.contains(rule.principle.id) { tags.append(rule.principle.id) }
        members.append(("properties", .object([
            ("principle", .string(rule.principle.id)),
            ("severity", .string(rule.severity.rawValue)),
            ("kind", .string(rule.kind)),
            ("pack", .string(rule.pack)),
            ("references", .array(rule.references.map(JSONText.string))),
            ("tags", .array(tags.map(JSONText.string))),
        ])))
        return .object(members)
    }

    /// The rule's rationale, references and parameters, as plain text or Markdown.
    static func helpText(_ rule: Rule, _ input: ReportInput, markdown: Bool) -> String {
        let l = input.labels
        var parts: [String] = []
        let title = rule.title.text(input.lang)
        if !title.isEmpty { parts.append(markdown ? "**\(title)**" : title) }
        let rationale = rule.rationale.text(input.lang)
        if !rationale.isEmpty { parts.append(rationale) }
        if !rule.references.isEmpty {
            let items = rule.references.map { markdown ? "- \($0)" : "- \($0)" }
            parts.append("\(l.references.capitalizedFirst):\n" + items.joined(separator: "\n"))
        }
        let params = input.params[rule.id] ?? rule.params.map { EffectiveParam(name: $0.name, value: $0.defaultValue.displayText) }
        if !params.isEmpty {
            let items = params.map { markdown ? "- `\($0.name)` = `\($0.value)`" : "- \($0.name) = \($0.value)" }
            parts.append("\(l.params.capitalizedFirst):\n" + items.joined(separator: "\n"))
        }
        parts.append("\(l.principle.capitalizedFirst)\(l.lang == "fr" ? " :" : ":") \(l.principleName(rule.principle))")
        return parts.joined(separator: "\n\n")
    }

    static func result(_ f: Finding, ruleIndex: Int?, _ input: ReportInput) -> JSONText {
        var members: [(String, JSONText)] = [("ruleId", .string(f.rule))]
        if let ruleIndex { members.append(("ruleIndex", .int(ruleIndex))) }
        members.append(("kind", .string("fail")))
        members.append(("level", .string(level(f, input))))
        members.append(("message", .object([("text", .string(f.message.isEmpty ? f.rule : f.message))])))
        if let location = f.location ?? input.run.plan.map(Location.start(of:)) {
            var physical: [(String, JSONText)] = [
                ("artifactLocation", .object([("uri", .string(uri(location.file, input)))])),
            ]
            // A finding with no place of its own points at the plan as a whole: no region.
            if f.location != nil, location.line > 0 {
                var region: [(String, JSONText)] = [("startLine", .int(location.line))]
                if location.column > 0 { region.append(("startColumn", .int(location.column))) }
                physical.append(("region", .object(region)))
            }
            var loc: [(String, JSONText)] = [("physicalLocation", .object(physical))]
            if let path = f.path {
                loc.append(("logicalLocations", .array([.object([("fullyQualifiedName", .string(path))])])))
            }
            members.append(("locations", .array([.object(loc)])))
        }
        members.append(("partialFingerprints", .object([(fingerprintKey, .string(f.fingerprint))])))
        if let w = f.waiver {
            // A waiver is SARIF's external, accepted suppression: viewers show it as dismissed.
            members.append(("suppressions", .array([.object([
                ("kind", .string("external")),
                ("status", .string("accepted")),
                ("justification", .string("\(w.justification) (\(input.labels.approvedBy) \(w.approvedBy), \(input.labels.until) \(w.expires.iso))")),
                ("location", .object([("physicalLocation", .object([
                    ("artifactLocation", .object([("uri", .string(uri(w.location.file, input)))])),
                    ("region", .object([("startLine", .int(max(1, w.location.line))), ("startColumn", .int(max(1, w.location.column)))])),
                ]))])),
            ])])))
        }
        if input.run.usedBaseline {
            members.append(("baselineState", .string(f.inBaseline ? "unchanged" : "new")))
        }
        var properties: [(String, JSONText)] = [
            ("outcome", .string(f.outcome.rawValue)),
            ("principle", .string(f.principle.id)),
            ("subject", .string(f.subject)),
        ]
        if let m = f.measured { properties.append(("measured", .string(m))) }
        if let e = f.expected { properties.append(("expected", .string(e))) }
        if !f.missing.isEmpty { properties.append(("missing", .array(f.missing.map(JSONText.string)))) }
        if let fix = f.fix { properties.append(("fix", .string(fix))) }
        members.append(("properties", .object(properties)))
        return .object(members)
    }

    /// A URI reference for a data file: relative to the working directory when inside it (as
    /// GitHub resolves it against the repository), else a `file://` URI; percent-encoded.
    static func uri(_ file: String, _ input: ReportInput) -> String {
        let path = input.displayPath(file)
        return path.hasPrefix("/") ? "file://" + percentEncoded(path) : percentEncoded(path)
    }

    /// RFC 3986: everything but unreserved characters and `/` is percent-encoded (UTF-8).
    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}

extension String {
    /// The string with its first letter upper-cased (`références` → `Références`).
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
