/// Why an evaluation did not produce a value.
enum EvalFailure: Error {
    /// A defined error (CEL's error values): absorbed by `&&`, `||` and `all`/`exists`.
    case error(String)
    /// Data was missing; absorbed like errors, and wins over them.
    case missing([String])
    /// A limit was hit: ends the whole evaluation, never absorbed.
    case abort(String)

    /// The failure that stands when both sides of `&&`/`||` failed: missing data wins over
    /// errors (CEL's rule for unknowns), and paths merge.
    func merged(with other: EvalFailure) -> EvalFailure {
        switch (self, other) {
        case (.abort, _): return self
        case (_, .abort): return other
        case (.missing(let a), .missing(let b)): return .missing(a + b.filter { !a.contains($0) })
        case (.missing, _): return self
        case (_, .missing): return other
        default: return self
        }
    }
}

/// Walks a checked `Node` tree for one activation, counting cost.
struct Evaluator {
    let variables: [Value?]
    var locals: [Value]
    var cost = 0
    let limits: ExpressionLimits
    let regexCache: RegexCache

    init(variables: [Value?], localCount: Int, limits: ExpressionLimits, regexCache: RegexCache) {
        self.variables = variables
        self.regexCache = regexCache
        self.locals = Array(repeating: .null, count: localCount)
        self.limits = limits
    }

    @inline(__always)
    mutating func charge(_ amount: Int = 1) throws(EvalFailure) {
        cost += amount
        if cost > limits.maxCost { throw .abort("evaluation cost limit exceeded") }
    }

    static func noOverload(_ what: String, _ values: Value...) -> EvalFailure {
        .error("no such overload: \(what)(\(values.map(\.typeName).joined(separator: ", ")))")
    }

