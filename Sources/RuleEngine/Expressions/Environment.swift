/// The static type of an expression, as the checker sees it.
public indirect enum ExprType: Hashable, Sendable, CustomStringConvertible {
    /// Known only at run time: accepted everywhere, checked when evaluated.
    case dyn
    case null
    case bool
    case int
    case uint
    case double
    case string
    case bytes
    case date
    case timestamp
    case duration
    case list(ExprType)
    case map(ExprType, ExprType)
    /// A record of the data model, named by its schema (`object("contributor")`).
    case object(String)
    case type

    public var description: String {
        switch self {
        case .dyn: "dyn"
        case .null: "null"
        case .bool: "bool"
        case .int: "int"
        case .uint: "uint"
        case .double: "double"
        case .string: "string"
        case .bytes: "bytes"
        case .date: "date"
        case .timestamp: "timestamp"
        case .duration: "duration"
        case .list(let e): "list(\(e))"
        case .map(let k, let v): "map(\(k), \(v))"
        case .object(let name): name
        case .type: "type"
        }
    }

    var isNumeric: Bool { self == .int || self == .uint || self == .double }
}

/// The fields a kind of record has, for type checking field access.
public struct ObjectSchema: Sendable, Hashable {
    public var fields: [String: ExprType]
    /// The type of fields not listed, or nil when unlisted fields are errors.
    public var extraFieldsAs: ExprType?

    public init(fields: [String: ExprType], extraFieldsAs: ExprType? = nil) {
        self.fields = fields
        self.extraFieldsAs = extraFieldsAs
    }
}

/// What an expression may refer to: its variables (with types) and the schemas of the records
/// they hold. Variables get fixed slots so that evaluation never looks names up.
public struct ExpressionEnvironment: Sendable {
    public let variables: [String: ExprType]
    public let objects: [String: ObjectSchema]
    public var limits: ExpressionLimits
    /// Variable names in slot order.
    public let slotNames: [String]
    let slotIndex: [String: Int]

    public init(variables: [String: ExprType], objects: [String: ObjectSchema] = [:], limits: ExpressionLimits = .default) {
        self.variables = variables
        self.objects = objects
        self.limits = limits
        slotNames = variables.keys.sorted()
        var index: [String: Int] = [:]
        for (i, name) in slotNames.enumerated() { index[name] = i }
        slotIndex = index
    }

    /// The slot of a variable in an `Activation` of this environment.
    public func slot(of name: String) -> Int? { slotIndex[name] }

    /// Parses and type-checks an expression.
    /// - Parameters:
    ///   - source: the expression text.
    ///   - origin: where the text starts in its file; diagnostics are placed relative to it.
    ///   - continuationColumn: the file column where later lines of the text start (a YAML
    ///     block scalar's indentation plus one).
    /// - Returns: the checked expression, ready to evaluate any number of times.
    /// - Throws: `Diagnostic` (one error) or `DiagnosticList` (several), located in the file.
    public func compile(_ source: String, at origin: Location, continuationColumn: Int = 1) throws -> CompiledExpression {
        try CompiledExpression.compile(source, at: origin, in: self, continuationColumn: continuationColumn)
    }
}

/// The values of an environment's variables for one evaluation.
///
/// Make one per environment and overwrite its slots per record: evaluation reads variables by
/// slot, without hashing names.
public struct Activation: Sendable {
    public let slotNames: [String]
    var values: [Value?]
    let slotIndex: [String: Int]

    /// The slots of the variables rule kinds bind for every assignment (-1 when not declared),
    /// so that binding them needs no lookup by name.
    let assignmentSlot: Int, contributorSlot: Int, unitSlot: Int

    public init(_ environment: ExpressionEnvironment, _ bindings: [String: Value] = [:]) {
        slotNames = environment.slotNames
        slotIndex = environment.slotIndex
        assignmentSlot = environment.slotIndex["assignment"] ?? -1
        contributorSlot = environment.slotIndex["contributor"] ?? -1
        unitSlot = environment.slotIndex["unit"] ?? -1
        values = Array(repeating: nil, count: environment.slotNames.count)
        for (name, value) in bindings { self[name] = value }
    }

    /// A variable by name; nil when unset (evaluation then reports it as missing). Setting a
    /// name the environment does not declare does nothing.
    public subscript(name: String) -> Value? {
        get { slotIndex[name].flatMap { values[$0] } }
        set { if let i = slotIndex[name] { values[i] = newValue } }
    }

    /// A variable by slot (see `ExpressionEnvironment.slot(of:)`).
    public subscript(slot slot: Int) -> Value? {
        get { slot >= 0 && slot < values.count ? values[slot] : nil }
        set { if slot >= 0 && slot < values.count { values[slot] = newValue } }
    }
}

/// The result of evaluating an expression on one record.
public enum EvalOutcome: Sendable {
    case value(Value)
    /// A defined failure: overflow, division by zero, bad regex, bad conversion, cost limit…
    case error(String)
    /// The data needed was missing; `missing` names the data paths (`contributor.birth_date`).
    case indeterminate(missing: [String])
}

/// The closest candidate to `name`, if close enough to be a likely typo (`Suggestion`); else a
/// field with a stray suffix (`kind_zz`, `start_time`) means the field it extends: the longest
/// candidate the name starts with, up to a `_`.
func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
    let candidates = Array(candidates)
    if let close = Suggestion.closest(to: name, in: candidates) { return close }
    return candidates.filter { name.count > $0.count + 1 && name.hasPrefix($0 + "_") }.max { $0.count < $1.count }
}
