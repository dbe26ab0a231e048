/// Reads typed values out of a `RecordSource`, reporting every bad value to the sink.
struct FieldReader {
    var sink: DiagnosticSink
    let zone: ZoneRules
    /// In a `;`-separated file a decimal comma is read as a point.
    var decimalComma = false
    /// Local seconds `[lo, hi)` known to map to UTC by subtracting `offset`: most date-times of
    /// a roster fall in one such range, so they skip the zone lookup.
    private var cacheLo: Int64 = 1, cacheHi: Int64 = 0, cacheOffset: Int64 = 0

    /// The instant of a parsed date-time, through the cache.
    mutating func resolve(_ parsed: DateTimeText.Parsed) -> Result<Int64, DateTimeText.Problem> {
        if case .local(let l) = parsed {
            if l >= cacheLo, l < cacheHi { return .success(l - cacheOffset) }
            let r = DateTimeText.instant(parsed, in: zone)
            if case .success(let u) = r {
                let range = zone.uniqueLocalRange(aroundUTC: u)
                if l >= range.lo, l < range.hi {
                    (cacheLo, cacheHi, cacheOffset) = range
                }
            }
            return r
        }
        return DateTimeText.instant(parsed, in: zone)
    }

    init(zone: ZoneRules) {
        self.zone = zone
        self.sink = DiagnosticSink()
    }

    static func text(_ raw: RawField) -> String {
        switch raw {
        case .absent: ""
        case .bytes(let b): String(decoding: b, as: UTF8.self)
        case .node(let n): n.keyText ?? "a \(n.kindName)"
        }
    }

    static func isEmpty(_ raw: RawField) -> Bool {
        switch raw {
        case .absent: true
        case .bytes(let b): b.count == 0
        case .node(let n): n.isNull
        }
    }

    mutating func bad<S: RecordSource>(_ s: S, _ f: Int, _ what: String, _ raw: RawField, _ tail: String = "") {
        sink.error(s.location(f), "bad \(what) '\(FieldReader.text(raw))' in \(s.describe(f))\(tail)")
    }

    /// Reports a missing required field; returns nil for convenience.
    mutating func missing<S: RecordSource>(_ s: S, _ f: Int, _ specs: [FieldSpec]) {
        if s.isCSV {
            // A missing column was reported once for the file.
            if s.declared(f) { sink.error(s.location(f), "missing value in required column '\(specs[f].name)'") }
        } else {
            sink.error(s.recordLocation, "missing required key '\(specs[f].yamlPath.joined(separator: "."))' in \(s.recordName)")
        }
    }

    mutating func string<S: RecordSource>(_ s: S, _ f: Int) -> String? {
        let raw = s.raw(f)
        switch raw {
        case .absent: return nil
        case .bytes(let b): return b.count == 0 ? nil : String(decoding: b, as: UTF8.self)
        case .node(let n):
            switch n.value {
            case .null: return nil
            case .string(let v): return v
            case .int, .float, .bool: return n.keyText
            case .sequence, .mapping:
                sink.error(n.location, "expected a string in \(s.describe(f)), found a \(n.kindName)")
                return nil
            }
        }
    }

    mutating func required<S: RecordSource>(_ s: S, _ f: Int, _ specs: [FieldSpec]) -> String? {
        if let v = string(s, f) { return v }
        if FieldReader.isEmpty(s.raw(f)) { missing(s, f, specs) }
        return nil
    }

    mutating func int<S: RecordSource>(_ s: S, _ f: Int) -> Int? {
        let raw = s.raw(f)
        switch raw {
        case .absent: return nil
        case .bytes(let b):
            if b.count == 0 { return nil }
            if let v = FieldReader.parseInt(b) { return v }
            bad(s, f, "integer", raw)
            return nil
        case .node(let n):
            switch n.value {
            case .null: return nil
            case .int(let i): return i
            default:
                bad(s, f, "integer", raw)
                return nil
            }
        }
    }

