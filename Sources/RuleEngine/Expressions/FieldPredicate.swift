/// The shortcut a `CompiledExpression` takes for itself when it is a simple filter over records'
/// string fields — `&&`, `||`, `!`, `==`, `!=` and `in` between such fields and string constants
/// or parameters — deciding it straight on the records, without the evaluator. Rules run such
/// filters a million times per run (`assignment.kind in ['garde', 'astreinte']`).
///
/// It is only a shortcut: `test` gives the verdict the evaluator would give when every field it
/// reads is present and every record is of the type its table describes, and nil otherwise (a
/// missing field makes the evaluator report missing data, merged across `&&`/`||` in its own
/// way): `CompiledExpression.evaluate` then evaluates the expression. Which fields it may read,
/// and how, is the records' own table (`StringFieldRecord.stringFields`).
struct FieldPredicate: Sendable {
    /// Reads one string field of the record bound in a slot; nil when the slot holds no record
    /// of the table's type or the field is absent.
    struct Field: Sendable {
        let slot: Int
        let read: @Sendable (any ObjectValue) -> String?
        /// The same field read on the record itself, when the variable is `assignment` or
        /// `contributor` of that type (what `decide(_:_:)` binds); nil otherwise.
        let onRecord: RecordField?
    }

    /// A string field of an assignment or of its contributor, read without boxing the record.
    enum RecordField: Sendable {
        case assignment(@Sendable (Assignment) -> String?)
        case contributor(@Sendable (Contributor) -> String?)
    }

    /// A string constant or a list of them, taken out of their values once; or a parameter
    /// read at each test (`params.kind`).
    enum Operand: Sendable {
        case string(String)
        case strings([String])
        case param(slot: Int, name: String)
    }

    indirect enum Test: Sendable {
        case and(Test, Test)
        case or(Test, Test)
        case not(Test)
        case equal(Field, Operand, negated: Bool)
        case member(Field, Operand)
    }

    let test: Test

    /// The predicate of `root`, or nil when it is not made only of the forms above.
    /// - Parameter types: the record type of each variable (`assignment` → `assignment`).
    init?(_ root: Node, types: [String: String]) {
        guard let test = Self.make(root, types) else { return nil }
        self.test = test
    }

    /// The verdict on the variables `values` (by slot), or nil when the evaluator must decide.
    func test(_ values: [Value?]) -> Bool? {
        Self.run(test, values)
    }

    private static func run(_ t: Test, _ values: [Value?]) -> Bool? {
        switch t {
        case .and(let l, let r):
            // Both sides must be decided: a missing field on either side is for the evaluator.
            guard let x = run(l, values), let y = run(r, values) else { return nil }
            return x && y
        case .or(let l, let r):
            guard let x = run(l, values), let y = run(r, values) else { return nil }
            return x || y
        case .not(let inner):
            return run(inner, values).map { !$0 }
        case .equal(let field, let operand, let negated):
            guard let v = read(field, values) else { return nil }
            switch operand {
            case .string(let s): return Value.sameUTF8(v, s) != negated
            case .strings: return nil
            case .param:
                guard case .string(let s)? = value(operand, values) else { return nil }
                return Value.sameUTF8(v, s) != negated
            }
        case .member(let field, let operand):
            guard let v = read(field, values) else { return nil }
            switch operand {
            case .strings(let list): return list.contains { Value.sameUTF8(v, $0) }
            case .string: return nil
            case .param:
                guard case .list(let items)? = value(operand, values) else { return nil }
                var found = false
                for item in items {
                    // A list with anything but strings is for the evaluator (it may compare types).
                    guard case .string(let s) = item else { return nil }
                    if !found && Value.sameUTF8(v, s) { found = true }
                }
                return found
            }
        }
    }

    private static func read(_ field: Field, _ values: [Value?]) -> String? {
        guard field.slot >= 0, field.slot < values.count, case .object(let o)? = values[field.slot] else { return nil }
        return field.read(o)
    }

