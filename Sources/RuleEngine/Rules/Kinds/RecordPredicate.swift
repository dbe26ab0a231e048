/// A `where:` over an assignment and its contributor, decided straight on the records' string
/// fields when the expression is simple enough — `&&`, `||`, `!`, `==`, `!=` and `in` between
/// such fields and string constants or parameters — without the expression machinery. Rules
/// run such filters a million times per run (`assignment.kind in ['garde', 'astreinte']`).
///
/// It is only a shortcut: `test` gives the verdict the evaluator would give when every field
/// it reads is present, and nil otherwise (a missing field makes the evaluator report missing
/// data, merged across `&&`/`||` in its own way): the caller then evaluates the expression.
///
/// ```swift
/// let fast = RecordPredicate(filter, params: context.params)   // nil: not that simple
/// if let yes = fast?.test(assignment, contributor) { … } else { /* evaluate */ }
/// ```
struct RecordPredicate: Sendable {
    /// A string field of the assignment or of its contributor.
    enum Field: Sendable {
        case assignment(@Sendable (Assignment) -> String?)
        case contributor(@Sendable (Contributor) -> String?)
    }

    indirect enum Test: Sendable {
        case and(Test, Test)
        case or(Test, Test)
        case not(Test)
        case equal(Field, String, negated: Bool)
        case member(Field, [String])
    }

    let test: Test

    /// The predicate of `expression`, or nil when it is not made only of the forms above.
    /// `params` are the rule's parameter values (constants for one evaluation).
    init?(_ expression: CompiledExpression?, params: [String: Value]) {
        guard let root = expression?.root, let test = Self.make(root, params) else { return nil }
        self.test = test
    }

    /// The verdict, or nil when a field it reads is absent (or the contributor is unknown).
    func test(_ a: Assignment, _ c: Contributor?) -> Bool? {
        Self.run(test, a, c)
    }

    private static func run(_ t: Test, _ a: Assignment, _ c: Contributor?) -> Bool? {
        switch t {
        case .and(let l, let r):
            // Both sides must be decided: a missing field on either side is for the evaluator.
            guard let x = run(l, a, c), let y = run(r, a, c) else { return nil }
            return x && y
        case .or(let l, let r):
            guard let x = run(l, a, c), let y = run(r, a, c) else { return nil }
            return x || y
        case .not(let inner):
            return run(inner, a, c).map { !$0 }
        case .equal(let field, let constant, let negated):
            guard let v = read(field, a, c) else { return nil }
            return Value.sameUTF8(v, constant) != negated
        case .member(let field, let list):
            guard let v = read(field, a, c) else { return nil }
            return list.contains { Value.sameUTF8(v, $0) }
        }
    }

    private static func read(_ field: Field, _ a: Assignment, _ c: Contributor?) -> String? {
        switch field {
        case .assignment(let get): return get(a)
        case .contributor(let get): return c.flatMap(get)
        }
    }

    // MARK: Recognising the forms

    private static func make(_ node: Node, _ params: [String: Value]) -> Test? {
        switch node {
        case .and(let l, let r):
            guard let x = make(l, params), let y = make(r, params) else { return nil }
            return .and(x, y)
        case .or(let l, let r):
            guard let x = make(l, params), let y = make(r, params) else { return nil }
            return .or(x, y)
        case .not(let inner):
            return make(inner, params).map { .not($0) }
        case .binary(let op, let l, let r):
            switch op {
            case .equal, .notEqual:
                if let f = field(l), case .string(let s)? = constant(r, params) { return .equal(f, s, negated: op == .notEqual) }
                if let f = field(r), case .string(let s)? = constant(l, params) { return .equal(f, s, negated: op == .notEqual) }
                return nil
            case .in:
                guard let f = field(l), case .list(let items)? = constant(r, params) else { return nil }
                var strings: [String] = []
                for item in items {
                    guard case .string(let s) = item else { return nil }
                    strings.append(s)
                }
                return .member(f, strings)
            default:
                return nil
            }
        default:
            return nil
        }
    }

    /// A string constant, a list of them, or a parameter's value.
    private static func constant(_ node: Node, _ params: [String: Value]) -> Value? {
        switch node {
        case .constant(let v):
            return v
        case .list(let items):
            var values: [Value] = []
            for item in items {
                guard case .constant(let v) = item else { return nil }
                values.append(v)
            }
            return .list(values)
        case .select(.variable(_, "params"), let name, _):
            return params[name]
        default:
            return nil
        }
    }

    /// `assignment.X` or `contributor.X` for the string fields the records hold as such.
    private static func field(_ node: Node) -> Field? {
        guard case .select(.variable(_, let variable), let name, _) = node else { return nil }
        switch (variable, name) {
        case ("assignment", "id"): return .assignment { $0.id }
        case ("assignment", "contributor"): return .assignment { $0.contributor }
        case ("assignment", "unit"): return .assignment { $0.unit }
        case ("assignment", "position"): return .assignment { $0.position }
        case ("assignment", "kind"): return .assignment { $0.kind }
        case ("assignment", "engine"): return .assignment { $0.engine }
        case ("assignment", "source"): return .assignment { $0.source }
        case ("assignment", "engagement"): return .assignment { $0.engagement.rawValue }
        case ("contributor", "id"): return .contributor { $0.id }
        case ("contributor", "role"): return .contributor { $0.role }
        case ("contributor", "status"): return .contributor { $0.status }
        case ("contributor", "grade"): return .contributor { $0.grade }
        case ("contributor", "residence_insee"): return .contributor { $0.residenceInsee }
        case ("contributor", "employment"): return .contributor { $0.employment }
        default: return nil
        }
    }
}
