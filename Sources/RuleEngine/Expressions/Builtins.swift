import Foundation

extension Evaluator {
    /// Runs a function on evaluated arguments (the receiver, if any, first). Dispatch is on the
    /// run-time values, so `dyn` arguments are safe: a wrong type is a defined error.
    mutating func call(_ f: Builtin, _ args: [Value]) throws(EvalFailure) -> Value {
        func bad() -> EvalFailure {
            .error("no such overload: \(f.rawValue)(\(args.map(\.typeName).joined(separator: ", ")))")
        }
        switch f {
        case .size:
            guard args.count == 1 else { throw bad() }
            switch args[0] {
            case .string(let s): try charge(s.utf8.count / 64); return .int(Int64(s.unicodeScalars.count))
            case .bytes(let b): return .int(Int64(b.count))
            case .list(let l): return .int(Int64(l.count))
            case .map(let m): return .int(Int64(m.count))
            default: throw bad()
            }
        case .int:
            guard args.count == 1 else { throw bad() }
            switch args[0] {
            case .int: return args[0]
            case .uint(let u):
                guard u <= UInt64(Int64.max) else { throw .error("range error: \(u) does not fit an int") }
                return .int(Int64(u))
            case .double(let d):
                guard d.isFinite, d > -9223372036854775808.0, d < 9223372036854775808.0 else { throw .error("range error: \(Value.formatDouble(d)) does not fit an int") }
                return .int(Int64(d))
            case .string(let s):
                guard let i = Int64(s) else { throw .error("cannot convert '\(s)' to int") }
                return .int(i)
            case .timestamp(let t): return .int(t.seconds)
            default: throw bad()
            }
        case .uint:
            guard args.count == 1 else { throw bad() }
            switch args[0] {
            case .uint: return args[0]
            case .int(let i):
                guard i >= 0 else { throw .error("range error: \(i) does not fit a uint") }
                return .uint(UInt64(i))
            case .double(let d):
                guard d.isFinite, d > -1, d < 18446744073709551616.0 else { throw .error("range error: \(Value.formatDouble(d)) does not fit a uint") }
                return .uint(UInt64(d))
            case .string(let s):
                guard let u = UInt64(s) else { throw .error("cannot convert '\(s)' to uint") }
                return .uint(u)
            default: throw bad()
            }
        case .double:
            guard args.count == 1 else { throw bad() }
            switch args[0] {
            case .double: return args[0]
            case .int(let i): return .double(Double(i))
            case .uint(let u): return .double(Double(u))
            case .string(let s):
                guard let d = Double(s) else { throw .error("cannot convert '\(s)' to double") }
                return .double(d)
            default: throw bad()
            }
        case .string:
            guard args.count == 1 else { throw bad() }
            switch args[0] {
            case .string: return args[0]
            case .bytes(let b):
                guard let s = String(validating: b, as: UTF8.self) else { throw .error("invalid UTF-8 in bytes") }
                return .string(s)
            case .int, .uint, .double, .bool, .timestamp, .duration, .date: return .string(args[0].display)
            default: throw bad()
            }
        case .bytes:
            guard args.count == 1 else { throw bad() }
            switch args[0] {
            case .bytes: return args[0]
            case .string(let s): return .bytes(Array(s.utf8))
            default: throw bad()
            }
        case .bool:
            guard args.count == 1 else { throw bad() }
            switch args[0] {
            case .bool: return args[0]
            case .string(let s):
                switch s {
                case "1", "t", "true", "TRUE", "True": return .bool(true)
                case "0", "f", "false", "FALSE", "False": return .bool(false)
                default: throw .error("Type conversion error: cannot convert '\(s)' to bool")
                }
            default: throw bad()
            }
        case .type:
            guard args.count == 1 else { throw bad() }
            return .type(args[0].typeName)
        case .dyn:
            guard args.count == 1 else { throw bad() }
            return args[0]
        case .timestamp:
            guard args.count == 1 else { throw bad() }
            switch args[0] {
            case .timestamp: return args[0]
            case .string(let s):
                guard let t = Instant(rfc3339: s) else { throw .error("cannot parse timestamp '\(s)'") }
                guard t.isInRange else { throw .error("timestamp out of range") }
                return .timestamp(t)
            case .int(let i):
                let t = Instant(seconds: i)
                guard t.isInRange else { throw .error("timestamp out of range") }
                return .timestamp(t)
            default: throw bad()
            }
        case .duration:
            guard args.count == 1 else { throw bad() }
            switch args[0] {
            case .duration: return args[0]
            case .string(let s):
                guard let d = TimeSpan(celText: s) else { throw .error("cannot parse duration '\(s)'") }
                guard d.isInRange else { throw .error("duration out of range") }
                return .duration(d)
            default: throw bad()
            }
        case .date:
            switch (args.first, args.count) {
            case (.date?, 1): return args[0]
            case (.string(let s)?, 1):
                guard let d = CivilDate(iso: s) else { throw .error("cannot parse date '\(s)'; write it like 2026-03-31") }
                return .date(d)
            case (.timestamp(let t)?, _):
                var zone = "UTC"
                if args.count == 2 { guard case .string(let z) = args[1] else { throw bad() }; zone = z }
                return .date(try Self.local(t, zone).date)
            default: throw bad()
            }
        case .matches:
            guard args.count == 2, case .string(let s) = args[0], case .string(let pattern) = args[1] else { throw bad() }
            switch regexCache.regex(pattern) {
            case .success(let regex):
                try charge(s.utf8.count * max(1, regex.size) / 64)
                return .bool(regex.matches(s))
            case .failure(let e): throw .error("invalid regular expression: \(e.message)")
            }
        case .contains, .startsWith, .endsWith:
            guard args.count == 2, case .string(let s) = args[0], case .string(let t) = args[1] else { throw bad() }
            try charge(s.utf8.count / 64)
            if t.isEmpty { return .bool(true) }
            switch f {
            case .contains: return .bool(Self.find(Array(t.unicodeScalars), in: Array(s.unicodeScalars), from: 0) != nil)
            case .startsWith: return .bool(s.unicodeScalars.starts(with: t.unicodeScalars))
            default: return .bool(s.unicodeScalars.reversed().starts(with: t.unicodeScalars.reversed()))
            }
        case .charAt:
            guard args.count == 2, case .string(let s) = args[0], case .int(let i) = args[1] else { throw bad() }
            let chars = Array(s.unicodeScalars)
            guard i >= 0, i <= chars.count else { throw .error("index out of range: \(i)") }
            return .string(i == chars.count ? "" : String(chars[Int(i)]))
        case .indexOf, .lastIndexOf:
            guard args.count == 2 || args.count == 3, case .string(let s) = args[0], case .string(let t) = args[1] else { throw bad() }
            let chars = Array(s.unicodeScalars), needle = Array(t.unicodeScalars)
            try charge(chars.count / 16)
            var position: Int64? = nil
            if args.count == 3 {
                guard case .int(let p) = args[2] else { throw bad() }
                guard p >= 0, p <= chars.count else { throw .error("index out of range: \(p)") }
                position = p
            }
            if f == .indexOf {
                let start = Int(position ?? 0)
                return .int(Int64(Self.find(needle, in: chars, from: start) ?? -1))
            }
            var i = min(Int(position ?? Int64(chars.count)), chars.count - needle.count)
            while i >= 0 {
                if chars[i..<(i + needle.count)].elementsEqual(needle) { return .int(Int64(i)) }
                i -= 1
            }
            return .int(-1)
        case .lowerAscii, .upperAscii:
            guard args.count == 1, case .string(let s) = args[0] else { throw bad() }
            var out = String.UnicodeScalarView()
            for c in s.unicodeScalars {
                if f == .lowerAscii, c >= "A", c <= "Z" { out.append(Unicode.Scalar(c.value + 32)!) } else if f == .upperAscii, c >= "a", c <= "z" { out.append(Unicode.Scalar(c.value - 32)!) } else { out.append(c) }
            }
            return .string(String(out))
        case .trim:
            guard args.count == 1, case .string(let s) = args[0] else { throw bad() }
            let chars = Array(s.unicodeScalars)
            var start = 0, end = chars.count
            while start < end, Self.isSpace(chars[start]) { start += 1 }
            while end > start, Self.isSpace(chars[end - 1]) { end -= 1 }
            var out = String.UnicodeScalarView()
            out.append(contentsOf: chars[start..<end])
            return .string(String(out))
        case .reverse:
            guard args.count == 1, case .string(let s) = args[0] else { throw bad() }
            var out = String.UnicodeScalarView()
            out.append(contentsOf: s.unicodeScalars.reversed())
            return .string(String(out))
        case .replace:
            guard args.count == 3 || args.count == 4, case .string(let s) = args[0], case .string(let old) = args[1],
                  case .string(let new) = args[2] else { throw bad() }
            var limit: Int64 = -1
            if args.count == 4 { guard case .int(let n) = args[3] else { throw bad() }; limit = n }
            let chars = Array(s.unicodeScalars), o = Array(old.unicodeScalars), n = Array(new.unicodeScalars)
            var out = String.UnicodeScalarView()
            var i = 0, done: Int64 = 0
            while i <= chars.count {
                if limit >= 0 && done >= limit { out.append(contentsOf: chars[i...].prefix(chars.count - i)); break }
                if o.isEmpty {
                    out.append(contentsOf: n)
                    done += 1
                    if i < chars.count { out.append(chars[i]) }
                    i += 1
                } else if i + o.count <= chars.count, chars[i..<(i + o.count)].elementsEqual(o) {
                    out.append(contentsOf: n)
                    done += 1
                    i += o.count
                } else {
                    if i < chars.count { out.append(chars[i]) }
                    i += 1
                }
                if out.count > limits.maxStringLength { throw .abort("string longer than \(limits.maxStringLength) characters") }
            }
            try charge(out.count / 64)
            return .string(String(out))
        case .split:
            guard args.count == 2 || args.count == 3, case .string(let s) = args[0], case .string(let sep) = args[1] else { throw bad() }
            var limit: Int64 = -1
            if args.count == 3 { guard case .int(let n) = args[2] else { throw bad() }; limit = n }
            if limit == 0 { return .list([]) }
            let chars = Array(s.unicodeScalars), sepChars = Array(sep.unicodeScalars)
            try charge(chars.count / 16)
            var parts: [Value] = []
            var current = String.UnicodeScalarView()
            var i = 0
            while i < chars.count {
                if limit > 0 && Int64(parts.count) == limit - 1 {
                    current.append(contentsOf: chars[i...])
                    i = chars.count
                    break
                }
                if sepChars.isEmpty {
                    parts.append(.string(String(chars[i])))
                    i += 1
                    continue
                }
                if i + sepChars.count <= chars.count, chars[i..<(i + sepChars.count)].elementsEqual(sepChars) {
                    parts.append(.string(String(current)))
                    current = String.UnicodeScalarView()
                    i += sepChars.count
                } else {
                    current.append(chars[i])
                    i += 1
                }
            }
            if !sepChars.isEmpty || !current.isEmpty { parts.append(.string(String(current))) }
            return .list(parts)
        case .substring:
            guard args.count == 2 || args.count == 3, case .string(let s) = args[0], case .int(let start) = args[1] else { throw bad() }
            let chars = Array(s.unicodeScalars)
            var end = Int64(chars.count)
            if args.count == 3 { guard case .int(let e) = args[2] else { throw bad() }; end = e }
            guard start >= 0, start <= chars.count else { throw .error("index out of range: \(start)") }
            guard end >= 0, end <= chars.count else { throw .error("index out of range: \(end)") }
            guard start <= end else { throw .error("invalid substring range. start: \(start), end: \(end)") }
            var out = String.UnicodeScalarView()
            out.append(contentsOf: chars[Int(start)..<Int(end)])
            return .string(String(out))
        case .join:
            guard args.count == 1 || args.count == 2, case .list(let items) = args[0] else { throw bad() }
            var sep = ""
            if args.count == 2 { guard case .string(let s) = args[1] else { throw bad() }; sep = s }
            var parts: [String] = []
            var length = 0
            for item in items {
                guard case .string(let s) = item else { throw .error("join() needs a list of strings, found \(item.typeName)") }
                length += s.utf8.count + sep.utf8.count
                if length > limits.maxStringLength { throw .abort("string longer than \(limits.maxStringLength) bytes") }
                parts.append(s)
            }
            try charge(length / 64)
            return .string(parts.joined(separator: sep))
        case .quote:
            guard args.count == 1, case .string(let s) = args[0] else { throw bad() }
            var out = "\""
            for c in s.unicodeScalars {
                switch c {
                case "\u{07}": out += "\\a"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{0B}": out += "\\v"
                case "\\": out += "\\\\"
                case "\"": out += "\\\""
                default: out.unicodeScalars.append(c)
                }
            }
            return .string(out + "\"")
        case .format:
            guard args.count == 2, case .string(let s) = args[0], case .list(let values) = args[1] else { throw bad() }
            return .string(try Self.format(s, values, limit: limits.maxStringLength))
        case .getFullYear, .getMonth, .getDate, .getDayOfMonth, .getDayOfWeek, .getDayOfYear,
             .getHours, .getMinutes, .getSeconds, .getMilliseconds:
            return try accessor(f, args, bad)
        case .overlaps:
            guard args.count == 4 else { throw bad() }
            let inclusive: Bool
            if case .date = args[0] { inclusive = true } else { inclusive = false }
            guard let a = try Self.compare(args[0], args[3]), let b = try Self.compare(args[2], args[1]) else { return .bool(false) }
            // Date ranges name whole days, both ends included; other ranges are half-open.
            return .bool(inclusive ? (a <= 0 && b <= 0) : (a < 0 && b < 0))
        case .within:
            guard args.count == 3 else { throw bad() }
            let inclusive: Bool
            if case .date = args[0] { inclusive = true } else { inclusive = false }
            guard let a = try Self.compare(args[1], args[0]), let b = try Self.compare(args[0], args[2]) else { return .bool(false) }
            return .bool(a <= 0 && (inclusive ? b <= 0 : b < 0))
        case .ageAt:
            guard args.count == 2, case .date(let birth) = args[0], case .date(let on) = args[1] else { throw bad() }
            guard birth <= on else { throw .error("age_at: the birth date \(birth) is after \(on)") }
            var years = on.year - birth.year
            if (on.month, on.day) < (birth.month, birth.day) { years -= 1 }
            return .int(Int64(years))
        case .daysBetween:
            guard args.count == 2, case .date(let a) = args[0], case .date(let b) = args[1] else { throw bad() }
            return .int(b.dayNumber - a.dayNumber)
        case .days:
            guard args.count == 1, case .int(let n) = args[0] else { throw bad() }
            let (s, o) = n.multipliedReportingOverflow(by: 86400)
            let span = TimeSpan(seconds: s)
            guard !o, span.isInRange else { throw .error("duration out of range") }
            return .duration(span)
        case .ceil, .floor:
            guard args.count == 1 else { throw bad() }
            switch args[0] {
            case .int: return args[0]
            case .double(let d):
                let r = f == .ceil ? d.rounded(.up) : d.rounded(.down)
                guard r.isFinite, r >= -9223372036854775808.0, r < 9223372036854775808.0 else {
                    throw .error("range error: \(f.rawValue)(\(Value.formatDouble(d))) does not fit an int")
                }
                return .int(Int64(r))
            default: throw bad()
            }
        case .addMonths:
            guard args.count == 2, case .date(let d) = args[0], case .int(let n) = args[1] else { throw bad() }
            // Month arithmetic on the calendar: the day is kept, or clamped to the month's last
            // day (31 January + 1 month = 28 or 29 February; 29 February + 12 = 28 February).
            guard n > -120_000, n < 120_000 else { throw .error("add_months: \(n) months is out of range") }
            let total = Int64(d.year) * 12 + Int64(d.month - 1) + n
            let year = Int(total >= 0 ? total / 12 : (total - 11) / 12)
            let month = Int(total - Int64(year) * 12) + 1
            guard year >= 1, year <= 9999 else { throw .error("add_months: date out of range") }
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            return .date(CivilDate(year: year, month: month, day: min(d.day, lengths[month - 1])))
        case .sum:
            guard args.count == 1, case .list(let items) = args[0] else { throw bad() }
            try charge(items.count / 16)
            guard let first = items.first else { return .int(0) }
            switch first {
            case .int:
                var total: Int64 = 0
                for item in items {
                    guard case .int(let i) = item else { throw .error("sum() needs a list of one numeric type, found \(item.typeName)") }
                    let (r, o) = total.addingReportingOverflow(i)
                    guard !o else { throw .error("integer overflow in sum()") }
                    total = r
                }
                return .int(total)
            case .double:
                var total = 0.0
                for item in items {
                    guard case .double(let x) = item else { throw .error("sum() needs a list of one numeric type, found \(item.typeName)") }
                    total += x
                }
                return .double(total)
            case .duration:
                var seconds: Int64 = 0
                var nanos: Int64 = 0
                for item in items {
                    guard case .duration(let span) = item else { throw .error("sum() needs a list of durations, found \(item.typeName)") }
                    let (r, o) = seconds.addingReportingOverflow(span.seconds)
                    guard !o else { throw .error("duration out of range in sum()") }
                    seconds = r
                    nanos += Int64(span.nanos)
                }
                let (r, o) = seconds.addingReportingOverflow(nanos / 1_000_000_000)
                let span = TimeSpan(seconds: r, nanos: Int32(nanos % 1_000_000_000))
                guard !o, span.isInRange else { throw .error("duration out of range in sum()") }
                return .duration(span)
            default:
                throw .error("sum() needs a list of numbers or durations, found \(first.typeName)")
            }
        case .max, .min:
            guard args.count == 2 else { throw bad() }
            let first: Bool
            switch (args[0], args[1]) {
            case (.int(let a), .int(let b)): first = f == .max ? a >= b : a <= b
            case (.uint(let a), .uint(let b)): first = f == .max ? a >= b : a <= b
            case (.double(let a), .double(let b)):
                // NaN is not a size: a maximum with NaN is NaN, as IEEE 754's maximum says.
                if a.isNaN || b.isNaN { return .double(.nan) }
                first = f == .max ? a >= b : a <= b
            default: throw bad()
            }
            return first ? args[0] : args[1]
        }
    }

