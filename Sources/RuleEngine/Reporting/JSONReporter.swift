/// The `--format json` report: a versioned object documented in docs/json-format.md.
public enum JSONReporter {
    /// Bumped on any change that could break a reader of the format.
    public static let formatVersion = 1

    public static func render(_ report: Report, run: RunInfo) -> String {
        JSONText.object([
            ("tool", .object([("name", .string("spp-check")), ("version", .string(RunInfo.toolVersion))])),
            ("format_version", .int(formatVersion)),
            ("run", .object([
                ("plan", .optional(run.plan)),
                ("as_of", .optional(run.asOf?.iso)),
                ("rule_packs", .array(run.packs.map(JSONText.string))),
                ("rules_evaluated", .int(report.evaluated.count)),
                ("rules_skipped", .array(report.skipped.map(JSONText.string))),
            ])),
            ("summary", summary(report)),
            ("findings", .array(report.findings.map(finding))),
        ]).rendered() + "\n"
    }

    static func summary(_ report: Report) -> JSONText {
        func counts(_ c: [Outcome: Int]) -> JSONText {
            .object(Outcome.allCases.map { ($0.rawValue, .int(c[$0] ?? 0)) })
        }
        let bySeverity = Severity.allCases.map { severity in
            (severity.rawValue, JSONText.int(report.findings.filter { $0.severity == severity }.count))
        }
        return .object([
            ("results", counts(report.outcomes)),
            ("findings", .int(report.findings.count)),
            ("waived", .int(report.findings.filter { $0.waiver != nil }.count)),
            ("in_baseline", .int(report.findings.filter(\.inBaseline).count)),
            ("findings_by_severity", .object(bySeverity)),
            ("by_principle", .object(report.outcomesByPrinciple.keys.sorted().map { ($0.id, counts(report.outcomesByPrinciple[$0] ?? [:])) })),
        ])
    }

    static func finding(_ f: Finding) -> JSONText {
        .object([
            ("rule", .string(f.rule)),
            ("principle", .string(f.principle.id)),
            ("severity", .string(f.severity.rawValue)),
            ("outcome", .string(f.outcome.rawValue)),
            ("message", .string(f.message)),
            ("location", f.location.map { .object([("file", .string($0.file)), ("line", .int($0.line)), ("column", .int($0.column))]) } ?? .null),
            ("path", .optional(f.path)),
            ("subject", .string(f.subject)),
            ("measured", .optional(f.measured)),
            ("expected", .optional(f.expected)),
            ("missing", .array(f.missing.map(JSONText.string))),
            ("fix", .optional(f.fix)),
            ("fingerprint", .string(f.fingerprint)),
            ("waiver", f.waiver.map(waiver) ?? .null),
            ("in_baseline", .bool(f.inBaseline)),
        ])
    }

    static func waiver(_ w: Waiver) -> JSONText {
        .object([
            ("rule", .string(w.rule)),
            ("subject", .string(w.subject)),
            ("justification", .string(w.justification)),
            ("approved_by", .string(w.approvedBy)),
            ("expires", .string(w.expires.iso)),
            ("location", .object([("file", .string(w.location.file)), ("line", .int(w.location.line)), ("column", .int(w.location.column))])),
        ])
    }
}

/// Facts about a run that reports print beside the findings.
public struct RunInfo: Sendable {
    public static let toolVersion = "0.1.0"
    public var plan: String?
    public var asOf: CivilDate?
    public var packs: [String]
    public var lang: String?
    /// Whether a baseline was given (SARIF then says which results are new).
    public var usedBaseline = false

    public init(plan: String? = nil, asOf: CivilDate? = nil, packs: [String] = [], lang: String? = nil) {
        self.plan = plan
        self.asOf = asOf
        self.packs = packs
        self.lang = lang
    }
}
