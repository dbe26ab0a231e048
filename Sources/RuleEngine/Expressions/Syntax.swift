/// The parsed form of an expression: CEL's abstract syntax, with each node's offset (in Unicode
/// scalars from the start of the expression text) so that errors point at the exact column.
struct Syntax: Sendable {
    var offset: Int
    var kind: Kind
    /// Height of the tree below and including this node, kept to bound recursion.
    var height: Int = 1

    indirect enum Kind: Sendable {
        case literal(Value)
        /// An identifier; `leadingDot` for CEL's root-scoped `.name`.
        case ident(String)
        case select(Syntax, field: String)
        case index(Syntax, Syntax)
        /// A function call, global (`size(x)`) or receiver-style (`x.size()`).
        case call(name: String, target: Syntax?, args: [Syntax])
        case list([Syntax])
        case map([(key: Syntax, value: Syntax)])
        case not(Syntax)
        case negate(Syntax)
        case binary(BinaryOperator, Syntax, Syntax)
        case and(Syntax, Syntax)
        case or(Syntax, Syntax)
        case conditional(Syntax, Syntax, Syntax)
        /// `has(x.f)`.
        case has(Syntax, field: String)
        /// A comprehension macro: `range.all(v, p)`, `range.map(i, v, f)`…
        case comprehension(Macro, range: Syntax, vars: [String], args: [Syntax])
    }
}

enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">"
    case greaterOrEqual = ">=", `in` = "in"

    var isOrdering: Bool { self == .less || self == .lessOrEqual || self == .greater || self == .greaterOrEqual }
}

enum Macro: String, Sendable {
    case all, exists, existsOne = "exists_one", filter, map
    case transformList, transformMap
}

/// Limits that keep parsing and evaluation bounded on any input.
public struct ExpressionLimits: Sendable, Hashable {
    /// Longest expression text accepted, in Unicode scalars.
    public var maxSourceLength: Int = 20_000
    /// Deepest nesting of parentheses, calls, lists and operators.
    public var maxDepth: Int = 100
    /// Evaluation steps allowed for one evaluation (each node visited and each macro iteration
    /// costs one step, string and list operations cost in proportion to their size).
    public var maxCost: Int = 1_000_000
    /// Longest string an evaluation may build, in UTF-8 bytes.
    public var maxStringLength: Int = 1_000_000
    /// Longest list or map an evaluation may build.
    public var maxCollectionSize: Int = 100_000

    public init() {}

    public static let `default` = ExpressionLimits()
}
