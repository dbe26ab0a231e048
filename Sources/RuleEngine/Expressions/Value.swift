/// A value of the expression language: CEL's values plus first-class dates, and records of
/// the data model exposed as objects.
public indirect enum Value: Sendable {
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
