import Dispatch
import Foundation

/// Evaluates rules over a service's data and gathers the results into a report.
public enum Engine {
    /// Runs every rule in force at `context.asOf` and returns the report.
    ///
    /// - Parameters:
    ///   - rules: checked rules (from `RuleLoader`).
    ///   - context: the data; its `params` are ignored, each rule gets its own.
    ///   - overrides: parameter values the plan sets, by rule id then parameter name.
    ///   - keepResults: also keep every result, passes included, in `report.results` (for
    ///     reports that list passing rule × subject pairs, such as JUnit); off by default, as it
    ///     costs one small record per result.
    ///   - progress: told how many rules are done, from the evaluating threads.
    public static func run(_ rules: [Rule], on context: EvaluationContext,
                           overrides: [String: [String: Value]] = [:], keepResults: Bool = false,
                           parallel: Bool = true, progress: ProgressHandler? = nil) -> Report {
        var report = Report()
        let inForce = rules.filter { $0.applies(at: context.asOf) }
        report.skipped = rules.filter { !$0.applies(at: context.asOf) }.map(\.id)
        // Rules are independent: evaluate them on every core, each into its own slot, then
        // gather in rule order, so the report is the same as a single-threaded run's.
        let slots = ResultSlots(count: inForce.count)
        progress?(.evaluating(done: 0, total: inForce.count))
        let evaluate: @Sendable (Int) -> Void = { i in
            let rule = inForce[i]
            var ruleContext = context
            ruleContext.params = Dictionary(uniqueKeysWithValues: rule.params.map { ($0.name, $0.defaultValue) })
            for (name, value) in overrides[rule.id] ?? [:] { ruleContext.params[name] = value }
            let done = slots.set(i, rule.check.evaluate(ruleContext))
            progress?(.evaluating(done: done, total: inForce.count))
        }
        if parallel && inForce.count > 1 {
            DispatchQueue.concurrentPerform(iterations: inForce.count, execute: evaluate)
        } else {
            for i in inForce.indices { evaluate(i) }
        }
        for (i, rule) in inForce.enumerated() {
            report.evaluated.append(rule.id)
            let results = slots.get(i)
            let ruleIndex = Int32(truncatingIfNeeded: report.evaluated.count - 1)
            if keepResults { report.results.reserveCapacity(report.results.count + results.count) }
            for result in results {
                report.count(result.outcome, principle: rule.principle)
                if keepResults {
                    report.results.append(ResultRecord(rule: ruleIndex, outcome: result.outcome, subject: result.subject))
                }
                if result.outcome != .pass {
                    report.findings.append(finding(rule, result))
                }
            }
        }
        report.sortFindings()
        return report
    }

    /// One slot of results per rule, written once each from concurrent evaluations.
    private final class ResultSlots: @unchecked Sendable {
        private var slots: [[RuleResult]]
        private var done = 0
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: [], count: count) }
        /// Stores a rule's results; returns how many rules are done.
        func set(_ i: Int, _ results: [RuleResult]) -> Int {
            lock.withLock {
                slots[i] = results
                done += 1
                return done
            }
        }
        func get(_ i: Int) -> [RuleResult] { lock.withLock { slots[i] } }
    }

    static func finding(_ rule: Rule, _ result: RuleResult) -> Finding {
        Finding(rule: rule.id, principle: rule.principle, severity: rule.severity, outcome: result.outcome,
                message: result.message, location: result.location, path: result.path,
                subject: result.subject, measured: result.measured, expected: result.expected,
                missing: result.missing, fix: result.fix,
                // Not the path: its list indexes shift when a row is inserted above.
                fingerprint: Fingerprint.of([rule.id, result.subject, result.key ?? "", result.outcome.rawValue]))
    }
}

/// The outcome of one check run: the findings and how many rule × subject results ended
/// as pass, fail or indeterminate.
public struct Report: Sendable {
    public var findings: [Finding] = []
    /// Rule ids evaluated, in evaluation order.
    public var evaluated: [String] = []
    /// Rule ids not in force at the checking date.
    public var skipped: [String] = []
    public var outcomes: [Outcome: Int] = [:]
    public var outcomesByPrinciple: [Principle: [Outcome: Int]] = [:]
    /// Every rule × subject result, passes included, in evaluation order; empty unless the
    /// engine was asked to keep them (`keepResults`).
    public var results: [ResultRecord] = []

    public init() {}

    mutating func count(_ outcome: Outcome, principle: Principle) {
        outcomes[outcome, default: 0] += 1
        outcomesByPrinciple[principle, default: [:]][outcome, default: 0] += 1
    }

    /// Active findings (neither waived nor in the baseline) at or above `severity`.
    public func findings(atLeast severity: Severity) -> [Finding] {
        findings.filter { $0.isActive && $0.severity >= severity }
    }

    /// Sorts findings by `order`, keeping the order the rules gave for findings that tie
    /// (two findings of one rule on one subject at one place read in the rule's order).
    mutating func sortFindings() {
        findings = findings.enumerated().sorted { x, y in
            if Report.order(x.element, y.element) { return true }
            if Report.order(y.element, x.element) { return false }
            return x.offset < y.offset
        }.map(\.element)
    }

    /// Principle, then severity (most serious first), then place, then rule and subject.
    static func order(_ a: Finding, _ b: Finding) -> Bool {
        if a.principle != b.principle { return a.principle < b.principle }
        if a.severity != b.severity { return a.severity > b.severity }
        let la = a.location.map { ($0.file, $0.line, $0.column) } ?? ("", 0, 0)
        let lb = b.location.map { ($0.file, $0.line, $0.column) } ?? ("", 0, 0)
        if la != lb { return la < lb }
        if a.rule != b.rule { return a.rule < b.rule }
        return a.subject < b.subject
    }
}

/// One rule × subject result, kept compact (the rule as an index into `Report.evaluated`) so
/// that a run with a million results stays small.
public struct ResultRecord: Sendable, Hashable {
    /// Index of the rule in `Report.evaluated`.
    public var rule: Int32
    public var outcome: Outcome
    public var subject: String

    public init(rule: Int32, outcome: Outcome, subject: String) {
        self.rule = rule
        self.outcome = outcome
        self.subject = subject
    }
}
