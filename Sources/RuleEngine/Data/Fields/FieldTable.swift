/// A record type whose fields are written once, in its table (`fields`): name, type, accessor,
/// roster columns and doc line. The schema the checker reads, `field(_:)`, the string fields of
/// the filter shortcut (`FieldPredicate`), the columns and keys the roster decoders recognise and
/// the roster JSON Schema are derived from it; `FieldTableTests` holds the docs and the decoders
/// against it.
///
/// The accessor is typed: the record's one exhaustive `switch` over its `Field` enum (`value(_:)`),
/// so a field cannot be declared without a way to read it, and a read allocates nothing.
protocol TabledRecord: ObjectValue {
    /// The fields' names in expressions, as raw values.
    associatedtype Field: RawRepresentable, CaseIterable, Hashable, Sendable where Field.RawValue == String
    /// The record's fields, in the order the docs list them.
    static var fields: FieldTable<Self> { get }
    /// The value of one field: the table's accessor.
    func value(_ field: Field) -> FieldLookup
    /// What a name the table does not hold reads: no such field, unless the record has more
    /// (`ExtraFieldRecord`).
    func fieldBeyondTable(_ name: String) -> FieldLookup
}

extension TabledRecord {
    public var typeName: String { Self.fields.typeName }

    /// Field types by name, for the expression checker.
    static var schema: [String: FieldKind] { fields.schema }

    /// A field by name: the table's, else what lies beyond it.
    public func field(_ name: String) -> FieldLookup {
        if let f = Self.fields.byName[name] { return value(f) }
        return fieldBeyondTable(name)
    }

    func fieldBeyondTable(_ name: String) -> FieldLookup { .noSuchField }
}

/// A record that keeps the columns or keys its table does not name, read as the field `extra`.
protocol ExtraFieldRecord: TabledRecord {
    var extra: [String: DataValue] { get }
}

extension ExtraFieldRecord {
    func fieldBeyondTable(_ name: String) -> FieldLookup { extraField(extra, name) }
}

/// One field of a record type.
struct FieldRow<Field: Sendable>: Sendable {
    /// Its name (the raw value) and its accessor (the case of the record's `value(_:)`).
    let field: Field
    /// Its type for the expression checker.
    let type: FieldKind
    /// The roster columns that fill it (none for a computed field or a record not read from rosters).
    let columns: [RosterColumn]
    /// One line: what it holds.
    let doc: String
}

extension FieldRow where Field: RawRepresentable, Field.RawValue == String {
    var name: String { field.rawValue }

    /// A field not read from roster columns (computed, or of a plan record).
    init(_ field: Field, _ type: FieldKind, _ doc: String) {
        self.init(field: field, type: type, columns: [], doc: doc)
    }

    /// A field read from the roster column (and YAML key) of its own name, numbered `column` by the decoder.
    /// - Parameter node: what a YAML roster may write there, when the type says less (`"38053"`).
    init<C: RawRepresentable>(_ field: Field, _ type: FieldKind, column: C, required: Bool = false, node: SchemaNode? = nil,
                              _ doc: String) where C.RawValue == Int {
        self.init(field: field, type: type, columns: [RosterColumn(column, field.rawValue, required: required, node: node)], doc: doc)
    }

    /// A field filled from several roster columns (a contributor's documents).
    init(_ field: Field, _ type: FieldKind, columns: [RosterColumn], _ doc: String) {
        self.init(field: field, type: type, columns: columns, doc: doc)
    }
}

/// A column of a roster file: the decoder's number for it and how it is written (CSV column,
/// YAML path, required).
struct RosterColumn: Sendable {
    let index: Int
    let spec: FieldSpec
    /// What a YAML roster may write there, when the field's type says less.
    let node: SchemaNode?

    init<C: RawRepresentable>(_ column: C, _ name: String, yaml: [String]? = nil, required: Bool = false,
                              node: SchemaNode? = nil) where C.RawValue == Int {
        index = column.rawValue
        spec = FieldSpec(name, yaml: yaml, required: required)
        self.node = node
    }
}

/// A record type's field table and what is derived from it once.
struct FieldTable<Record: TabledRecord>: Sendable {
    /// The record type's name in expressions and messages (`assignment`, `service`).
    let typeName: String
    let rows: [FieldRow<Record.Field>]
    /// Field types by name, for the expression checker.
    let schema: [String: FieldKind]
    /// The roster columns in the decoder's numbering (`specs[i]` is column `i`).
    let specs: [FieldSpec]

    /// The fields by name: how `field(_:)` finds one (as fast as a `switch` on the name, and
    /// about three times faster than the enum's `init(rawValue:)`, measured).
    let byName: [String: Record.Field]
    /// Roster columns that fill no field of the record (a qualification row's `contributor`,
    /// which says whose it is).
    let linkColumns: [RosterColumn]

    init(_ typeName: String, _ rows: [FieldRow<Record.Field>], linkColumns: [RosterColumn] = []) {
        self.typeName = typeName
        self.rows = rows
        self.linkColumns = linkColumns
        var schema: [String: FieldKind] = [:]
        for row in rows { schema[row.name] = row.type }
        self.schema = schema
        byName = Dictionary(uniqueKeysWithValues: rows.map { ($0.name, $0.field) })
        let columns = (linkColumns + rows.flatMap(\.columns)).sorted { $0.index < $1.index }
        // The decoders read columns by number: every number once, from 0.
        precondition(columns.map(\.index) == Array(columns.indices), "\(Record.self): roster columns must be numbered 0..<n, each once")
        precondition(Set(rows.map(\.field)).count == Record.Field.allCases.count && rows.count == Record.Field.allCases.count,
                     "\(Record.self): every field must have one row")
        specs = columns.map(\.spec)
    }

    /// The names of the fields, in the table's order.
    var names: [String] { rows.map(\.name) }

    /// The text of every string field, read without boxing it into a `Value` for the caller:
    /// the table of `FieldPredicate`'s shortcut.
    var stringFields: [String: @Sendable (Record) -> String?] {
        var out: [String: @Sendable (Record) -> String?] = [:]
        for row in rows where row.type == .string {
            let field = row.field
            out[row.name] = { record in
                if case .value(.string(let text)) = record.value(field) { return text }
                return nil
            }
        }
        return out
    }
}

/// A record named in reports by its type and id (`contributor:SPV-0042`).
protocol IdentifiedRecord: TabledRecord, Record {
    var id: String { get }
}

extension IdentifiedRecord {
    public var subject: String { "\(typeName):\(id)" }
}
