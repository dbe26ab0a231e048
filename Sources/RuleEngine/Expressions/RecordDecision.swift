/// A simple filter (`FieldPredicate`) with its parameters' values put in, decided straight on
/// an assignment and its contributor: no activation, no boxing of the records into values, no
/// dynamic cast. The record-selection layer asks it first and binds only the records it leaves
/// undecided (`AssignmentSelection`); it gives the verdict the evaluator would give whenever it
/// gives one (held by `FieldPredicateTests`).
struct RecordDecision: Sendable {
    indirect enum Test: Sendable {
        case and(Test, Test)
        case or(Test, Test)
        case not(Test)
        case equal(FieldPredicate.RecordField, String, negated: Bool)
        case member(FieldPredicate.RecordField, [String])
    }

    let test: Test

    /// The decision of `predicate` with the rule's `params`; nil when some field it reads is not
    /// an assignment's or its contributor's, or some parameter it reads is not of the type that
    /// lets the predicate decide (then it would never decide: the evaluator does).
    init?(_ predicate: FieldPredicate, params: [String: Value]) {
        guard let test = Self.make(predicate.test, params) else { return nil }
        self.test = test
    }

    /// The verdict on `assignment` bound as `assignment` and `contributor` as `contributor`, or
    /// nil when a field it reads is absent (or there is no contributor): the evaluator decides.
    func decide(_ assignment: Assignment, _ contributor: Contributor?) -> Bool? {
        Self.run(test, assignment, contributor)
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

    private static func read(_ field: FieldPredicate.RecordField, _ a: Assignment, _ c: Contributor?) -> String? {
        switch field {
        case .assignment(let get): return get(a)
        case .contributor(let get): return c.flatMap(get)
        }
    }

    private static func make(_ t: FieldPredicate.Test, _ params: [String: Value]) -> Test? {
        switch t {
        case .and(let l, let r):
            guard let x = make(l, params), let y = make(r, params) else { return nil }
            return .and(x, y)
        case .or(let l, let r):
            guard let x = make(l, params), let y = make(r, params) else { return nil }
            return .or(x, y)
        case .not(let inner):
            return make(inner, params).map { .not($0) }
        case .equal(let field, let operand, let negated):
            guard let f = field.onRecord else { return nil }
            switch operand {
            case .string(let s): return .equal(f, s, negated: negated)
            case .strings: return nil
            case .param(_, let name):
                guard case .string(let s)? = params[name] else { return nil }
                return .equal(f, s, negated: negated)
            }
        case .member(let field, let operand):
            guard let f = field.onRecord else { return nil }
            switch operand {
            case .strings(let list): return .member(f, list)
            case .string: return nil
            case .param(_, let name):
                guard case .list(let items)? = params[name] else { return nil }
                var strings: [String] = []
                for item in items {
                    guard case .string(let s) = item else { return nil }
                    strings.append(s)
                }
                return .member(f, strings)
            }
        }
    }
}
