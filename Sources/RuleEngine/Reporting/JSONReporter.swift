/// The `--format json` report: a versioned object documented in docs/json-format.md.
public enum JSONReporter {
    /// Bumped on any change that could break a reader of the format.
    public static let formatVersion = 1

    public static func render(_ report: Report, run: RunInfo) -> String {
        var out = ""
        write(report, run: run) { out += $0 }
        return out
    }

    /// The report passed to `emit` in pieces, in order: the same text as `render`, without
    /// holding it whole (a national run has 470,000 findings and a report of 400 MB).
    public static func write(_ report: Report, run: RunInfo, to emit: (String) throws -> Void) rethrows {
        // The findings are rendered apart, in parallel. Their array is the document's last
        // member, so the document is rendered with an empty one and the findings' text put in
        // its place.
        let head = JSONText.object([
            ("tool", .object([("name", .string("spp-check")), ("version", .string(RunInfo.toolVersion))])),
            ("format_version", .int(formatVersion)),
            ("run", .object([
                ("plan", .optional(run.plan)),
                ("as_of", .optional(run.asOf?.iso)),
                ("rule_packs", .array(run.packs.map(JSONText.string))),
                ("rules_evaluated", .int(report.evaluated.count)),
                ("rules_skipped", .array(report.skipped.map(JSONText.string))),
            ] + (run.dataIgnored.isEmpty ? [] : [("data_ignored", .array(run.dataIgnored.map { d in
                .object([("file", .string(d.file)), ("name", .string(d.name)), ("contributors", .int(d.count))])
            }))]) + (run.params.isEmpty ? [] : [("params", paramsUsed(run.params))]))),
            ("summary", summary(report)),
            ("findings", .array([])),
        ]).rendered()
        guard !report.findings.isEmpty, head.hasSuffix("[]\n}") else { return try emit(head + "\n") }
        try ParallelText.stream(count: report.findings.count, prefix: head.dropLast(4) + "[", suffix: "\n  ]\n}\n", { i, out in
            // As the array writer of `JSONText` puts an item at depth 2.
            out += i == 0 ? "\n    " : ",\n    "
            write(report.findings[i], into: &out)
        }, emit: emit)
    }

    /// `run.params`: for each rule, `[{name, value, layer[, version]}]`, rules by id.
    static func paramsUsed(_ params: [String: [ParamUsed]]) -> JSONText {
        .object(params.keys.sorted().map { rule in
            (rule, .array(params[rule]!.map { u in
                .object([("name", .string(u.name)), ("value", .string(u.value)), ("layer", .string(u.layer.rawValue))]
                        + (u.version.map { [("version", JSONText.string($0))] } ?? [])
                        + (u.unit.map { [("unit", JSONText.string($0))] } ?? []))
            }))
        })
    }

    static func summary(_ report: Report) -> JSONText {
        func counts(_ c: [Outcome: Int]) -> JSONText {
            .object(Outcome.allCases.map { ($0.rawValue, .int(c[$0] ?? 0)) })
        }
        // Counted in one pass: filtering copies every finding.
        var severities: [Severity: Int] = [:]
        var waived = 0, inBaseline = 0
        for i in report.findings.indices {
            severities[report.findings[i].severity, default: 0] += 1
            if report.findings[i].waiver != nil { waived += 1 }
            if report.findings[i].inBaseline { inBaseline += 1 }
        }
        let bySeverity = Severity.allCases.map { ($0.rawValue, JSONText.int(severities[$0] ?? 0)) }
        return .object([
            ("results", counts(report.outcomes)),
            ("findings", .int(report.findings.count)),
            ("waived", .int(waived)),
            ("in_baseline", .int(inBaseline)),
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
        ] + governance(f))
    }

    /// `version` and `params` (the values set above the standard pack, with their layer and
    /// basis), written only when the finding has them.
    static func governance(_ f: Finding) -> [(String, JSONText)] {
        var out: [(String, JSONText)] = []
        if let v = f.version { out.append(("version", .string(v))) }
        if let e = f.exception {
            out.append(("exception", .object([("id", .string(e.id)), ("law", .string(e.lawBasis)), ("approved_by", .optional(e.approvedBy)),
                                              ("basis", .optional(e.basis)), ("location", .string(e.location.description))])))
        }
        if !f.settings.isEmpty {
            out.append(("params", .array(f.settings.map { s in
                .object([("name", .string(s.name)), ("value", .string(s.value.displayText)), ("layer", .string(s.layer.rawValue)),
                         ("location", .string(s.location.description)), ("approved_by", .optional(s.approvedBy)),
                         ("basis", .optional(s.basis)), ("date", .optional(s.date?.iso)),
                         ("valid_until", .optional(s.validUntil?.iso)), ("derogation", .optional(s.derogation))]
                        + (s.unit.map { [("unit", JSONText.string($0))] } ?? []))
            })))
        }
        return out
    }

    /// `finding(f)` written at depth 2 without building its `JSONText` first: the same text
    /// (a test compares them), for the hundreds of thousands of findings of a national run.
    static func write(_ f: Finding, into out: inout String) {
        let pad = "\n      "
        func key(_ k: String, first: Bool = false) {
            out += first ? "{" + pad + "\"" : "," + pad + "\""
            out += k
            out += "\": "
        }
        func string(_ k: String, _ v: String) {
            key(k)
            JSONText.quote(v, into: &out)
        }
        func optional(_ k: String, _ v: String?) {
            key(k)
            if let v { JSONText.quote(v, into: &out) } else { out += "null" }
        }
        key("rule", first: true)
        JSONText.quote(f.rule, into: &out)
        string("principle", f.principle.id)
        string("severity", f.severity.rawValue)
        string("outcome", f.outcome.rawValue)
        string("message", f.message)
        key("location")
        if let l = f.location {
            out += "{\n        \"file\": "
            JSONText.quote(l.file, into: &out)
            out += ",\n        \"line\": "
            out += String(l.line)
            out += ",\n        \"column\": "
            out += String(l.column)
            out += "\n      }"
        } else {
            out += "null"
        }
        optional("path", f.path)
        string("subject", f.subject)
        optional("measured", f.measured)
        optional("expected", f.expected)
        key("missing")
        if f.missing.isEmpty {
            out += "[]"
        } else {
            out += "["
            for (i, m) in f.missing.enumerated() {
                out += i == 0 ? "\n        " : ",\n        "
                JSONText.quote(m, into: &out)
            }
            out += "\n      ]"
        }
        optional("fix", f.fix)
        string("fingerprint", f.fingerprint)
        key("waiver")
        if let w = f.waiver { waiver(w).write(to: &out, indent: 3) } else { out += "null" }
        key("in_baseline")
        out += f.inBaseline ? "true" : "false"
        for (k, v) in governance(f) {
            key(k)
            v.write(to: &out, indent: 3)
        }
        out += "\n    }"
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
    /// Contributors' columns and keys no loaded rule reads, dropped at load (`Minimisation`).
    public var dataIgnored: [Minimisation.Dropped] = []
    /// The parameter values each evaluated rule ran with and the layer of each, by rule id
    /// (`ParamProvenance`); empty outside `check`.
    public var params: [String: [ParamUsed]] = [:]

    public init(plan: String? = nil, asOf: CivilDate? = nil, packs: [String] = [], lang: String? = nil) {
        self.plan = plan
        self.asOf = asOf
        self.packs = packs
        self.lang = lang
    }
}
