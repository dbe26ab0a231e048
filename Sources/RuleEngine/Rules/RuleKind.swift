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
        AgeRule.self,
        DisparityRule.self,
        UniformRule.self,
    ]

    public static func named(_ identifier: String) -> (any RuleKind.Type)? {
        all.first { $0.identifier == identifier }
    }
}
