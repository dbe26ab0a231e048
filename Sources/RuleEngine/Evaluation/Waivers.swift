import Foundation

/// A granted derogation: a rule may fail for some subjects until a date, for a stated reason,
/// approved by someone. Every key is required: a waiver without a justification, an approver or
/// an expiry is an error, so that derogations stay accountable and temporary.
///
/// ```yaml
/// waivers:
///   - rule: spv.vsav-crew
///     subject: "unit:cis-vizille"        # or a pattern: "unit:cis-*"
///     justification: "second VSAV crew recruited, in training until June"
///     approved_by: "SDIS 38 board, deliberation 2026-14"
///     expires: 2026-06-30
/// ```
public struct Waiver: Sendable, Hashable {
    public var rule: String
    /// A subject, or a pattern where `*` stands for any text.
    public var subject: String
    public var justification: String
    public var approvedBy: String
    /// The last day the waiver applies (inclusive).
    public var expires: CivilDate
    public var location: Location

    /// Whether the waiver covers a finding of `rule` on `subject`.
    public func matches(rule: String, subject: String) -> Bool {
        self.rule == rule && Waiver.glob(self.subject, subject)
    }

    /// `*` matches any run of characters; everything else matches itself. Linear time.
    static func glob(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.unicodeScalars), t = Array(text.unicodeScalars)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && p[pi] != "*" && p[pi] == t[ti] {
                pi += 1; ti += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

/// The waivers file, and how it changes a report.
public enum Waivers {
    /// Reads a waivers file; every error of the file is reported at once.
    /// - Throws: `DiagnosticList`.
    public static func load(file: String) throws -> [Waiver] {
        let stream = try YAMLLoader.load(file: file)
        return try load(stream)
    }

    public static func load(bytes: [UInt8], file: String) throws -> [Waiver] {
        try load(try YAMLLoader.load(bytes: bytes, file: file))
    }

    static func load(_ stream: YAMLStream) throws -> [Waiver] {
        guard stream.documents.count == 1, let root = stream.documents.first else {
            throw DiagnosticList([.error(at: .start(of: stream.file), "a waivers file holds one YAML document with 'waivers:'")])
        }
        var top = MappingReader(root, what: "the waivers file")
        var waivers: [Waiver] = []
        if let list = top.required("waivers") {
            if let items = list.items {
                for item in items {
                    var r = MappingReader(item, what: "a waiver")
                    let rule = r.string("rule", required: true)
                    let subject = r.string("subject", required: true)
                    let justification = r.string("justification", required: true)
                    let approvedBy = r.string("approved_by", required: true)
                    var expires: CivilDate?
                    if let node = r.required("expires") {
                        expires = node.string.flatMap(CivilDate.init(iso:))
                        if expires == nil {
                            r.report(.error(at: node.location, "'expires' must be a date written YYYY-MM-DD, found '\(node.keyText ?? node.kindName)'"))
                        }
                    }
                    for (key, value) in [("justification", justification), ("approved_by", approvedBy)] {
                        if let value, value.trimmingCharacters(in: .whitespaces).isEmpty, let node = item[key] {
                            r.report(.error(at: node.location, "'\(key)' of a waiver must not be empty: say why and who approved it"))
                        }
                    }
                    let errors = r.finish()
                    top.report(contentsOf: errors)
                    if errors.isEmpty, let rule, let subject, let justification, let approvedBy, let expires {
                        waivers.append(Waiver(rule: rule, subject: subject, justification: justification,
                                              approvedBy: approvedBy, expires: expires, location: item.location))
                    }
                }
            } else {
                top.report(.error(at: list.location, "'waivers' must be a list, found a \(list.kindName)"))
            }
        }
        let errors = top.finish()
        if !errors.isEmpty { throw DiagnosticList(errors) }
        return waivers
    }

    /// Applies waivers to a report judged at `today`: matching findings become waived (still
    /// reported, but no longer counting towards the exit status); an expired waiver applies to
    /// nothing and is reported; a waiver that matches no finding is reported as unused.
    public static func apply(_ waivers: [Waiver], to report: inout Report, today: CivilDate, rules: RuleSet) {
        var used = Set<Int>()
        for i in report.findings.indices {
            let f = report.findings[i]
            if let w = waivers.firstIndex(where: { today <= $0.expires && $0.matches(rule: f.rule, subject: f.subject) }) {
                report.findings[i].waiver = waivers[w]
                used.insert(w)
            }
        }
        for (i, w) in waivers.enumerated() {
            if w.expires < today {
                report.findings.append(notice(w, "expired", "waiver for rule '\(w.rule)' on '\(w.subject)' expired on \(w.expires.iso); it no longer applies",
                                              fix: "renew the waiver with a new decision, or fix the findings it covered"))
            } else if !used.contains(i) {
                let known = rules.rule(w.rule) != nil
                report.findings.append(notice(w, "unused", known
                    ? "waiver for rule '\(w.rule)' on '\(w.subject)' matches no finding"
                    : "waiver names rule '\(w.rule)', which is not loaded\(Suggestion.hint(for: w.rule, in: rules.rules.map(\.id)))",
                    fix: "remove the waiver, or correct its rule or subject"))
            }
        }
        report.sortFindings()
    }

    /// A finding about the waivers file itself.
    static func notice(_ w: Waiver, _ kind: String, _ message: String, fix: String) -> Finding {
        Finding(rule: "waiver.\(kind)", principle: Principle("waivers"), severity: .warning, outcome: .fail,
                message: message, location: w.location, path: nil, subject: "waiver:\(w.rule):\(w.subject)",
                measured: kind == "expired" ? w.expires.iso : nil, expected: nil, missing: [], fix: fix,
                fingerprint: Fingerprint.of("waiver", kind, w.rule, w.subject))
    }
}