    private func accessor(_ f: Builtin, _ args: [Value], _ bad: () -> EvalFailure) throws(EvalFailure) -> Value {
        switch args.first {
        case .duration(let d)?:
            guard args.count == 1 else { throw bad() }
            switch f {
            case .getHours: return .int(d.seconds / 3600)
            case .getMinutes: return .int(d.seconds / 60)
            case .getSeconds: return .int(d.seconds)
            case .getMilliseconds: return .int(Int64(d.nanos / 1_000_000))
            default: throw bad()
            }
        case .timestamp(let t)?:
            var zone = "UTC"
            if args.count == 2 { guard case .string(let z) = args[1] else { throw bad() }; zone = z }
            let local = try Self.local(t, zone)
            switch f {
            case .getHours: return .int(Int64(local.secondOfDay / 3600))
            case .getMinutes: return .int(Int64(local.secondOfDay / 60 % 60))
            case .getSeconds: return .int(Int64(local.secondOfDay % 60))
            case .getMilliseconds: return .int(Int64(t.nanos / 1_000_000))
            default: return try Self.dateAccessor(f, local.date, bad)
            }
        case .date(let d)?:
            guard args.count == 1 else { throw bad() }
            return try Self.dateAccessor(f, d, bad)
        default: throw bad()
        }
    }

