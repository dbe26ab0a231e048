extension Evaluator {
    /// The value of a binary operator: equality, order, membership and arithmetic (CEL's
    /// overloads: no implicit conversion, errors on overflow and on types without the operator).
    mutating func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws(EvalFailure) -> Value {
        switch op {
        case .equal: return .bool(a.celEquals(b))
        case .notEqual: return .bool(!a.celEquals(b))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let order = try Self.compare(a, b) else { return .bool(false) }
            switch op {
            case .less: return .bool(order < 0)
            case .lessOrEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case .in:
            switch b {
            case .list(let items):
                try charge(items.count / 8)
                if case .string(let text) = a {
                    // A string is in a list when an item is the same string (CEL equality).
                    for item in items {
                        if case .string(let other) = item, Value.sameUTF8(text, other) { return .bool(true) }
                    }
                    return .bool(false)
                }
                return .bool(items.contains { a.celEquals($0) })
            case .map(let entries):
                try charge(entries.count / 8)
                return .bool(Value.lookup(a, in: entries) != nil)
            default: throw Self.noOverload("in", a, b)
            }
        case .add, .subtract, .multiply, .divide, .remainder:
            return try arithmetic(op, a, b)
        }
    }

    /// Orders two values of the same orderable type (numbers across types); nil for NaN.
    static func compare(_ a: Value, _ b: Value) throws(EvalFailure) -> Int? {
        func order<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (a, b) {
        case (.string(let x), .string(let y)):
            if x == y { return 0 }
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) ? -1 : 1
        case (.bytes(let x), .bytes(let y)):
            if x == y { return 0 }
            return x.lexicographicallyPrecedes(y) ? -1 : 1
        case (.bool(let x), .bool(let y)): return order(x ? 1 : 0, y ? 1 : 0)
        case (.timestamp(let x), .timestamp(let y)): return order(x, y)
        case (.duration(let x), .duration(let y)): return order(x, y)
        case (.date(let x), .date(let y)): return order(x, y)
        case (.int, _), (.uint, _), (.double, _):
            switch b {
            case .int, .uint, .double: return Value.compareNumbers(a, b)
            default: throw noOverload("compare", a, b)
            }
        default: throw noOverload("compare", a, b)
        }
    }

    private mutating func arithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value) throws(EvalFailure) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            return .int(try Self.integer(op, x, y, overflow: "integer overflow"))
        case (.uint(let x), .uint(let y)):
            return .uint(try Self.integer(op, x, y, overflow: "unsigned integer overflow"))
        case (.double(let x), .double(let y)):
            switch op {
            case .add: return .double(x + y)
            case .subtract: return .double(x - y)
            case .multiply: return .double(x * y)
            case .divide: return .double(x / y)
            default: throw Self.noOverload("_%_", a, b)
            }
        default: break
        }
        switch (op, a, b) {
        case (.add, .string(let x), .string(let y)):
            let length = x.utf8.count + y.utf8.count
            if length > limits.maxStringLength { throw .abort("string longer than \(limits.maxStringLength) bytes") }
            try charge(length / 64)
            return .string(x + y)
        case (.add, .bytes(let x), .bytes(let y)):
            if x.count + y.count > limits.maxStringLength { throw .abort("bytes longer than \(limits.maxStringLength)") }
            try charge((x.count + y.count) / 64)
            return .bytes(x + y)
        case (.add, .list(let x), .list(let y)):
            if x.count + y.count > limits.maxCollectionSize { throw .abort("list longer than \(limits.maxCollectionSize) elements") }
            try charge((x.count + y.count) / 8)
            return .list(x + y)
        case (.add, .timestamp(let t), .duration(let d)), (.add, .duration(let d), .timestamp(let t)):
            return .timestamp(try Self.shift(t, by: d, sign: 1))
        case (.subtract, .timestamp(let t), .duration(let d)):
            return .timestamp(try Self.shift(t, by: d, sign: -1))
        case (.subtract, .timestamp(let x), .timestamp(let y)):
            // As in CEL's reference implementation, a difference of timestamps must fit in
            // 64-bit nanoseconds (about 292 years).
            guard let d = TimeSpan.normalized(seconds: try Self.checked(x.seconds, -1, y.seconds), nanos: Int64(x.nanos) - Int64(y.nanos)), d.totalNanos != nil else {
                throw .error("duration out of range")
            }
            return .duration(d)
        case (.add, .duration(let x), .duration(let y)), (.subtract, .duration(let x), .duration(let y)):
            let s: Int64 = op == .add ? 1 : -1
            guard let d = TimeSpan.normalized(seconds: try Self.checked(x.seconds, s, y.seconds), nanos: Int64(x.nanos) + s * Int64(y.nanos)), d.isInRange else {
                throw .error("duration out of range")
            }
            return .duration(d)
        case (.add, .date(let x), .duration(let d)), (.add, .duration(let d), .date(let x)):
            return .date(try Self.shift(x, by: d, sign: 1))
        case (.subtract, .date(let x), .duration(let d)):
            return .date(try Self.shift(x, by: d, sign: -1))
        case (.subtract, .date(let x), .date(let y)):
            let (days, o1) = x.dayNumber.subtractingReportingOverflow(y.dayNumber)
            let (seconds, o2) = days.multipliedReportingOverflow(by: 86400)
            guard !o1, !o2 else { throw .error("duration out of range") }
            return .duration(TimeSpan(seconds: seconds))
        default:
            throw Self.noOverload("_\(op.rawValue)_", a, b)
        }
    }

    /// `x op y` for signed or unsigned integers, an error instead of a trap on overflow or a
    /// zero divisor (the remainder's operator is the only one left).
    private static func integer<T: FixedWidthInteger>(_ op: BinaryOperator, _ x: T, _ y: T, overflow: String) throws(EvalFailure) -> T {
        let r: (partialValue: T, overflow: Bool)
        switch op {
        case .add: r = x.addingReportingOverflow(y)
        case .subtract: r = x.subtractingReportingOverflow(y)
        case .multiply: r = x.multipliedReportingOverflow(by: y)
        case .divide:
            if y == 0 { throw .error("division by zero") }
            r = x.dividedReportingOverflow(by: y)
        default:
            if y == 0 { throw .error("modulus by zero") }
            r = x.remainderReportingOverflow(dividingBy: y)
        }
        if r.overflow { throw .error(overflow) }
        return r.partialValue
    }

    static func shift(_ t: Instant, by d: TimeSpan, sign: Int64) throws(EvalFailure) -> Instant {
        guard let span = TimeSpan.normalized(seconds: try checked(t.seconds, sign, d.seconds), nanos: Int64(t.nanos) + sign * Int64(d.nanos)) else {
            throw .error("timestamp out of range")
        }
        // A timestamp keeps non-negative nanoseconds.
        var result = Instant(seconds: span.seconds, nanos: span.nanos)
        if result.nanos < 0 { result = Instant(seconds: result.seconds - 1, nanos: result.nanos + 1_000_000_000) }
        guard result.isInRange else { throw .error("timestamp out of range") }
        return result
    }

    /// `a + sign × b` (sign ±1), an error instead of a trap on overflow: times from data can
    /// hold any 64-bit value.
    static func checked(_ a: Int64, _ sign: Int64, _ b: Int64) throws(EvalFailure) -> Int64 {
        let (r, o) = sign >= 0 ? a.addingReportingOverflow(b) : a.subtractingReportingOverflow(b)
        if o { throw .error("time value out of range") }
        return r
    }

    static func shift(_ date: CivilDate, by d: TimeSpan, sign: Int64) throws(EvalFailure) -> CivilDate {
        guard d.nanos == 0, d.seconds % 86400 == 0 else {
            throw .error("a date moves by whole days only, not by \(d.celText); use days(n) or a multiple of 24h")
        }
        let result = CivilDate(dayNumber: try checked(date.dayNumber, sign, d.seconds / 86400))
        guard result.year >= 1 && result.year <= 9999 else { throw .error("date out of range") }
        return result
    }
}
