/// What a rule checks. Each kind is one self-contained unit: it reads and checks its own keys
/// from the rule's mapping (with located errors) and turns the data into results.
///
/// A new kind plugs in by conforming to this protocol and being listed in `RuleKinds.all`;
/// the loader and the engine need no change.
public protocol RuleKind: Sendable {
    /// The value of `kind:` in rule files.
    static var identifier: String { get }
    /// One sentence for `--help`, `explain` and the docs.
    static var summary: String { get }
    /// The keys this kind reads from the rule's mapping, besides the common ones.
    static var keys: [String] { get }

    /// Reads the kind's keys from `reader`; records every error in it and returns nil when
    /// there was any, so that a rule with errors is never half-used.
    static func parse(_ reader: inout MappingReader, context: RuleContext) -> Self?

    /// Evaluates the rule over the data: one result per subject (pass, fail or indeterminate).
    func evaluate(_ context: EvaluationContext) -> [RuleResult]

    /// Evaluates the rule into `sink`, which counts passes rather than keeping them unless
    /// asked. The engine calls this one; a kind that has many subjects implements it (and its
    /// `evaluate(_:)` with `results(of:)`), the others get this default over `evaluate(_:)`.
    func evaluate(_ context: EvaluationContext, into sink: inout ResultSink)

    /// How heavy the kind usually is on large data, relative to others (1 by default): the
    /// engine starts the heaviest rules first, so that no long rule starts last on an idle core.
    static var relativeCost: Int { get }

    /// Into how many independent parts the evaluation over `context` can be split, so that
    /// one large rule can use every core: 1 (the default) for a kind that does not split.
    func parts(_ context: EvaluationContext) -> Int

    /// Evaluates part `part` (0-based) of `count` into `sink`. The parts' results, put one
    /// after the other in part order, must be exactly those of `evaluate(_:into:)`.
    func evaluate(_ context: EvaluationContext, part: Int, of count: Int, into sink: inout ResultSink)
}

extension RuleKind {
    public func evaluate(_ context: EvaluationContext, into sink: inout ResultSink) {
        sink.add(contentsOf: evaluate(context))
    }

    public func parts(_ context: EvaluationContext) -> Int { 1 }

    public static var relativeCost: Int { 1 }

    public func evaluate(_ context: EvaluationContext, part: Int, of count: Int, into sink: inout ResultSink) {
        if part == 0 { evaluate(context, into: &sink) }
    }

    /// Every result of the rule, passes included: for a kind whose work is in
    /// `evaluate(_:into:)`.
    func results(of context: EvaluationContext) -> [RuleResult] {
        var sink = ResultSink(keepPasses: true)
        evaluate(context, into: &sink)
        return sink.results
    }
}

/// How kinds that walk many records cut them into parts for `RuleKind.parts(_:)`.
enum RecordParts {
    /// Records per part below which splitting costs more than it gains.
    static let minimumPerPart = 20_000
    /// At most this many parts per rule: enough to balance a few large rules over the cores.
    static let maximumParts = 16

    /// How many parts `n` records make.
    static func count(_ n: Int) -> Int {
        max(1, min(maximumParts, n / minimumPerPart))
    }

    /// The records of part `part` of `count` among `n`: consecutive, in order, covering all.
    static func range(_ part: Int, of count: Int, in n: Int) -> Range<Int> {
        guard count > 1 else { return part == 0 ? 0..<n : 0..<0 }
        return (n * part / count)..<(n * (part + 1) / count)
    }
}

/// What a kind may know while it reads its keys.
public struct RuleContext: Sendable {
    public var ruleID: String
    /// Declared parameters and their default values (their types for expressions).
    public var params: [RuleParam]
    public var serviceKinds: [String]
}

/// The registry of rule kinds, in the order the docs list them.
public enum RuleKinds {
    public static let all: [any RuleKind.Type] = [
        AssertRule.self,
        CoverageRule.self,
        ResilienceRule.self,
        ConcentrationRule.self,
        FallbackRule.self,
        ValidityRule.self,
        LimitRule.self,
        AverageHoursRule.self,
        AgeRule.self,
        DisparityRule.self,
        UniformRule.self,
        ResponseTimeRule.self,
    ]

    public static func named(_ identifier: String) -> (any RuleKind.Type)? {
        all.first { $0.identifier == identifier }
    }
}
