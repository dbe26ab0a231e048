/// A value kept as written for keys and columns the model does not know (`extra`) and for rule
/// parameters: plain data, Hashable, convertible to an expression `Value`.
public enum DataValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([DataValue])
    case map([DataEntry])

    /// The expression value; `null` (an empty CSV cell, a YAML `~`) is missing data.
    public var lookup: FieldLookup {
        switch self {
        case .null: .missing
        default: .value(value)
        }
    }

    public var value: Value {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(Int64(i))
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .list(let l): .list(l.map(\.value))
        case .map(let m): .map(m.map { MapEntry(key: .string($0.key), value: $0.value.value) })
        }
    }

    /// The YAML node as plain data.
    public init(_ node: YAMLNode) {
        switch node.value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .float(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .sequence(let items): self = .list(items.map(DataValue.init))
        case .mapping(let pairs): self = .map(pairs.map { DataEntry(key: $0.key.keyText ?? "", value: DataValue($0.value)) })
        }
    }
}

public struct DataEntry: Hashable, Sendable {
    public var key: String
    public var value: DataValue
    public init(key: String, value: DataValue) {
        self.key = key
        self.value = value
    }
}

/// The type of a record field, as plain data for the expression checker.
public indirect enum FieldKind: Hashable, Sendable {
    case string, int, double, bool, date, timestamp, duration
    case list(FieldKind)
    /// A record of the named schema (`document`, `qualification`…).
    case object(String)
    /// Anything (extra keys, rule parameters).
    case dyn
}
