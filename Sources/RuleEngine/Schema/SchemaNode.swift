/// What a value in one of our YAML files may be, as much as a JSON Schema can say it: the small
/// declarative description that `spp-check schema` renders as JSON Schema (draft-07) and that the
/// loaders take their key lists from, so that the two cannot drift apart silently.
///
/// Types are those of the YAML 1.2 core schema as `inspect --as yaml` prints them: an unquoted
/// `2026-06-30` is a string, `yes` is a string, `0777` the integer 777.
public indirect enum SchemaNode: Sendable, Hashable {
    /// Any text; with `pattern`, text matching that regular expression (ECMA-262, as JSON Schema).
    case string(pattern: String? = nil)
    /// One of these exact values (strings, or a mix of strings and integers).
    case choice([SchemaLiteral])
    case integer(minimum: Int? = nil)
    case number
    case boolean
    /// A calendar date written `YYYY-MM-DD`.
    case date
    /// A rule expression (see docs/rule-language.md), written as a YAML string.
    case expression
    /// A text in one language (`"…"`) or in several (`{fr: "…", en: "…"}`).
    case text
    /// A string, or a list of strings (the loaders accept a single string as a list of one).
    case strings
    /// A scalar the plan reads as text: a string, or a number or boolean it turns into text.
    case scalarText
    case list(SchemaNode)
    case object(SchemaObject)
    /// A mapping from free names (matching `keyPattern` when given) to values of one shape.
    case map(keyPattern: String?, values: SchemaNode)
    /// Any one of these shapes.
    case anyOf([SchemaNode])
    /// Anything (the loader reads it its own way, e.g. a parameter's default value).
    case any
}

/// An exact value in a `.choice`.
public enum SchemaLiteral: Sendable, Hashable {
    case string(String)
    case integer(Int)
}

/// One key of a mapping.
public struct SchemaProperty: Sendable, Hashable {
    public var name: String
    public var node: SchemaNode
    public var required: Bool
    /// One sentence for editors' hover and completion.
    public var description: String

    public init(_ name: String, _ node: SchemaNode, required: Bool = false, _ description: String) {
        self.name = name
        self.node = node
        self.required = required
        self.description = description
    }
}

/// A mapping with known keys.
public struct SchemaObject: Sendable, Hashable {
    public var properties: [SchemaProperty]
    /// Whether keys other than `properties` are allowed: false where the loader rejects unknown
    /// keys (rule files, waivers), true where it keeps them as extra data (plans).
    public var allowsOtherKeys: Bool
    public var description: String?

    public init(_ properties: [SchemaProperty], allowsOtherKeys: Bool = false, description: String? = nil) {
        self.properties = properties
        self.allowsOtherKeys = allowsOtherKeys
        self.description = description
    }

    /// The key names, in order: what a loader passes as its known keys.
    public var keys: [String] { properties.map(\.name) }
    /// The names of the required keys.
    public var requiredKeys: [String] { properties.filter(\.required).map(\.name) }

    public subscript(_ name: String) -> SchemaProperty? { properties.first { $0.name == name } }
}
