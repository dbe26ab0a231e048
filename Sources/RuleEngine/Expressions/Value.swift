import Foundation
/// A value of the expression language: CEL's values plus first-class dates, and records of
/// the data model exposed as objects.
///
/// Not `indirect`: scalars stay inline, so evaluating `x.age >= 18` allocates nothing.
public enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case list([Value])
    case map([MapEntry])
    /// A calendar date with no time of day (`2026-03-31`).
    case date(CivilDate)
    /// An instant (UTC seconds and nanoseconds since 1970-01-01T00:00:00Z).
    case timestamp(Instant)
    case duration(TimeSpan)
    /// A type value, as returned by CEL's `type(x)`.
    case type(String)
    /// A record of the data model (contributor, assignment, unit…), read field by field.
    case object(any ObjectValue)
}

public struct MapEntry: Sendable {
    public var key: Value
    public var value: Value
    public init(key: Value, value: Value) {
        self.key = key
        self.value = value
    }
}

/// What asking a record for a field can give.
public enum FieldLookup: Sendable {
    /// The field has a value.
    case value(Value)
    /// The field exists in the schema but this record has no data for it: evaluation that
    /// needs it ends as indeterminate, never as a pass.
    case missing
    /// The schema has no such field.
    case noSuchField
}

/// A record that expressions can read, without copying it into a map.
public protocol ObjectValue: Sendable {
    /// The schema name (`contributor`, `assignment`…), used in type checking and messages.
    var typeName: String { get }
    func field(_ name: String) -> FieldLookup
}

/// A date of the proleptic Gregorian calendar.
public struct CivilDate: Hashable, Sendable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// A point in time: seconds since the Unix epoch (UTC) and nanoseconds within that second.
public struct Instant: Hashable, Sendable, Comparable {
    public var seconds: Int64
    public var nanos: Int32
    public init(seconds: Int64, nanos: Int32 = 0) {
        self.seconds = seconds
        self.nanos = nanos
    }
    public static func < (a: Instant, b: Instant) -> Bool {
        (a.seconds, a.nanos) < (b.seconds, b.nanos)
    }
}

/// A signed length of time in seconds and nanoseconds (both with the same sign).
public struct TimeSpan: Hashable, Sendable, Comparable {
    public var seconds: Int64
    public var nanos: Int32
    public init(seconds: Int64, nanos: Int32 = 0) {
        self.seconds = seconds
        self.nanos = nanos
    }
    public static func < (a: TimeSpan, b: TimeSpan) -> Bool {
        (a.seconds, a.nanos) < (b.seconds, b.nanos)
    }
}

extension Value {
    /// The CEL type name of this value, as `type(x)` shows it.
    public var typeName: String {
        switch self {
        case .null: "null_type"
        case .bool: "bool"
        case .int: "int"
        case .uint: "uint"
        case .double: "double"
        case .string: "string"
        case .bytes: "bytes"
        case .list: "list"
        case .map: "map"
        case .date: "date"
        case .timestamp: "google.protobuf.Timestamp"
        case .duration: "google.protobuf.Duration"
        case .type: "type"
        case .object(let o): o.typeName
        }
    }

    /// CEL equality: numbers compare by value across int, uint and double; lists and maps
    /// compare element-wise; values of different types are unequal; NaN equals nothing.
    /// Whether two strings have the same UTF-8 bytes (CEL's string equality), compared as
    /// memory rather than element by element.
    static func sameUTF8(_ a: String, _ b: String) -> Bool {
        let n = a.utf8.count
        guard n == b.utf8.count else { return false }
        guard n > 0 else { return true }
        var a = a, b = b
        return a.withUTF8 { pa in b.withUTF8 { pb in memcmp(pa.baseAddress!, pb.baseAddress!, n) == 0 } }
    }

    public func celEquals(_ other: Value) -> Bool {
        // Strings first, without building the pair below (it copies both values): the commonest
        // comparison in rules. A string equals only a string.
        if case .string(let a) = self {
            if case .string(let b) = other { return Value.sameUTF8(a, b) }
            return false
        }
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        // Code points, not Swift's canonical equivalence: CEL does not normalise strings.
        case (.string(let a), .string(let b)): return Value.sameUTF8(a, b)
        case (.bytes(let a), .bytes(let b)): return a == b
        case (.date(let a), .date(let b)): return a == b
        case (.timestamp(let a), .timestamp(let b)): return a == b
        case (.duration(let a), .duration(let b)): return a == b
        case (.type(let a), .type(let b)): return a == b
        case (.list(let a), .list(let b)):
            guard a.count == b.count else { return false }
            for (x, y) in zip(a, b) where !x.celEquals(y) { return false }
            return true
        case (.map(let a), .map(let b)):
            guard a.count == b.count else { return false }
            for entry in a {
                guard let other = Value.lookup(entry.key, in: b), entry.value.celEquals(other) else { return false }
            }
            return true
        case (.object(let a), .object(let b)):
            guard a.typeName == b.typeName, let equatable = a as? any Equatable else { return false }
            return equatable.isEqual(to: b)
        default:
            if let order = Value.compareNumbers(self, other) { return order == 0 }
            return false
        }
    }

    /// Orders two numbers of any numeric types exactly (no rounding through double), or nil
    /// when either is not a number or either is NaN.
    static func compareNumbers(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.uint(let x), .uint(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.double(let x), .double(let y)):
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.int(let x), .uint(let y)):
            if x < 0 { return -1 }
            let ux = UInt64(x)
            return ux < y ? -1 : (ux == y ? 0 : 1)
        case (.uint, .int): return compareNumbers(b, a).map { -$0 }
        // CEL compares an integer with a double as two doubles (so 2^63-1 equals 2^63.0).
        case (.int(let x), .double(let y)): return y.isNaN ? nil : compareDoubles(Double(x), y)
        case (.double, .int): return compareNumbers(b, a).map { -$0 }
        case (.uint(let x), .double(let y)): return y.isNaN ? nil : compareDoubles(Double(x), y)
        case (.double, .uint): return compareNumbers(b, a).map { -$0 }
        default: return nil
        }
    }

    private static func compareDoubles(_ x: Double, _ y: Double) -> Int {
        x < y ? -1 : (x == y ? 0 : 1)
    }

    /// Looks a key up in map entries with CEL's key equality (numeric keys match across types).
    static func lookup(_ key: Value, in entries: [MapEntry]) -> Value? {
        for entry in entries where keyEquals(entry.key, key) { return entry.value }
        return nil
    }

    static func keyEquals(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        default:
            if let order = compareNumbers(a, b) { return order == 0 }
            return false
        }
    }
}

extension Equatable {
    fileprivate func isEqual(to other: Any) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}

extension CivilDate: CustomStringConvertible {
    /// `YYYY-MM-DD`.
    public var description: String {
        let y = year < 0 ? "-" + pad(-year, 4) : pad(year, 4)
        return "\(y)-\(pad(month, 2))-\(pad(day, 2))"
    }
}

func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