    private static func dateAccessor(_ f: Builtin, _ d: CivilDate, _ bad: () -> EvalFailure) throws(EvalFailure) -> Value {
        switch f {
        case .getFullYear: return .int(Int64(d.year))
        case .getMonth: return .int(Int64(d.month - 1))
        case .getDate: return .int(Int64(d.day))
        case .getDayOfMonth: return .int(Int64(d.day - 1))
        case .getDayOfWeek: return .int(Int64(d.dayOfWeek))
        case .getDayOfYear: return .int(Int64(d.dayOfYear))
        default: throw bad()
        }
    }

    /// The civil date and second of day of an instant in a time zone.
    static func local(_ t: Instant, _ zone: String) throws(EvalFailure) -> (date: CivilDate, secondOfDay: Int) {
        guard let offset = TimeZones.offset(zone, at: t) else { throw .error("unknown time zone '\(zone)'") }
        let s = try checked(t.seconds, 1, Int64(offset))
        var days = s / 86400
        var second = s % 86400
        if second < 0 { second += 86400; days -= 1 }
        return (CivilDate(dayNumber: days), Int(second))
    }

    static func find(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from start: Int) -> Int? {
        if needle.isEmpty { return start }
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        for i in start...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }

    /// White space as CEL's `trim` (Go's `unicode.IsSpace`) defines it.
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// CEL's `string.format(list)`: `%s %d %f %e %x %X %o %b` and `%%`, with `.N` precision.
    static func format(_ template: String, _ values: [Value], limit: Int) throws(EvalFailure) -> String {
        var out = ""
        var chars = Array(template.unicodeScalars)[...]
        var next = 0
        while let c = chars.first {
            chars = chars.dropFirst()
            if c != "%" { out.unicodeScalars.append(c); continue }
            if chars.first == "%" { chars = chars.dropFirst(); out += "%"; continue }
            var precision: Int?
            if chars.first == "." {
                chars = chars.dropFirst()
                var digits = ""
                while let d = chars.first, d >= "0", d <= "9", digits.count < 3 { digits.unicodeScalars.append(d); chars = chars.dropFirst() }
                precision = Int(digits) ?? 0
            }
            guard let verb = chars.first else { throw .error("could not parse formatting clause: unterminated clause") }
            chars = chars.dropFirst()
            guard next < values.count else { throw .error("index \(next) out of range") }
            let v = values[next]
            next += 1
            out += try formatClause(verb, precision, v)
            if out.utf8.count > limit { throw .abort("string longer than \(limit) bytes") }
        }
        return out
    }

