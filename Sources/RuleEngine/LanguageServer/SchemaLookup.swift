/// The keys valid at a place in one of our YAML files, from the same schema `spp-check schema`
/// renders (so completion and hover can never offer a key the loaders reject).
enum SchemaLookup {
    /// The root shape of a file of `role`; for rule files, a rule's keys are the common ones
    /// plus those of `kind` (all kinds' when it is not known yet).
    static func root(_ role: FileRole, kind: String?) -> SchemaNode? {
        switch role {
        case .rules:
            var props = RuleFileSchema.common.properties
            let kinds = kind.flatMap(RuleKinds.named).map { [$0] } ?? RuleKinds.all
            var seen = Set(props.map(\.name))
            for k in kinds { for p in RuleFileSchema.properties(of: k) where seen.insert(p.name).inserted { props.append(p) } }
            return .object(SchemaObject([
                SchemaProperty("pack", .object(RuleFileSchema.pack), "What the pack says about itself."),
                SchemaProperty("rules", .list(.object(SchemaObject(props))), required: true, "The rules of the pack."),
            ]))
        case .plan: return .object(PlanSchema.plan)
        case .waivers: return .object(WaiverSchema.file)
        default: return nil
        }
    }

    /// The shape at `path` (keys, `[]` for list items) below `node`.
    static func node(_ node: SchemaNode, _ path: ArraySlice<String>) -> SchemaNode? {
        guard let first = path.first else { return node }
        switch node {
        case .object(let o):
            guard let p = o[first] else { return nil }
            return self.node(p.node, path.dropFirst())
        case .list(let element):
            return first == "[]" ? self.node(element, path.dropFirst()) : nil
        case .map(_, let values):
            return self.node(values, path.dropFirst())
        case .anyOf(let nodes):
            for n in nodes { if let found = self.node(n, path) { return found } }
            return nil
        default:
            return nil
        }
    }

    /// The keys of a mapping shape (the first mapping among alternatives).
    static func properties(_ node: SchemaNode?) -> [SchemaProperty] {
        switch node {
        case .object(let o): return o.properties
        case .anyOf(let nodes): return nodes.lazy.map(properties).first { !$0.isEmpty } ?? []
        case .list(let element): return properties(element)
        default: return []
        }
    }

    /// The keys valid in the mapping at `cursor` of a file of `role`.
    static func keys(_ role: FileRole, _ cursor: YAMLCursor, kind: String?) -> [SchemaProperty] {
        guard let root = root(role, kind: kind) else { return [] }
        return properties(node(root, cursor.path[...]))
    }

    /// The text shape of a schema node, for hover.
    static func describe(_ node: SchemaNode) -> String {
        switch node {
        case .string(let pattern): pattern.map { "text matching `\($0)`" } ?? "text"
        case .choice(let values): "one of " + values.map { v in if case .string(let s) = v { s } else if case .integer(let i) = v { String(i) } else { "" } }.joined(separator: ", ")
        case .integer: "a whole number"
        case .number: "a number"
        case .boolean: "true or false"
        case .date: "a date, YYYY-MM-DD"
        case .expression: "an expression (docs/rule-language.md)"
        case .text: "a text, or {fr: …, en: …}"
        case .strings: "a text or a list of texts"
        case .scalarText: "a text"
        case .list(let e): "a list of " + describe(e)
        case .object: "a mapping"
        case .map: "a mapping of names to values"
        case .anyOf(let ns): ns.map(describe).joined(separator: ", or ")
        case .any: "any value"
        }
    }

    /// The plan schema of a record type of the expression language, where the plan holds it.
    static func planObject(forRecord name: String) -> SchemaObject? {
        switch name {
        case "service": PlanSchema.plan
        case "unit": PlanSchema.unit
        case "zone": PlanSchema.zone
        case "commune": PlanSchema.commune
        case "tariff": PlanSchema.tariff
        case "access_channel": PlanSchema.accessChannel
        case "eligibility": PlanSchema.eligibility
        case "policy": PlanSchema.policy
        case "fallback": PlanSchema.fallback
        case "staffing": PlanSchema.staffing
        default: nil
        }
    }
}
