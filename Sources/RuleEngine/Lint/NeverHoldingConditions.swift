/// A `where:` that can never hold, found from the data model alone: a field compared with a
/// value outside its enumeration (`assignment.engagement == "dutty"`), or with a value of
/// another type (`contributor.role == 5`). Such a rule would never have a subject: every check
/// would pass it without looking.
///
/// Only what is certain is reported: a conjunction with one such comparison, a disjunction
/// whose every branch is one, `in` a list of literals none of which can match.
enum NeverHoldingConditions {
    /// The closed sets of values of the data model's string fields, by record schema.
    static let enumerations: [String: [String: [String]]] = [
        "assignment": ["engagement": Engagement.allCases.map(\.rawValue)],
        "unit": ["kind": Unit.Kind.allCases.map(\.rawValue)],
        "service": ["kind": Plan.Kind.allCases.map(\.rawValue)],
        "document": ["kind": Document.Kind.allCases.map(\.rawValue)],
    ]

    /// Every `where:` of a rule's mapping, at any depth (a kind's nested selections included).
    static func check(_ node: YAMLNode, rule: Rule) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for pair in node.pairs ?? [] {
            if pair.key.string == "where", let source = pair.value.string {
                out += check(source, at: pair.value, rule: rule)
            } else if pair.value.pairs != nil || pair.value.items != nil {
                out += check(pair.value, rule: rule)
            }
        }
        for item in node.items ?? [] { out += check(item, rule: rule) }
        return out
    }

    static func check(_ source: String, at node: YAMLNode, rule: Rule) -> [Diagnostic] {
        guard let syntax = try? Parser.parse(source) else { return [] }
        let variables = bindings(for: rule)
        guard let reasons = never(syntax, variables) else { return [] }
        return reasons.map {
            .error(at: CompiledExpression.location(of: $0.offset, in: source, from: node.textStart),
                   "'where' of rule '\(rule.id)' can never hold: \($0.message); the rule would never have a subject")
        }
    }

    /// Variable → record schema, as bound in the rule's expressions.
    static func bindings(for rule: Rule) -> [String: String] {
        var out: [String: String] = ["service": "service"]
        let forEach = rule.condition.first { $0.key == "for_each" }?.text
        for collection in RecordCollection.all {
            if forEach == nil || forEach == collection.name {
                out[collection.variable] = collection.schema
                for r in collection.related { if case .object(let name) = r.type { out[r.variable] = name } }
            }
        }
        return out
    }

    /// Why `e` can never hold, or nil when it may.
    static func never(_ e: Syntax, _ variables: [String: String]) -> [(offset: Int, message: String)]? {
        switch e.kind {
        case .and(let a, let b):
            return never(a, variables) ?? never(b, variables)
        case .or(let a, let b):
            guard let x = never(a, variables), let y = never(b, variables) else { return nil }
            return x + y
        case .binary(.equal, let a, let b):
            if let why = mismatch(a, b, variables) ?? mismatch(b, a, variables) { return [(e.offset, why)] }
            return nil
        case .binary(.in, let a, let list):
            guard case .list(let items) = list.kind, !items.isEmpty,
                  let field = field(a, variables), let values = enumerations[field.schema]?[field.name] else { return nil }
            let literals = items.compactMap { item -> String? in
                if case .literal(.string(let s)) = item.kind { return s } else { return nil }
            }
            guard literals.count == items.count, literals.allSatisfy({ !values.contains($0) }) else { return nil }
            return [(e.offset, "\(field.path) is one of \(values.map { "\"\($0)\"" }.joined(separator: ", ")), never \(literals.map { "\"\($0)\"" }.joined(separator: " or "))")]
        default:
            return nil
        }
    }

    /// Why `field == literal` cannot hold.
    static func mismatch(_ a: Syntax, _ b: Syntax, _ variables: [String: String]) -> String? {
        guard let field = field(a, variables), case .literal(let value) = b.kind else { return nil }
        if case .string(let s) = value, let values = enumerations[field.schema]?[field.name], !values.contains(s) {
            return "\(field.path) is one of \(values.map { "\"\($0)\"" }.joined(separator: ", ")), never \"\(s)\""
                + Suggestion.hint(for: s, in: values)
        }
        guard let type = field.type else { return nil }
        let literal = value.exprType
        if literal == .null || type == .dyn { return nil }
        if type.isNumeric && literal.isNumeric { return nil }
        if case .object = type { return nil }
        if type != literal { return "\(field.path) is a \(type), never equal to the \(literal) \(value.displayText)" }
        return nil
    }

    /// A field read as `variable.field` (or deeper, through records), with its record schema
    /// and declared type.
    static func field(_ e: Syntax, _ variables: [String: String]) -> (schema: String, name: String, path: String, type: ExprType?)? {
        guard case .select(let operand, let name) = e.kind else { return nil }
        let schemas = ObjectSchema.dataModel()
        var chain: [String] = [name]
        var node = operand
        while case .select(let inner, let f) = node.kind { chain.insert(f, at: 0); node = inner }
        guard case .ident(let root) = node.kind, var schema = variables[root] else { return nil }
        for step in chain.dropLast() {
            guard case .object(let next)? = schemas[schema]?.fields[step] else { return nil }
            schema = next
        }
        return (schema, name, ([root] + chain).joined(separator: "."), schemas[schema]?.fields[name])
    }
}
