/// What a rule checks. Each kind is one self-contained unit: it reads and checks its own keys
/// from the rule's mapping (with located errors) and turns the data into results.
///
/// A new kind plugs in by conforming to this protocol and being listed in `RuleKinds.all`;
/// the loader, the schema and the engine need no change (docs/architecture.md has the checklist).
public protocol RuleKind: Sendable {
    /// The value of `kind:` in rule files.
    static var identifier: String { get }
    /// One sentence for `--help`, `explain` and the docs.
    static var summary: String { get }
    /// The keys this kind reads from the rule's mapping besides the common ones, in the order
    /// the docs list them, each with its type and description: the one declaration from which
    /// the loader's accepted keys (`keys`) and `spp-check schema` are derived.
    static var properties: [SchemaProperty] { get }

    /// Reads the kind's keys from `reader`; records every error in it and returns nil when
    /// there was any, so that a rule with errors is never half-used.
    static func parse(_ reader: inout MappingReader, context: RuleContext) -> Self?

    /// Evaluates part `part` of the rule over the data into `sink`: one result per subject
    /// (pass, fail or indeterminate). This is the one evaluation entry point. The engine cuts a
    /// rule into parts only when `workload` asks for it; the parts' results, put one after the
    /// other in part order, must be exactly those of `.whole`. A kind that does not split
    /// evaluates the whole rule (it is only ever given `.whole`).
    func evaluate(_ context: EvaluationContext, part: RulePart, into sink: inout ResultSink)

    /// How many records one evaluation over `context` walks in the order its parts cut them:
    /// the engine alone turns it into a number of parts (`RecordParts.count`), so that one large
    /// rule can use every core. 0 (the default): the rule is one part.
    func workload(_ context: EvaluationContext) -> Int

    /// How heavy the kind usually is on large data, relative to others (1 by default): the
    /// engine starts the heaviest rules first, so that no long rule starts last on an idle core.
    static var relativeCost: Int { get }

    /// The records this rule judges one by one, decided when the kind reads its keys: the
    /// engine splits a rule by unit (unit `params:`) only when they are units or assignments.
    /// nil: judged across records (disparity, uniform) or with other units' data — never split.
    var subject: RecordCollection? { get }
}

extension RuleKind {
    /// The keys the loader accepts besides the common ones: those of `properties`.
    public static var keys: [String] { properties.map(\.name) }

    public func workload(_ context: EvaluationContext) -> Int { 0 }

    public static var relativeCost: Int { 1 }

    public var subject: RecordCollection? { nil }

    /// Every result of the whole rule, passes included (for tests and tools; the engine
    /// evaluates into sinks that count passes).
    public func evaluate(_ context: EvaluationContext) -> [RuleResult] {
        var sink = ResultSink(keepPasses: true)
        evaluate(context, part: .whole, into: &sink)
        return sink.results
    }
}

/// One of the consecutive parts the engine cuts a rule's walk into (`RuleKind.workload`).
public struct RulePart: Sendable, Hashable {
    /// 0-based.
    public let index: Int
    public let count: Int

    public init(_ index: Int, of count: Int) {
        self.index = index
        self.count = count
    }

    /// The whole rule.
    public static let whole = RulePart(0, of: 1)

    /// This part's records among `n` walked in order: consecutive, the parts covering all.
    public func range(in n: Int) -> Range<Int> { RecordParts.range(index, of: count, in: n) }
}

/// How the engine cuts a rule's walk into parts from its `RuleKind.workload`.
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
