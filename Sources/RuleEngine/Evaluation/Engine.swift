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
    ///   - splitVersions: judge a rule with dated versions part by part over the period, each
    ///     part by the version in force then; off (`check --as-of`): the version in force at
    ///     `context.asOf` judges the whole period.
    ///   - progress: told how many rules are done, from the evaluating threads.
    ///   - unitOverrides: the unit layer's values (`ParamLayers.resolve`): a rule with some is
    ///     judged in parts by unit (`UnitParts`).
    public static func run(_ rules: [Rule], on context: EvaluationContext,
                           overrides: [String: [String: Value]] = [:], keepResults: Bool = false,
                           parallel: Bool = true, splitVersions: Bool = true,
                           progress: ProgressHandler? = nil, unitOverrides: UnitParamSettings = [:]) -> Report {
        var report = Report()
        // A rule with dated versions is judged part by part, each part by the version in force;
        // a rule whose units carry values of their own, part by part by unit.
        let (versionJobs, skipped) = VersionParts.jobs(rules, on: context, split: splitVersions)
        let jobs = UnitParts.split(versionJobs, units: unitOverrides)
        report.skipped = skipped
        let inForce = jobs.map(\.rule)
        // Rules are independent, and a large rule splits into parts: evaluate every (rule,
        // part) on every core, each into its own slot, then gather in rule and part order, so
        // the report is the same as a single-threaded run's.
        let tables = DerivedTables()
        let contexts: [EvaluationContext] = jobs.map { job in
            var ruleContext = job.context
            if !job.restricted { ruleContext.tables = tables }
            ruleContext.params = Dictionary(uniqueKeysWithValues: job.rule.params.map { ($0.name, $0.defaultValue) })
            for (name, value) in overrides[job.rule.id] ?? [:] { ruleContext.params[name] = value }
            for (name, value) in job.params { ruleContext.params[name] = value }
            return ruleContext
        }
        // A rule that walks many records splits into up to two parts per core; its parts run
        // after the heavy kinds (below), filling the cores that finish first.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let maxParts = parallel ? max(1, 2 * cores) : 1
        let partCounts = inForce.indices.map { min(maxParts, RecordParts.count(inForce[$0].check.workload(contexts[$0]))) }
        // The heaviest kinds first (a stable order otherwise): a long rule started last would
        // leave the other cores idle at the end. Results are gathered by rule, whatever the order.
        let byCost = inForce.indices.sorted { a, b in
            let ca = type(of: inForce[a].check).relativeCost, cb = type(of: inForce[b].check).relativeCost
            return ca != cb ? ca > cb : a < b
        }
        let items = byCost.flatMap { r in (0..<partCounts[r]).map { (rule: r, part: $0) } }
        // A rule judged in several parts (versions) is listed once: `listed[r]` is the index in
        // `report.evaluated` of job r's rule.
        var listed: [Int] = []
        var ruleIDs: [String] = []
        for job in jobs {
            if ruleIDs.last != job.rule.id { ruleIDs.append(job.rule.id) }
            listed.append(ruleIDs.count - 1)
        }
        let listedIndex = listed
        let slots = ResultSlots(items: items, rules: inForce.count)
        let evaluationStart = Timing.now()
        progress?(.evaluating(done: 0, total: inForce.count))
        let evaluate: @Sendable (Int) -> Void = { i in
            let (r, part) = items[i]
            let rule = inForce[r]
            let started = Timing.now()
            var sink = ResultSink(keepPasses: keepResults)
            rule.check.evaluate(contexts[r], part: RulePart(part, of: partCounts[r]), into: &sink)
            Timing.note("\(rule.id)\(partCounts[r] > 1 ? " (part \(part + 1) of \(partCounts[r]))" : "")",
                        since: started, detail: "\(sink.passes + sink.results.count) results")
            // Findings are made here, on the evaluating thread: a national run has 470,000.
            var out = ItemOutput()
            out.counts[0] = sink.passes
            // Results are moved out one by one (last first), not copied: each holds a dozen strings.
            var results = sink.takeResults()
            out.findings.reserveCapacity(results.count)
            if keepResults { out.results.reserveCapacity(results.count) }
            while let result = results.popLast() {
                switch result.outcome {
                case .pass: out.counts[0] += 1
                case .fail: out.counts[1] += 1
                case .indeterminate: out.counts[2] += 1
                }
                if keepResults {
                    out.results.append(ResultRecord(rule: Int32(truncatingIfNeeded: listedIndex[r]), outcome: result.outcome, subject: result.subject))
                }
                if result.outcome != .pass { out.findings.append(finding(rule, result, job: jobs[r])) }
            }
            out.findings.reverse()
            out.results.reverse()
            if let done = slots.set(i, out) {
                progress?(.evaluating(done: done, total: inForce.count))
            }
        }
        if parallel && items.count > 1 {
            DispatchQueue.concurrentPerform(iterations: items.count, execute: evaluate)
        } else {
            for i in items.indices { evaluate(i) }
        }
        Timing.note("phase evaluate (\(inForce.count) rules)", since: evaluationStart)
        let gatherStart = Timing.now()
        defer { Timing.note("phase gather and sort \(report.findings.count) findings", since: gatherStart) }
        report.findings.reserveCapacity(slots.findingCount)
        report.evaluated = ruleIDs
        for (i, rule) in inForce.enumerated() {
            // `ResultRecord.rule` indexes `report.evaluated`: rules are evaluated and listed in this order.
            slots.take(rule: i) { out in
                report.findings.append(contentsOf: out.findings)
                if keepResults { report.results.append(contentsOf: out.results) }
                for (outcome, n) in zip([Outcome.pass, .fail, .indeterminate], out.counts) where n > 0 {
                    report.count(outcome, principle: rule.principle, n)
                }
            }
        }
        report.sortFindings()
        return report
    }

    /// What one (rule, part) gave: its outcome counts (pass, fail, indeterminate), findings
    /// and, when kept, every result.
    private struct ItemOutput {
        var counts = [0, 0, 0]
        var findings: [Finding] = []
        var results: [ResultRecord] = []
    }

    /// One slot per (rule, part), written once each from concurrent evaluations.
    private final class ResultSlots: @unchecked Sendable {
        private var slots: [ItemOutput]
        private let items: [(rule: Int, part: Int)]
        /// Parts still running, per rule.
        private var pending: [Int]
        private var done = 0
        private let lock = NSLock()
        init(items: [(rule: Int, part: Int)], rules: Int) {
            self.items = items
            slots = Array(repeating: ItemOutput(), count: items.count)
            pending = Array(repeating: 0, count: rules)
            for item in items { pending[item.rule] += 1 }
        }
        /// Stores the output of item `i`; returns how many rules are done when this item
        /// finished its rule, nil otherwise.
        func set(_ i: Int, _ output: ItemOutput) -> Int? {
            lock.withLock {
                slots[i] = output
                pending[items[i].rule] -= 1
                guard pending[items[i].rule] == 0 else { return nil }
                done += 1
                return done
            }
        }
        var findingCount: Int { lock.withLock { slots.reduce(0) { $0 + $1.findings.count } } }
        /// Hands a rule's outputs, part by part in order, to `body`, and forgets them.
        func take(rule: Int, _ body: (ItemOutput) -> Void) {
            lock.withLock {
                for (i, item) in items.enumerated() where item.rule == rule {
                    body(slots[i])
                    slots[i] = ItemOutput()
                }
            }
        }
    }

    static func finding(_ rule: Rule, _ result: consuming RuleResult, job: RuleJob? = nil) -> Finding {
        var result = result
        if !result.missing.isEmpty { MissingData.render(&result) }
        // Not the path: its list indexes shift when a row is inserted above. The version only
        // when the run judged the rule in several parts, each of which may find the same subject.
        let key = job?.split == true ? "\(result.key ?? "")@\(job?.version ?? "")" : result.key ?? ""
        var f = Finding(rule: rule.id, principle: rule.principle, severity: rule.severity, outcome: result.outcome,
                message: result.message, location: result.location, path: result.path,
                subject: result.subject, measured: result.measured, expected: result.expected,
                missing: result.missing, fix: result.fix,
                fingerprint: Fingerprint.of(rule.id, result.subject, key, result.outcome.rawValue))
        f.version = job?.version
        if let job, let positions = job.unitPositions { f.path = UnitParts.originalPath(f.path, positions) }
        if let job, !job.settings.isEmpty { f.settings = job.settings }
        return f
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

    mutating func count(_ outcome: Outcome, principle: Principle, _ n: Int = 1) {
        outcomes[outcome, default: 0] += n
        outcomesByPrinciple[principle, default: [:]][outcome, default: 0] += n
    }

    /// Active findings (neither waived nor in the baseline) at or above `severity`.
    public func findings(atLeast severity: Severity) -> [Finding] {
        findings.filter { $0.isActive && $0.severity >= severity }
    }

    /// Sorts findings for reports, keeping the order the rules gave for findings that tie
    /// (two findings of one rule on one subject at one place read in the rule's order).
    mutating func sortFindings() {
        // Sort indexes on small keys, not the findings themselves: moving or even reading a
        // finding into a comparison copies a dozen fields, and a national run has 470,000.
        // Principle, then severity (most serious first), then place (files by name), then rule
        // and subject, then the order the rules gave.
        struct Key {
            var principle: Principle
            var severity: Severity
            var file: Int
            var line: Int
            var column: Int
        }
        let all = findings
        let files = Set(all.lazy.compactMap { $0.location?.file }).subtracting([""]).sorted()
        let rank = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($1, $0 + 1) })
        let keys = all.map { f in
            Key(principle: f.principle, severity: f.severity, file: f.location.map { rank[$0.file] ?? 0 } ?? 0,
                line: f.location?.line ?? 0, column: f.location?.column ?? 0)
        }
        let order = all.withUnsafeBufferPointer { buffer in
            keys.withUnsafeBufferPointer { k in
                all.indices.sorted { i, j in
                    let a = k[i], b = k[j]
                    if a.principle != b.principle { return a.principle < b.principle }
                    if a.severity != b.severity { return a.severity > b.severity }
                    if a.file != b.file { return a.file < b.file }
                    if a.line != b.line { return a.line < b.line }
                    if a.column != b.column { return a.column < b.column }
                    if buffer[i].rule != buffer[j].rule { return buffer[i].rule < buffer[j].rule }
                    if buffer[i].subject != buffer[j].subject { return buffer[i].subject < buffer[j].subject }
                    return i < j
                }
            }
        }
        findings = order.map { all[$0] }
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
