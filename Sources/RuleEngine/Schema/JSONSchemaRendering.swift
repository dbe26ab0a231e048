/// Renders schema nodes as JSON Schema draft-07, the draft yaml-language-server supports fully
/// ("JSON Schema 7 and below"), so that editors complete and validate while authors type.
extension SchemaNode {
    static let datePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

    /// The JSON Schema of this node, with `description` first when given.
    public func jsonSchema(description: String? = nil) -> JSONText {
        var members: [(String, JSONText)] = description.map { [("description", .string($0))] } ?? []
        switch self {
        case .string(let pattern):
            members.append(("type", .string("string")))
            if let pattern { members.append(("pattern", .string(pattern))) }
        case .choice(let values):
            members.append(("enum", .array(values.map {
                switch $0 {
                case .string(let s): .string(s)
                case .integer(let i): .int(i)
                }
            })))
        case .integer(let minimum):
            members.append(("type", .string("integer")))
            if let minimum { members.append(("minimum", .int(minimum))) }
        case .number:
            members.append(("type", .string("number")))
        case .boolean:
            members.append(("type", .string("boolean")))
        case .date:
            members += [("type", .string("string")), ("pattern", .string(Self.datePattern))]
        case .expression:
            members.append(("type", .string("string")))
        case .text:
            members.append(("anyOf", .array([
                .object([("type", .string("string"))]),
                .object([("type", .string("object")),
                         ("propertyNames", .object([("pattern", .string("^[a-z]{2}$"))])),
                         ("additionalProperties", .object([("type", .string("string"))]))]),
            ])))
        case .strings:
            members.append(("anyOf", .array([
                .object([("type", .string("string"))]),
                .object([("type", .string("array")), ("items", .object([("type", .string("string"))]))]),
            ])))
        case .scalarText:
            members.append(("type", .array([.string("string"), .string("number"), .string("boolean")])))
        case .list(let items):
            members += [("type", .string("array")), ("items", items.jsonSchema())]
        case .object(let object):
            members += object.jsonSchemaMembers()
        case .map(let keyPattern, let values):
            members.append(("type", .string("object")))
            if let keyPattern { members.append(("propertyNames", .object([("pattern", .string(keyPattern))]))) }
            members.append(("additionalProperties", values.jsonSchema()))
        case .anyOf(let nodes):
            members.append(("anyOf", .array(nodes.map { $0.jsonSchema() })))
        case .any:
            break
        }
        return .object(members)
    }
}

extension SchemaObject {
    /// `type`, `properties`, `required` and `additionalProperties` of this mapping.
    func jsonSchemaMembers() -> [(String, JSONText)] {
        var members: [(String, JSONText)] = []
        if let description { members.append(("description", .string(description))) }
        members.append(("type", .string("object")))
        members.append(("properties", .object(properties.map { ($0.name, $0.node.jsonSchema(description: $0.description)) })))
        if !requiredKeys.isEmpty { members.append(("required", .array(requiredKeys.map(JSONText.string)))) }
        if !allowsOtherKeys { members.append(("additionalProperties", .bool(false))) }
        return members
    }
}

/// The files `spp-check schema` describes.
public enum SchemaDocument: String, CaseIterable, Sendable {
    case rules, plan, waivers, overrides, roster

    /// The file name under `schemas/` in the repository, which the YAML headers point at.
    public var fileName: String { "\(rawValue).schema.json" }

    /// The JSON Schema (draft-07) as `jq`-style text with a final newline.
    public var json: String { root.rendered() + "\n" }

    /// The schema as a JSON value.
    public var root: JSONText {
        switch self {
        case .rules: RuleFileSchema.jsonSchema
        case .plan: Self.document(title: "spp-check service plan", PlanSchema.plan)
        case .waivers: Self.document(title: "spp-check waivers file", WaiverSchema.file)
        case .overrides: Self.document(title: "spp-check territory override file", OverrideFileSchema.file)
        case .roster: Self.document(title: "spp-check roster file (YAML)", RosterSchema.file)
        }
    }

    static let draft = "http://json-schema.org/draft-07/schema#"

    static func document(title: String, _ object: SchemaObject) -> JSONText {
        .object([("$schema", .string(draft)), ("title", .string(title))] + object.jsonSchemaMembers())
    }
}
