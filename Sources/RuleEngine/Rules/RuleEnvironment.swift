/// The collections rules iterate over, with the variable name each record takes in expressions.
public struct RecordCollection: Sendable, Hashable {
    /// Name in `for_each:` and in `EvaluationContext.collections`.
    public var name: String
    /// The variable a record is bound to.
    public var variable: String
    /// The record schema name (see `RecordSchemas`).
    public var schema: String

    public static let all: [RecordCollection] = [
        .init(name: "contributors", variable: "contributor", schema: "contributor"),
        .init(name: "assignments", variable: "assignment", schema: "assignment"),
        .init(name: "units", variable: "unit", schema: "unit"),
        .init(name: "zones", variable: "zone", schema: "zone"),
        .init(name: "communes", variable: "commune", schema: "commune"),
        .init(name: "tariffs", variable: "tariff", schema: "tariff"),
        .init(name: "access_channels", variable: "access_channel", schema: "access_channel"),
        .init(name: "eligibility", variable: "eligibility", schema: "eligibility"),
        .init(name: "policies", variable: "policy", schema: "policy"),
        .init(name: "qualifications", variable: "qualification", schema: "qualification"),
        .init(name: "attendance", variable: "attendance", schema: "attendance"),
        .init(name: "carpool_requests", variable: "carpool_request", schema: "carpool_request"),
        .init(name: "service", variable: "service", schema: "service"),
    ]

    public static func named(_ name: String) -> RecordCollection? { all.first { $0.name == name } }

    /// What is bound beside a record of this collection, so that rules can say "the
    /// contributor of this assignment", "the members of this unit" or "within the line's hours".
    /// See `RelatedBinder` for the values.
    public var related: [(variable: String, type: ExprType)] {
        switch name {
        case "assignments": [("contributor", .object("contributor")), ("unit", .object("unit")), ("within_hours", .bool)]
        case "qualifications": [("contributor", .object("contributor"))]
        case "attendance": [("unit", .object("unit"))]
        case "carpool_requests": [("unit", .object("unit")), ("within_hours", .bool)]
        case "units": [("members", .list(.object("contributor"))), ("unit_assignments", .list(.object("assignment"))),
                       ("requests", .list(.object("carpool_request"))), ("attendance_slots", .list(.object("attendance")))]
        default: []
        }
    }
}

/// Builds the expression environment a rule's expressions are checked in.
public enum RuleEnvironment {
    /// Variables every rule has: `service` (the plan), `params` (the rule's parameters) and
    /// `as_of` (the checking date).
    public static func make(params: [RuleParam], extra: [String: ExprType] = [:]) -> ExpressionEnvironment {
        var variables: [String: ExprType] = ["service": .object("service"), "params": .object("params"), "as_of": .date]
        for (k, v) in extra { variables[k] = v }
        // Plans are closed: a record's fields are its schema's, plus `extra` (its own data).
        var objects = ObjectSchema.dataModel()
        objects["params"] = ObjectSchema(fields: Dictionary(uniqueKeysWithValues: params.map { ($0.name, $0.defaultValue.exprType) }))
        return ExpressionEnvironment(variables: variables, objects: objects)
    }

    /// The environment for expressions over one record of `collection`.
    public static func make(for collection: RecordCollection, params: [RuleParam]) -> ExpressionEnvironment {
        var extra: [String: ExprType] = [collection.variable: .object(collection.schema)]
        for r in collection.related { extra[r.variable] = r.type }
        return make(params: params, extra: extra)
    }
}

/// A rule's parameters as an object, so that `params.min_age` is type-checked like any field.
struct ParamsObject: ObjectValue {
    var values: [String: Value]
    var typeName: String { "params" }
    func field(_ name: String) -> FieldLookup {
        values[name].map(FieldLookup.value) ?? .noSuchField
    }
}

extension Value {
    /// The static type of a literal value (a parameter default).
    var exprType: ExprType {
        switch self {
        case .null: .null
        case .bool: .bool
        case .int: .int
        case .uint: .uint
        case .double: .double
        case .string: .string
        case .bytes: .bytes
        case .list: .list(.dyn)
        case .map: .map(.string, .dyn)
        case .date: .date
        case .timestamp: .timestamp
        case .duration: .duration
        case .type: .type
        case .object(let o): .object(o.typeName)
        }
    }
}

