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
    /// `ExpressionEnvironment`.
    ///
    /// - Parameter extraFields: the type of names a schema does not list. Data files may carry
    ///   extra keys, but leaving this nil keeps misspelt field names load-time errors with a
    ///   "did you mean"; pass `.dyn` for packs that read extra keys (a record without the key is
    ///   then missing data, not an error).
    public static func dataModel(extraFields: ExprType? = nil) -> [String: ObjectSchema] {
        RecordSchemas.all.mapValues { fields in
            ObjectSchema(fields: fields.mapValues(ExprType.init), extraFieldsAs: extraFields)
        }
    }
}