    static func parseInt(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        var neg = false
        if b.count > 0, b[0] == 45 || b[0] == 43 { neg = b[0] == 45; i = 1 }
        guard i < b.count else { return nil }
        var v = 0
        while i < b.count {
            let d = b[i] &- 48
            guard d < 10 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(d))
            if o1 || o2 { return nil }
            v = a
            i += 1
        }
        return neg ? -v : v
    }

    mutating func double<S: RecordSource>(_ s: S, _ f: Int) -> Double? {
        let raw = s.raw(f)
        switch raw {
        case .absent: return nil
        case .bytes(let b):
            if b.count == 0 { return nil }
            if let v = FieldReader.plainDecimal(b, decimalComma: decimalComma) { return v }
            var t = String(decoding: b, as: UTF8.self)
            if decimalComma { t = String(t.map { $0 == "," ? "." : $0 }) }
            if let v = Double(t), v.isFinite, !t.contains(where: { $0.isLetter }) { return v }
            bad(s, f, "number", raw, decimalComma || !t.contains(",") ? "" : "; write decimals with a point")
            return nil
        case .node(let n):
            switch n.value {
            case .null: return nil
            case .int(let i): return Double(i)
            case .float(let d) where d.isFinite: return d
            default:
                bad(s, f, "number", raw)
                return nil
            }
        }
    }

    /// `123`, `-4.5` (or `4,5` with a decimal comma) read straight from the bytes, or nil to
    /// take the general path. Exact: with at most 15 digits the digits are an exact double and
    /// 10^k (k ≤ 15) too, so one division rounds correctly, as `Double(String)` does.
    static func plainDecimal(_ b: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Double? {
        var i = 0
        var negative = false
        if b.count > 0, b[0] == 45 || b[0] == 43 { negative = b[0] == 45; i = 1 }
        var mantissa: Int64 = 0
        var digits = 0, fraction = 0
        var point = false, any = false
        while i < b.count {
            let c = b[i]
            if c &- 48 < 10 {
                mantissa = mantissa * 10 + Int64(c &- 48)
                digits += 1
                if point { fraction += 1 }
                any = true
            } else if !point, c == 46 || (decimalComma && c == 44) {
                point = true
            } else {
                return nil
            }
            if digits > 15 { return nil }
            i += 1
        }
        guard any else { return nil }
        var v = Double(mantissa)
        if fraction > 0 { v /= FieldReader.powersOfTen[fraction] }
        return negative ? -v : v
    }

    static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    /// `true`, `Oui`, `0`… compared as ASCII bytes; nil when not ASCII (then the general path
    /// lower-cases it as Unicode).
    static func asciiBool(_ b: UnsafeBufferPointer<UInt8>) -> Bool?? {
        guard b.count <= 5 else { return b.allSatisfy({ $0 < 128 }) ? .some(nil) : nil }
        var word: UInt64 = 0
        for c in b {
            guard c > 0, c < 128 else { return nil }
            let lower = c >= 65 && c <= 90 ? c + 32 : c
            word = word << 8 | UInt64(lower)
        }
        func w(_ s: StaticString) -> UInt64 {
            var x: UInt64 = 0
            for k in 0..<s.utf8CodeUnitCount { x = x << 8 | UInt64(s.utf8Start[k]) }
            return x
        }
        switch word {
        case w("true"), w("1"), w("yes"), w("oui"): return .some(true)
        case w("false"), w("0"), w("no"), w("non"): return .some(false)
        default: return .some(nil)
        }
    }

    mutating func bool<S: RecordSource>(_ s: S, _ f: Int) -> Bool? {
        let raw = s.raw(f)
        switch raw {
        case .absent: return nil
        case .bytes(let b):
            if b.count == 0 { return nil }
            if let known = FieldReader.asciiBool(b), let v = known { return v }
            switch String(decoding: b, as: UTF8.self).lowercased() {
            case "true", "1", "yes", "oui": return true
            case "false", "0", "no", "non": return false
            default:
                bad(s, f, "boolean", raw, "; expected true or false")
                return nil
            }
        case .node(let n):
            switch n.value {
            case .null: return nil
            case .bool(let v): return v
            default:
                bad(s, f, "boolean", raw, "; expected true or false")
                return nil
            }
        }
    }

    /// A date or date-time field parsed from its bytes or its YAML string; nil when it is empty
    /// or absent. Any other YAML scalar fails with `reason`.
    @inline(__always)
    private static func parse<T>(_ raw: RawField, reason: String,
                                 bytes: (UnsafeBufferPointer<UInt8>) -> Result<T, DateTimeText.Problem>,
                                 text: (String) -> Result<T, DateTimeText.Problem>) -> Result<T, DateTimeText.Problem>? {
        switch raw {
        case .absent: return nil
        case .bytes(let b): return b.count == 0 ? nil : bytes(b)
        case .node(let n):
            switch n.value {
            case .null: return nil
            case .string(let t): return text(t)
            default: return .failure(DateTimeText.Problem(reason: reason))
            }
        }
    }

    mutating func date<S: RecordSource>(_ s: S, _ f: Int) -> CivilDate? {
        let raw = s.raw(f)
        guard let result = FieldReader.parse(raw, reason: DateTimeText.dateFormatReason,
                                             bytes: { DateTimeText.date($0) }, text: { DateTimeText.date($0) }) else { return nil }
        switch result {
        case .success(let d): return d
        case .failure(let p):
            bad(s, f, "date", raw, p.reason)
            return nil
        }
    }

    /// A date-time as an instant; local times are read in the plan's zone.
    mutating func instant<S: RecordSource>(_ s: S, _ f: Int) -> Int64? {
        let raw = s.raw(f)
        guard let result = FieldReader.parse(raw, reason: DateTimeText.dateTimeFormatReason,
                                             bytes: { DateTimeText.dateTime($0) }, text: { DateTimeText.dateTime($0) }) else { return nil }
        switch result {
        case .success(let parsed):
            switch resolve(parsed) {
            case .success(let u): return u
            case .failure(let p):
                sink.error(s.location(f), "local time '\(FieldReader.text(raw))' in \(s.describe(f))\(p.reason)")
                return nil
            }
        case .failure(let p):
            bad(s, f, "date-time", raw, p.reason)
            return nil
        }
    }

    mutating func requiredInstant<S: RecordSource>(_ s: S, _ f: Int, _ specs: [FieldSpec]) -> Int64? {
        if FieldReader.isEmpty(s.raw(f)) {
            missing(s, f, specs)
            return nil
        }
        return instant(s, f)
    }

    /// A list of strings: `a|b` in CSV, a sequence in YAML. An empty cell is missing, as an
    /// absent key is (one rule for both formats, docs/data-model.md); `[]` in YAML is an empty list.
    mutating func list<S: RecordSource>(_ s: S, _ f: Int) -> [String]? {
        let raw = s.raw(f)
        switch raw {
        case .absent: return nil
        case .bytes(let b):
            if b.count == 0 { return nil }
            // Split the bytes: no intermediate String or Substring array.
            var out: [String] = []
            var start = 0
            var i = 0
            while i <= b.count {
                if i == b.count || b[i] == 124 {
                    var s = start, e = i
                    while s < e, b[s] == 32 { s += 1 }
                    while e > s, b[e - 1] == 32 { e -= 1 }
                    if e > s { out.append(String(decoding: UnsafeBufferPointer(rebasing: b[s..<e]), as: UTF8.self)) }
                    start = i + 1
                }
                i += 1
            }
            return out
        case .node(let n):
            switch n.value {
            case .null: return nil
            case .sequence(let items):
                var out: [String] = []
                for item in items {
                    if let t = item.string ?? (item.pairs == nil && item.items == nil ? item.keyText : nil) {
                        out.append(t)
                    } else {
                        sink.error(item.location, "expected a string in the list of \(s.describe(f)), found a \(item.kindName)")
                    }
                }
                return out
            case .string(let v): return [v]
            default:
                sink.error(n.location, "expected a list in \(s.describe(f)), found a \(n.kindName)")
                return nil
            }
        }
    }

    /// An INSEE commune code: five characters, digits or `2A`/`2B` and three digits.
    mutating func insee<S: RecordSource>(_ s: S, _ f: Int) -> String? {
        let raw = s.raw(f)
        if case .node(let n) = raw, case .int(let i) = n.value {
            sink.error(n.location, FieldReader.inseeNumberMessage(i))
            return nil
        }
        guard let v = string(s, f) else { return nil }
        if FieldReader.isINSEE(v) { return v }
        sink.error(s.location(f), FieldReader.badINSEEMessage(v))
        return nil
    }

    static func inseeNumberMessage(_ i: Int) -> String {
        let digits = String(i)
        let padded = digits.count < 5 ? String(repeating: "0", count: 5 - digits.count) + digits : digits
        return "INSEE code \(i) is a number; quote it: \"\(padded)\""
    }

    static func badINSEEMessage(_ v: String) -> String {
        "bad INSEE code '\(v)'; expected 5 characters like \"38053\" or \"2A004\""
    }

    static func isINSEE(_ v: String) -> Bool {
        guard v.utf8.count == 5 else { return false }
        var k = 0
        var corsica = false
        for c in v.utf8 {
            let digit = c >= 48 && c <= 57
            if k == 1, corsica, c == 65 || c == 66 {  // 2A, 2B
            } else if !digit {
                return false
            }
            if k == 0 { corsica = c == 50 }
            k += 1
        }
        return true
    }
}
