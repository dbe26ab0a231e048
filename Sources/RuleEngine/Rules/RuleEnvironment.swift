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

