/// Where a rule kind puts its results while it runs. Passes are the bulk of a large run (a
/// million assignments that meet the rule) and say nothing but their number, so by default a
/// pass is only counted; a failure or an indeterminate result is always kept whole.
///
/// ```swift
/// var sink = ResultSink(keepPasses: false)
/// sink.pass("assignment:A-1")            // counted, its subject never built
/// sink.add(RuleResult(.fail, subject: "assignment:A-2", message: "…"))
/// // sink.passes == 1, sink.results.count == 1
/// ```
public struct ResultSink: Sendable {
    /// Whether passes are kept in `results` (in order with the others) rather than counted.
    public let keepPasses: Bool
    /// The results kept, in the order the kind gave them.
    public private(set) var results: [RuleResult] = []
    /// Passes counted and not kept (always 0 when `keepPasses`).
    public private(set) var passes = 0

    public init(keepPasses: Bool) {
        self.keepPasses = keepPasses
    }

    /// A pass of `subject`; the subject's text is only built when passes are kept.
    public mutating func pass(_ subject: @autoclosure () -> String) {
        if keepPasses { results.append(.pass(subject())) } else { passes += 1 }
    }

    /// A pass of `subject` told apart by `key`; neither text is built when passes are counted.
    public mutating func pass(_ subject: @autoclosure () -> String, key: @autoclosure () -> String?) {
        if keepPasses { results.append(RuleResult(.pass, subject: subject(), key: key())) } else { passes += 1 }
    }

    public mutating func add(_ result: RuleResult) {
        if result.outcome == .pass && !keepPasses { passes += 1 } else { results.append(result) }
    }

    /// Every result when passes are kept; otherwise only the failures and indeterminate ones.
    /// The list is taken over, not copied: a kind's results move into the sink.
    public mutating func add(contentsOf list: consuming [RuleResult]) {
        var list = list
        if !keepPasses {
            let before = list.count
            list.removeAll { $0.outcome == .pass }
            passes += before - list.count
        }
        if results.isEmpty { results = list } else { results.append(contentsOf: list) }
    }

    /// The results kept, moved out of the sink (which is left with none).
    public mutating func takeResults() -> [RuleResult] {
        let taken = results
        results = []
        return taken
    }
}