    /// A parameter's value.
    private static func value(_ operand: Operand, _ values: [Value?]) -> Value? {
        switch operand {
        case .string, .strings:
            return nil
        case .param(let slot, let name):
            guard slot >= 0, slot < values.count, case .object(let params)? = values[slot],
                  case .value(let v) = params.field(name) else { return nil }
            return v
        }
    }

    // MARK: Recognising the forms

    private static func make(_ node: Node, _ types: [String: String]) -> Test? {
        switch node {
        case .and(let l, let r):
            guard let x = make(l, types), let y = make(r, types) else { return nil }
            return .and(x, y)
        case .or(let l, let r):
            guard let x = make(l, types), let y = make(r, types) else { return nil }
            return .or(x, y)
        case .not(let inner):
            return make(inner, types).map { .not($0) }
        case .binary(let op, let l, let r):
            switch op {
            case .equal, .notEqual:
                if let f = field(l, types), let c = operand(r), c.mayBeString { return .equal(f, c, negated: op == .notEqual) }
                if let f = field(r, types), let c = operand(l), c.mayBeString { return .equal(f, c, negated: op == .notEqual) }
                return nil
            case .in:
                guard let f = field(l, types), let c = operand(r), c.mayBeStrings else { return nil }
                return .member(f, c)
            default:
                return nil
            }
        default:
            return nil
        }
    }

    /// A string constant, a list of them, or a parameter.
    private static func operand(_ node: Node) -> Operand? {
        switch node {
        case .constant(.string(let s)):
            return .string(s)
        case .constant(.list(let items)):
            // A list literal of constants is folded into one value by the checker.
            var strings: [String] = []
            for item in items {
                guard case .string(let s) = item else { return nil }
                strings.append(s)
            }
            return .strings(strings)
        case .list(let items):
            var strings: [String] = []
            for item in items {
                guard case .constant(.string(let s)) = item else { return nil }
                strings.append(s)
            }
            return .strings(strings)
        case .select(.variable(let slot, "params"), let name, _):
            return .param(slot: slot, name: name)
        default:
            return nil
        }
    }

    /// `variable.field` for a string field of the variable's record type's table.
    private static func field(_ node: Node, _ types: [String: String]) -> Field? {
        guard case .select(.variable(let slot, let variable), let name, _) = node,
              let type = types[variable], let read = StringFields.reader(type: type, field: name) else { return nil }
        var onRecord: RecordField?
        switch (variable, type) {
        case ("assignment", Assignment.schemaName): onRecord = Assignment.stringFields[name].map(RecordField.assignment)
        case ("contributor", Contributor.schemaName): onRecord = Contributor.stringFields[name].map(RecordField.contributor)
        default: onRecord = nil
        }
        return Field(slot: slot, read: read, onRecord: onRecord)
    }
}

extension FieldPredicate.Operand {
    /// Whether it is a string or may be one (a parameter: its value is checked at each test).
    var mayBeString: Bool {
        switch self {
        case .string, .param: true
        case .strings: false
        }
    }

    /// Whether it is a list of strings or may be one.
    var mayBeStrings: Bool {
        switch self {
        case .strings, .param: true
        case .string: false
        }
    }
}

/// A record type some of whose fields are plain strings, readable without boxing them into a
/// `Value`: the fields a simple filter (`FieldPredicate`) may decide on.
protocol StringFieldRecord: ObjectValue {
    /// The type's name in expressions (`assignment`).
    static var schemaName: String { get }
    /// Its string fields by name: each gives the field's text, or nil when it is absent.
    static var stringFields: [String: @Sendable (Self) -> String?] { get }
}

/// The record types with string-field tables.
enum StringFields {
    static let types: [any StringFieldRecord.Type] = [Assignment.self, Contributor.self]

    /// Reads field `field` of a record of type `type`; nil when the table has no such field.
    static func reader(type: String, field: String) -> (@Sendable (any ObjectValue) -> String?)? {
        for t in types where t.schemaName == type {
            if let read = t.reader(field) { return read }
        }
        return nil
    }
}

extension StringFieldRecord {
    static func reader(_ field: String) -> (@Sendable (any ObjectValue) -> String?)? {
        guard let get = stringFields[field] else { return nil }
        return { record in (record as? Self).flatMap(get) }
    }
}
