/// The findings of the same service judged twice — by two versions of the rules or overrides,
/// or of the plan and its rosters — matched by fingerprint (rule, subject, key, outcome; see
/// `Baseline`): what the second judgement adds, removes and changes.
public struct FindingDiff: Sendable {
    /// A finding present on both sides whose severity, message or figures differ.
    public struct Change: Sendable {
        public var before: Finding
        public var after: Finding
        /// The fields that differ (`severity`, `message`, `measured`, `expected`, `status`,
        /// `version`: the rule's dated version that judged it, `settings`: the parameter values set
        /// above the standard pack), in that order.
        public var fields: [String]
    }

    /// A subject (unit, contributor, assignment…) whose worst finding differs between the sides.
    public struct VerdictChange: Sendable, Hashable {
        public var subject: String
        /// `pass` (no finding), `info`, `warning` or `error`.
        public var before: String
        public var after: String
    }

    public var beforeLabel: String
    public var afterLabel: String
    public var added: [Finding] = []
    public var removed: [Finding] = []
    public var changed: [Change] = []
    public var unchanged = 0
    public var verdicts: [VerdictChange] = []

    /// Compares two reports.
    /// - Parameter owners: besides its subject, whom a finding speaks of (an assignment's
    ///   contributor and unit), so that their verdicts change with it.
    public static func compare(_ before: Report, _ after: Report, beforeLabel: String, afterLabel: String,
                               owners: (Finding) -> [String] = { _ in [] }) -> FindingDiff {
        var diff = FindingDiff(beforeLabel: beforeLabel, afterLabel: afterLabel)
        // Several findings may share a fingerprint (a rule without a key reporting twice on one
        // subject): they are paired in order, and what is left over is added or removed.
        var waiting: [String: [Finding]] = [:]
        for f in before.findings { waiting[f.fingerprint, default: []].append(f) }
        for f in after.findings {
            guard var queue = waiting[f.fingerprint], !queue.isEmpty else { diff.added.append(f); continue }
            let old = queue.removeFirst()
            waiting[f.fingerprint] = queue
            let fields = differences(old, f)
            if fields.isEmpty { diff.unchanged += 1 } else { diff.changed.append(Change(before: old, after: f, fields: fields)) }
        }
        for f in before.findings {
            if var queue = waiting[f.fingerprint], !queue.isEmpty {
                queue.removeFirst()
                waiting[f.fingerprint] = queue
                diff.removed.append(f)
            }
        }
        let order: (Finding, Finding) -> Bool = { a, b in
            (a.rule, a.subject, a.location?.description ?? "") < (b.rule, b.subject, b.location?.description ?? "")
        }
        diff.added.sort(by: order)
        diff.removed.sort(by: order)
        diff.changed.sort { order($0.after, $1.after) }
        let was = worst(before, owners), now = worst(after, owners)
        for subject in Set(was.keys).union(now.keys).sorted() {
            let a = was[subject]?.rawValue ?? "pass", b = now[subject]?.rawValue ?? "pass"
            if a != b { diff.verdicts.append(VerdictChange(subject: subject, before: a, after: b)) }
        }
        return diff
    }

    /// The fields a reader sees that differ between two findings with one fingerprint.
    static func differences(_ a: Finding, _ b: Finding) -> [String] {
        var out: [String] = []
        if a.severity != b.severity { out.append("severity") }
        if a.message != b.message { out.append("message") }
        if a.measured != b.measured { out.append("measured") }
        if a.expected != b.expected { out.append("expected") }
        if a.isActive != b.isActive { out.append("status") }
        if a.version != b.version { out.append("version") }
        if settingsText(a) != settingsText(b) { out.append("settings") }
        return out
    }

    /// The parameter values set above the standard pack, and by whom, without their file
    /// positions (which move with edits, and differ between two git revisions' copies).
    static func settingsText(_ f: Finding) -> String {
        f.settings.map { s in
            "\(s.name) = \(s.value.displayText) (\(s.layer.rawValue)" + (s.approvedBy.map { ", \($0)" } ?? "")
                + (s.basis.map { ", \($0)" } ?? "") + (s.derogation.map { ", derogation '\($0)'" } ?? "") + ")"
        }.joined(separator: "; ")
    }

    /// Each subject's worst active finding.
    static func worst(_ report: Report, _ owners: (Finding) -> [String]) -> [String: Severity] {
        var out: [String: Severity] = [:]
        for f in report.findings where f.isActive {
            for subject in [f.subject] + owners(f) {
                if let s = out[subject], s >= f.severity { continue }
                out[subject] = f.severity
            }
        }
        return out
    }

    public var counts: (added: Int, removed: Int, changed: Int, unchanged: Int) {
        (added.count, removed.count, changed.count, unchanged)
    }

    /// The active findings of the second side that are new at `severity` or above: added, or
    /// changed to a higher severity, or no longer waived or in the baseline.
    public func newFindings(atLeast severity: Severity) -> [Finding] {
        added.filter { $0.isActive && $0.severity >= severity }
            + changed.filter { $0.after.isActive && $0.after.severity >= severity
                && (!$0.before.isActive || $0.before.severity < $0.after.severity) }.map(\.after)
    }

    /// Whether a CI job gated on `gate` should fail.
    public func fails(_ gate: DiffGate) -> Bool {
        switch gate {
        case .newError: !newFindings(atLeast: .error).isEmpty
        case .newWarning: !newFindings(atLeast: .warning).isEmpty
        case .anyChange: !added.isEmpty || !removed.isEmpty || !changed.isEmpty
        case .never: false
        }
    }
}

/// What makes `spp-check diff` exit with status 1.
public enum DiffGate: String, Sendable, CaseIterable {
    /// A new active error finding (added, or raised to error).
    case newError = "new-error"
    /// A new active finding at warning or error.
    case newWarning = "new-warning"
    /// Any finding added, removed or changed.
    case anyChange = "any-change"
    case never
}
