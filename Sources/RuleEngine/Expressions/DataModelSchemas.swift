extension ExprType {
    /// The expression type of a data-model field kind.
    public init(_ kind: FieldKind) {
        switch kind {
        case .string: self = .string
        case .int: self = .int
        case .double: self = .double
        case .bool: self = .bool
        case .date: self = .date
        case .timestamp: self = .timestamp
        case .duration: self = .duration
        case .list(let element): self = .list(ExprType(element))
        case .object(let name): self = .object(name)
        case .dyn: self = .dyn
        }
    }
}

extension ObjectSchema {
    /// The schemas of every record type of the data model (`RecordSchemas.all`), for an
    /// `ExpressionEnvironment`; records that keep data of their own have a field `extra`, a map
    /// from names to values of any type (`unit.extra.notes`; a name it lacks is missing data).
    ///
    /// - Parameter extraFields: the type of names a schema does not list. Plans are closed, so
    ///   this is nil for rules: a misspelt field name is a load-time error with a "did you mean".
    public static func dataModel(extraFields: ExprType? = nil) -> [String: ObjectSchema] {
        var out: [String: ObjectSchema] = [:]
        for (name, fields) in RecordSchemas.all {
            var types = fields.mapValues(ExprType.init)
            if RecordSchemas.withExtra.contains(name) { types["extra"] = .map(.string, .dyn) }
            out[name] = ObjectSchema(fields: types, extraFieldsAs: extraFields)
        }
        return out
    }
}