    mutating func eval(_ node: Node) throws(EvalFailure) -> Value {
        try charge()
        switch node {
        case .constant(let v):
            return v
        case .variable(let slot, let name):
            guard slot < variables.count, let v = variables[slot] else { throw .missing([name]) }
            return v
        case .local(let slot):
            return locals[slot]
        case .unbound(let name):
            throw .error("unknown variable '\(name)'")
        case .unknownFunction(let name):
            throw .error("unknown function '\(name)'")
        case .select(let operand, let field, let site):
            // A field of a variable (`assignment.kind`), the commonest node in rules: read in
            // place, with the variable's node charged as if visited.
            if case .variable(let slot, let name) = operand {
                try charge()
                guard slot < variables.count, let base = variables[slot] else { throw .missing([name]) }
                return try Self.select(base, field, site)
            }
            let base = try eval(operand)
            return try Self.select(base, field, site)
        case .has(let operand, let field, _):
            switch try eval(operand) {
            case .object(let o):
                switch o.field(field) {
                case .value(.null), .missing, .noSuchField: return .bool(false)
                case .value: return .bool(true)
                }
            case .map(let entries):
                return .bool(Value.lookup(.string(field), in: entries) != nil)
            case let v:
                throw .error("has() cannot test fields of \(v.typeName)")
            }
        case .index(let operand, let indexNode, let site):
            let base = try eval(operand)
            let index = try eval(indexNode)
            return try Self.index(base, index, site)
        case .not(let operand):
            guard case .bool(let b) = try eval(operand) else { throw .error("no matching overload for '!'") }
            return .bool(!b)
        case .negate(let operand):
            switch try eval(operand) {
            case .int(let i):
                let (r, o) = Int64(0).subtractingReportingOverflow(i)
                if o { throw .error("integer overflow") }
                return .int(r)
            case .double(let d): return .double(-d)
            case .duration(let d):
                let (s, o) = Int64(0).subtractingReportingOverflow(d.seconds)
                if o { throw .error("duration out of range") }
                return .duration(TimeSpan(seconds: s, nanos: -d.nanos))
            case let v: throw Self.noOverload("-", v)
            }
        case .and(let l, let r):
            return try logical(l, r, absorbing: false)
        case .or(let l, let r):
            return try logical(l, r, absorbing: true)
        case .conditional(let c, let t, let f):
            guard case .bool(let b) = try eval(c) else { throw .error("no matching overload for '?:' (the condition is not a bool)") }
            return try eval(b ? t : f)
        case .binary(let op, let l, let r):
            let a = try eval(l)
            let b = try eval(r)
            return try binary(op, a, b)
        case .list(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try eval(item)) }
            return .list(values)
        case .map(let keys, let valueNodes):
            var entries: [MapEntry] = []
            entries.reserveCapacity(keys.count)
            for (k, v) in zip(keys, valueNodes) {
                let key = try eval(k)
                switch key {
                case .string, .int, .uint, .bool: break
                default: throw .error("unsupported key type \(key.typeName)")
                }
                if Value.lookup(key, in: entries) != nil { throw .error("Failed with repeated key \(key.display)") }
                try charge(entries.count / 8)
                entries.append(MapEntry(key: key, value: try eval(v)))
            }
            return .map(entries)
        case .call(let function, let args):
            var values: [Value] = []
            values.reserveCapacity(args.count)
            for arg in args { values.append(try eval(arg)) }
            return try call(function, values)
        case .matches(let operand, let regex):
            guard case .string(let s) = try eval(operand) else { throw .error("no such overload: matches on a non-string") }
            try charge(s.utf8.count * max(1, regex.size) / 64)
            return .bool(regex.matches(s))
        case .comprehension(let c):
            return try comprehension(c)
        }
    }

    private mutating func logical(_ l: Node, _ r: Node, absorbing: Bool) throws(EvalFailure) -> Value {
        // `absorbing` is the value that decides the result on its own: true for ||, false for &&.
        var failure: EvalFailure?
        do {
            switch try eval(l) {
            case .bool(let b): if b == absorbing { return .bool(b) }
            default: failure = .error("no matching overload for '\(absorbing ? "||" : "&&")'")
            }
        } catch {
            if case .abort = error { throw error }
            failure = error
        }
        let right: Value
        do {
            right = try eval(r)
        } catch {
            if case .abort = error { throw error }
            throw failure.map { $0.merged(with: error) } ?? error
        }
        switch right {
        case .bool(let b):
            if b == absorbing { return .bool(b) }
            if let failure { throw failure }
            return .bool(b)
        default:
            let e = EvalFailure.error("no matching overload for '\(absorbing ? "||" : "&&")'")
            throw failure.map { $0.merged(with: e) } ?? e
        }
    }

    // MARK: Fields and indexes

    private static func select(_ base: Value, _ field: String, _ site: Site) throws(EvalFailure) -> Value {
        switch base {
        case .object(let o):
            switch o.field(field) {
            case .value(let v): return v
            // Marked with the record it belongs to, so that a finding can say whose it is.
            case .missing: throw .missing([MissingData.raw((site.path ?? o.typeName) + "." + field, of: o)])
            case .noSuchField:
                if site.absentIsMissing { throw .missing([MissingData.raw((site.path ?? o.typeName) + "." + field, of: o)]) }
                throw .error("\(o.typeName) has no field '\(field)'")
            }
        case .map(let entries):
            if let v = Value.lookup(.string(field), in: entries) { return v }
            if site.absentIsMissing { throw .missing([(site.path ?? "") + "." + field]) }
            throw .error("no such key: '\(field)'")
        default:
            throw .error("type '\(base.typeName)' does not support field selection")
        }
    }

    private static func index(_ base: Value, _ index: Value, _ site: Site) throws(EvalFailure) -> Value {
        switch base {
        case .list(let items):
            let i: Int64
            switch index {
            case .int(let v): i = v
            case .uint(let v): i = v > UInt64(Int64.max) ? -1 : Int64(v)
            case .double(let d):
                guard d.rounded(.towardZero) == d, abs(d) < 1e18 else { throw .error("invalid_argument: list index \(d) is not a whole number") }
                i = Int64(d)
            default: throw .error("invalid_argument: a list index must be a number, not \(index.typeName)")
            }
            guard i >= 0, i < items.count else { throw .error("invalid_argument: index \(i) out of range for a list of \(items.count)") }
            return items[Int(i)]
        case .map(let entries):
            if let v = Value.lookup(index, in: entries) { return v }
            if site.absentIsMissing {
                let key: String = if case .string(let k) = index { "." + k } else { "[\(index.display)]" }
                throw .missing([(site.path ?? "") + key])
            }
            throw .error("no such key: \(index.display)")
        case .object:
            guard case .string(let field) = index else { throw .error("a record field name must be a string") }
            return try Self.select(base, field, site)
        default:
            throw .error("type '\(base.typeName)' does not support indexing")
        }
    }

    // MARK: Macros

    private mutating func comprehension(_ c: Comprehension) throws(EvalFailure) -> Value {
        let range = try eval(c.range)
        // Iteration pairs: (index or key, element or value).
        let count: Int
        switch range {
        case .list(let items): count = items.count
        case .map(let entries): count = entries.count
        default: throw .error("\(c.macro.rawValue)() cannot iterate over \(range.typeName)")
        }
        var pending: EvalFailure?
        var trues = 0
        var results: [Value] = []
        var entries: [MapEntry] = []
        for i in 0..<count {
            try charge()
            let first: Value, second: Value
            switch range {
            case .list(let items): first = .int(Int64(i)); second = items[i]
            case .map(let e): first = e[i].key; second = e[i].value
            default: return .null
            }
            if c.slots.count == 2 {
                locals[c.slots[0]] = first
                locals[c.slots[1]] = second
            } else {
                locals[c.slots[0]] = { if case .list = range { return second } else { return first } }()
            }
            switch c.macro {
            case .all, .exists:
                let decisive = c.macro == .exists
                do {
                    guard case .bool(let b) = try eval(c.body) else {
                        let e = EvalFailure.error("no matching overload: \(c.macro.rawValue)() condition is not a bool")
                        pending = pending.map { $0.merged(with: e) } ?? e
                        continue
                    }
                    if b == decisive { return .bool(decisive) }
                } catch {
                    if case .abort = error { throw error }
                    pending = pending.map { $0.merged(with: error) } ?? error
                }
            case .existsOne:
                guard case .bool(let b) = try eval(c.body) else { throw .error("no matching overload: exists_one() condition is not a bool") }
                if b { trues += 1 }
            case .filter:
                guard case .bool(let b) = try eval(c.body) else { throw .error("no matching overload: filter() condition is not a bool") }
                if b { results.append(c.slots.count == 2 ? second : locals[c.slots[0]]) }
            case .map, .transformList, .transformMap:
                if let filter = c.filter {
                    guard case .bool(let b) = try eval(filter) else { throw .error("no matching overload: the filter is not a bool") }
                    if !b { continue }
                }
                let v = try eval(c.body)
                if c.macro == .transformMap {
                    entries.append(MapEntry(key: first, value: v))
                } else {
                    results.append(v)
                }
            }
        }
        switch c.macro {
        case .all, .exists:
            if let pending { throw pending }
            return .bool(c.macro == .all)
        case .existsOne: return .bool(trues == 1)
        case .transformMap: return .map(entries)
        default: return .list(results)
        }
    }
}

extension Value {
    /// The value as text for messages and CEL's `string()` of scalars: strings bare, lists and
    /// maps in brackets.
    public var display: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .double(let d): return Value.formatDouble(d)
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .list(let items): return "[" + items.map(\.display).joined(separator: ", ") + "]"
        case .map(let entries): return "{" + entries.map { "\($0.key.display): \($0.value.display)" }.joined(separator: ", ") + "}"
        case .date(let d): return d.description
        case .timestamp(let t): return t.rfc3339
        case .duration(let d): return d.celText
        case .type(let t): return t
        case .object(let o): return "<\(o.typeName)>"
        }
    }

    static func formatDouble(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "Infinity" : "-Infinity" }
        var s = "\(d)"
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
}
