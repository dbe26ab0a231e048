/// What a review needs first: may the service launch (the verdict, tied to `--fail-on` as the
/// exit status is), and which rules to fix first. Shared by the HTML report, the text summary
/// and the Markdown headline, so that they never disagree with the exit status.
public struct ReviewVerdict: Sendable {
    /// Findings that count (not waived, not in the baseline) at or above `failOn`.
    public var blocking: Int
    /// Active findings below `failOn`: to review, not blocking.
    public var toReview: Int
    /// Blocking findings by severity, most serious first.
    public var blockingBySeverity: [(Severity, Int)]
    /// Findings to review by severity, most serious first.
    public var reviewBySeverity: [(Severity, Int)]
    /// Rules with at least one blocking finding.
    public var blockingRules: Int
    /// One row per rule with an active finding, in the order to fix them.
    public var rows: [FixFirstRow]

    /// The exit status's colour: blocked (status 1), findings to review only, or nothing.
    public enum State: String, Sendable { case blocked, review, clear }
    public var state: State { blocking > 0 ? .blocked : (toReview > 0 ? .review : .clear) }

    /// The verdict of `input`'s report under `input.failOn`.
    public init(_ input: ReportInput) {
        var byRule: [String: FixFirstRow] = [:]
        var order: [String] = []
        var blocking: [Severity: Int] = [:], review: [Severity: Int] = [:]
        for f in input.report.findings where f.isActive {
            let blocks = input.blocks(f)
            if blocks { blocking[f.severity, default: 0] += 1 } else { review[f.severity, default: 0] += 1 }
            if byRule[f.rule] == nil {
                order.append(f.rule)
                let rule = input.rule(f.rule)
                byRule[f.rule] = FixFirstRow(rule: f.rule, title: input.title(of: f.rule), principle: f.principle,
                                             severity: f.severity, references: rule?.references ?? [], blocking: false,
                                             count: 0, indeterminate: 0, example: f)
            }
            byRule[f.rule]!.count += 1
            if f.outcome == .indeterminate { byRule[f.rule]!.indeterminate += 1 }
            if blocks { byRule[f.rule]!.blocking = true }
            byRule[f.rule]!.severity = max(byRule[f.rule]!.severity, f.severity)
            // The example: a failure (not a doubt) with a place and a fix when there is one.
            let current = byRule[f.rule]!.example
            if FixFirstRow.exampleRank(f) > FixFirstRow.exampleRank(current) { byRule[f.rule]!.example = f }
        }
        let sevOrder: [Severity] = [.error, .warning, .info]
        self.blockingBySeverity = sevOrder.compactMap { s in blocking[s].map { (s, $0) } }
        self.reviewBySeverity = sevOrder.compactMap { s in review[s].map { (s, $0) } }
        self.blocking = blocking.values.reduce(0, +)
        self.toReview = review.values.reduce(0, +)
        // Blocking rules first, then the most serious, then those with most findings; ties keep
        // the report's order (principle, then place).
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        self.rows = order.compactMap { byRule[$0] }.sorted { a, b in
            if a.blocking != b.blocking { return a.blocking }
            if a.severity != b.severity { return a.severity > b.severity }
            if a.count != b.count { return a.count > b.count }
            return position[a.rule]! < position[b.rule]!
        }
        self.blockingRules = rows.filter(\.blocking).count
    }

    /// `launch blocked: 600 errors in 9 rules` / `nothing blocking; 4 warnings to review`.
    public func headline(_ l: Labels) -> String {
        let fr = l.lang == "fr"
        func counts(_ list: [(Severity, Int)]) -> String {
            let parts = list.map { s, n in s == .info ? "\(n) info" : l.count(n, l.severityName(s)) }
            return parts.count <= 1 ? parts.joined() : parts.dropLast().joined(separator: ", ") + (fr ? " et " : " and ") + parts.last!
        }
        switch state {
        case .blocked:
            let rules = l.count(blockingRules, fr ? "règle" : "rule")
            var text = fr ? "lancement bloqué : \(counts(blockingBySeverity)) dans \(rules)"
                          : "launch blocked: \(counts(blockingBySeverity)) in \(rules)"
            if toReview > 0 { text += fr ? " ; \(counts(reviewBySeverity)) à examiner" : "; \(counts(reviewBySeverity)) to review" }
            return text
        case .review:
            return fr ? "rien de bloquant ; \(counts(reviewBySeverity)) à examiner" : "nothing blocking; \(counts(reviewBySeverity)) to review"
        case .clear:
            return fr ? "rien de bloquant ; aucun constat" : "nothing blocking; no findings"
        }
    }
}

/// One rule of the fix-first list: how many findings, its principle and references, one
/// example with its place and its fix.
public struct FixFirstRow: Sendable {
    public var rule: String
    public var title: String
    public var principle: Principle
    public var severity: Severity
    public var references: [String]
    /// Some finding of the rule is at or above `--fail-on`.
    public var blocking: Bool
    public var count: Int
    public var indeterminate: Int
    public var example: Finding

    /// Failures before doubts, then findings with a fix, then with a place.
    static func exampleRank(_ f: Finding) -> Int {
        (f.outcome == .fail ? 4 : 0) + (f.fix != nil ? 2 : 0) + (f.location != nil ? 1 : 0)
    }
}

extension ReportInput {
    /// Whether `f` counts towards the exit status: active and at or above `failOn`.
    public func blocks(_ f: Finding) -> Bool {
        guard f.isActive, let failOn else { return false }
        return f.severity >= failOn
    }
}

extension ReportInput {
    /// Up to `n` of `findings` to show where a report cannot show them all: blocking findings
    /// first, then by severity (active before waived or known ones), one finding of each rule
    /// before a second of any, so that a noisy rule hides neither the errors nor the other
    /// rules; in that order, ties in the report's order.
    public func forDisplay(_ findings: [Finding], _ n: Int) -> [Finding] {
        let rank = findings.map { f in (blocks(f) ? 8 : 0) + (f.isActive ? f.severity.rank + 1 : 0) }
        let order = findings.indices.sorted { rank[$0] != rank[$1] ? rank[$0] > rank[$1] : $0 < $1 }
        guard findings.count > n else { return order.map { findings[$0] } }
        var chosen = Set<Int>(), seenRules = Set<String>()
        for i in order where chosen.count < n && seenRules.insert(findings[i].rule).inserted { chosen.insert(i) }
        for i in order where chosen.count < n { chosen.insert(i) }
        return order.filter(chosen.contains).map { findings[$0] }
    }
}