    private static func formatClause(_ verb: Unicode.Scalar, _ precision: Int?, _ v: Value) throws(EvalFailure) -> String {
        func special(_ d: Double) -> String? {
            d.isNaN ? "NaN" : (d.isInfinite ? (d > 0 ? "Infinity" : "-Infinity") : nil)
        }
        switch verb {
        case "s":
            return try formatString(v)
        case "d":
            switch v {
            case .int(let i): return String(i)
            case .uint(let u): return String(u)
            case .double(let d): if let s = special(d) { return s }; fallthrough
            default: throw .error("error during formatting: decimal clause can only be used on integers, was given \(v.typeName)")
            }
        case "f", "e":
            let d: Double
            switch v {
            case .double(let x): d = x
            case .int(let i): d = Double(i)
            case .uint(let u): d = Double(u)
            default: throw .error("error during formatting: fixed-point clause can only be used on doubles, was given \(v.typeName)")
            }
            if let s = special(d) { return s }
            return String(format: "%.\(precision ?? 6)\(verb)", d)
        case "x", "X", "o", "b":
            let radix = verb == "o" ? 8 : (verb == "b" ? 2 : 16)
            var s: String
            switch v {
            case .int(let i): s = String(i, radix: radix)
            case .uint(let u): s = String(u, radix: radix)
            case .bool(let b) where radix == 2: s = b ? "1" : "0"
            case .string(let str) where radix == 16: s = str.utf8.map { pad2hex($0) }.joined()
            case .bytes(let b) where radix == 16: s = b.map { pad2hex($0) }.joined()
            default:
                let name = verb == "o" ? "octal clause" : (verb == "b" ? "binary clause" : "hex clause")
                throw .error("error during formatting: only integers\(radix == 16 ? ", byte buffers, and strings" : "") can be formatted with the \(name), was given \(v.typeName)")
            }
            if verb == "X" { s = s.uppercased() }
            return s
        default:
            throw .error("could not parse formatting clause: unrecognized formatting clause \"\(verb)\"")
        }
    }

    private static func pad2hex(_ b: UInt8) -> String {
        let s = String(b, radix: 16)
        return s.count == 1 ? "0" + s : s
    }

    private static func formatString(_ v: Value) throws(EvalFailure) -> String {
        switch v {
        case .list(let items):
            var parts: [String] = []
            for item in items { parts.append(try formatString(item)) }
            return "[" + parts.joined(separator: ", ") + "]"
        case .map(let entries):
            var parts: [(String, String)] = []
            for e in entries { parts.append((try formatString(e.key), try formatString(e.value))) }
            return "{" + parts.sorted { $0.0 < $1.0 }.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
        case .bytes(let b):
            guard let s = String(validating: b, as: UTF8.self) else { throw .error("invalid UTF-8 in bytes") }
            return s
        default:
            return v.display
        }
    }
}
