import Foundation

extension Evaluator {
    /// Runs one of the functions over strings: matching, searching, cutting, joining, quoting
    /// and formatting (CEL's strings extension).
    mutating func stringFunction(_ f: Builtin, _ args: [Value], _ bad: () -> EvalFailure) throws(EvalFailure) -> Value {
        switch f {
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
            return .string("\"" + Self.quoteEscapes(s) + "\"")
        case .format:
            guard args.count == 2, case .string(let s) = args[0], case .list(let values) = args[1] else { throw bad() }
            return .string(try Self.format(s, values, limit: limits.maxStringLength))
        default: throw bad()
        }
    }

    /// How `quote()` writes a string: the escapes of a CEL (and Go) string literal.
    static let quoteEscapes = ScalarEscapes(["\u{07}": "\\a", "\u{08}": "\\b", "\u{0C}": "\\f", "\n": "\\n", "\r": "\\r",
                                             "\t": "\\t", "\u{0B}": "\\v", "\\": "\\\\", "\"": "\\\""])

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
