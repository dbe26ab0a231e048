/// A parsed pattern, before it is compiled to instructions.
indirect enum RegexNode {
    case empty
    case char(CharMatcher)
    case assert(AssertKind)
    case concat([RegexNode])
    case alternate([RegexNode])
    case `repeat`(RegexNode, min: Int, max: Int?)
}

/// Reads an RE2 pattern into a `RegexNode` tree; errors name the offset of the atom at fault.
struct RegexParser {
    let chars: [Unicode.Scalar]
    var position = 0
    var caseInsensitive = false
    var dotAll = false
    var multiLine = false
    /// Start of the atom being parsed, where errors are reported.
    var atomStart = 0

    func fail(_ message: String) -> Regex.ParseError {
        Regex.ParseError(message: message, offset: atomStart)
    }

    init(_ chars: [Unicode.Scalar]) { self.chars = chars }

    func peek(_ k: Int = 0) -> Unicode.Scalar? { position + k < chars.count ? chars[position + k] : nil }

    mutating func parseAlternation(depth: Int) throws(Regex.ParseError) -> RegexNode {
        if depth > 100 { throw fail( "regular expression nests too deeply") }
        var branches = [try parseConcat(depth: depth)]
        while peek() == "|" {
            position += 1
            branches.append(try parseConcat(depth: depth))
        }
        return branches.count == 1 ? branches[0] : .alternate(branches)
    }

    mutating func parseConcat(depth: Int) throws(Regex.ParseError) -> RegexNode {
        var items: [RegexNode] = []
        while let c = peek(), c != "|", c != ")" {
            var atom = try parseAtom(depth: depth)
            // Quantifiers.
            while let q = peek() {
                var minCount = 0, maxCount: Int? = nil
                if q == "*" { position += 1 } else if q == "+" { minCount = 1; position += 1 } else if q == "?" { maxCount = 1; position += 1 } else if q == "{", let (lo, hi, length) = parseBraces() {
                    position += length
                    minCount = lo
                    maxCount = hi
                } else { break }
                if case .assert = atom { throw fail( "missing argument to repetition operator") }
                if case .empty = atom { throw fail( "missing argument to repetition operator") }
                if peek() == "?" { position += 1 } // lazy: same answer for a yes/no match
                if let next = peek(), next == "*" || next == "+" || (next == "?" ) {
                    throw fail( "invalid nested repetition operator '\(next)'")
                }
                atom = .repeat(atom, min: minCount, max: maxCount)
            }
            items.append(atom)
        }
        if items.isEmpty { return .empty }
        return items.count == 1 ? items[0] : .concat(items)
    }

    /// `{m}`, `{m,}`, `{m,n}` at the current position: (min, max, length), or nil if the brace
    /// is a literal (RE2 treats a malformed brace as literal text).
    func parseBraces() -> (Int, Int?, Int)? {
        var k = 1
        var first = "", second = ""
        var comma = false
        while let c = peek(k), c != "}" {
            if c == "," { if comma { return nil }; comma = true } else if c >= "0" && c <= "9" { if comma { second.unicodeScalars.append(c) } else { first.unicodeScalars.append(c) } } else { return nil }
            k += 1
            if k > 12 { return nil }
        }
        guard peek(k) == "}", let lo = Int(first) else { return nil }
        let hi: Int? = comma ? (second.isEmpty ? nil : Int(second)) : lo
        return (lo, hi, k + 1)
    }

    mutating func parseAtom(depth: Int) throws(Regex.ParseError) -> RegexNode {
        guard let c = peek() else { return .empty }
        atomStart = position
        position += 1
        switch c {
        case "(":
            if peek() == "?" {
                if peek(1) == "=" || peek(1) == "!" || (peek(1) == "<" && (peek(2) == "=" || peek(2) == "!")) {
                    throw fail( "lookaround assertions like '(?=' are not supported (RE2 syntax)")
                }
                if peek(1) == "P" || peek(1) == "<" {
                    // Named group: (?P<name>…) or (?<name>…).
                    while let d = peek(), d != ">" { position += 1 }
                    guard peek() == ">" else { throw fail( "invalid named capture group") }
                    position += 1
                    return try group(depth: depth)
                }
                // Flags: (?i) or (?i:…).
                position += 1
                let saved = (caseInsensitive, dotAll, multiLine)
                var on = true
                while let f = peek(), f != ")" && f != ":" {
                    switch f {
                    case "i": caseInsensitive = on
                    case "s": dotAll = on
                    case "m": multiLine = on
                    case "U": break
                    case "-": on = false
                    default: throw fail( "unsupported group flag '\(f)'")
                    }
                    position += 1
                }
                guard let end = peek() else { throw fail( "missing ')'") }
                position += 1
                if end == ")" { return .empty }
                let inner = try group(depth: depth)
                (caseInsensitive, dotAll, multiLine) = saved
                return inner
            }
            return try group(depth: depth)
        case ")":
            throw fail( "unexpected ')'")
        case ".":
            let ranges: [ClosedRange<UInt32>] = dotAll ? [0...0x10FFFF] : [0...9, 11...0x10FFFF]
            return .char(CharMatcher(ranges: ranges, negated: false, caseInsensitive: false))
        case "^": return .assert(multiLine ? .lineStart : .textStart)
        case "$": return .assert(multiLine ? .lineEnd : .textEnd)
        case "[": return .char(try parseClass())
        case "\\": return try parseEscape(inClass: false)
        case "*", "+", "?":
            throw fail( "missing argument to repetition operator '\(c)'")
        default:
            return .char(CharMatcher(ranges: [c.value...c.value], negated: false, caseInsensitive: caseInsensitive))
        }
    }

    mutating func group(depth: Int) throws(Regex.ParseError) -> RegexNode {
        let inner = try parseAlternation(depth: depth + 1)
        guard peek() == ")" else { throw fail( "missing ')'") }
        position += 1
        return inner
    }

    static let digit: [ClosedRange<UInt32>] = [48...57]
    static let word: [ClosedRange<UInt32>] = [48...57, 65...90, 95...95, 97...122]
    static let space: [ClosedRange<UInt32>] = [9...10, 12...13, 32...32]

    mutating func parseEscape(inClass: Bool) throws(Regex.ParseError) -> RegexNode {
        guard let e = peek() else { throw fail( "trailing backslash") }
        position += 1
        func set(_ r: [ClosedRange<UInt32>], _ negated: Bool) -> RegexNode {
            .char(CharMatcher(ranges: r, negated: negated, caseInsensitive: false))
        }
        func literal(_ s: Unicode.Scalar) -> RegexNode {
            .char(CharMatcher(ranges: [s.value...s.value], negated: false, caseInsensitive: caseInsensitive))
        }
        switch e {
        case "d": return set(Self.digit, false)
        case "D": return set(Self.digit, true)
        case "w": return set(Self.word, false)
        case "W": return set(Self.word, true)
        case "s": return set(Self.space, false)
        case "S": return set(Self.space, true)
        case "n": return literal("\n")
        case "t": return literal("\t")
        case "r": return literal("\r")
        case "f": return literal("\u{0C}")
        case "v": return literal("\u{0B}")
        case "A" where !inClass: return .assert(.textStart)
        case "z" where !inClass: return .assert(.textEnd)
        case "b" where !inClass: return .assert(.wordBoundary)
        case "B" where !inClass: return .assert(.notWordBoundary)
        case "1"..."9":
            throw fail( "backreferences like '\\\(e)' are not supported (RE2 syntax)")
        case "x":
            var value: UInt32 = 0
            var digits = 0
            if peek() == "{" {
                position += 1
                while let h = peek(), h != "}" {
                    guard let v = h.properties.numericType != nil ? UInt32(String(h), radix: 16) : UInt32(String(h), radix: 16) else { throw fail( "invalid \\x escape") }
                    value = value * 16 + v
                    digits += 1
                    position += 1
                    if digits > 6 { throw fail( "invalid \\x escape") }
                }
                position += 1
            } else {
                for _ in 0..<2 {
                    guard let h = peek(), let v = UInt32(String(h), radix: 16) else { throw fail( "invalid \\x escape") }
                    value = value * 16 + v
                    position += 1
                }
            }
            guard let s = Unicode.Scalar(value) else { throw fail( "invalid \\x escape") }
            return literal(s)
        case "p", "P":
            throw fail( "Unicode classes like '\\\(e)' are not supported")
        default:
            if e.isASCII && (e.properties.isAlphabetic || e == "0") {
                throw fail( "invalid escape sequence '\\\(e)'")
            }
            return literal(e)
        }
    }

    mutating func parseClass() throws(Regex.ParseError) -> CharMatcher {
        var negated = false
        if peek() == "^" { negated = true; position += 1 }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while true {
            guard let c = peek() else { throw fail( "missing ']' in character class") }
            if c == "]" && !first { position += 1; break }
            first = false
            if c == "[" && peek(1) == ":" {
                // POSIX classes: [:alpha:] etc.
                var k = 2
                var name = ""
                while let d = peek(k), d != ":" { name.unicodeScalars.append(d); k += 1 }
                guard peek(k) == ":", peek(k + 1) == "]" else { throw fail( "invalid character class") }
                position += k + 2
                switch name {
                case "alpha": ranges += [65...90, 97...122]
                case "digit": ranges += Self.digit
                case "alnum": ranges += [48...57, 65...90, 97...122]
                case "upper": ranges += [65...90]
                case "lower": ranges += [97...122]
                case "space": ranges += [9...13, 32...32]
                case "punct": ranges += [33...47, 58...64, 91...96, 123...126]
                case "xdigit": ranges += [48...57, 65...70, 97...102]
                case "word": ranges += Self.word
                default: throw fail( "unknown class [:\(name):]")
                }
                continue
            }
            var low: UInt32
            if c == "\\" {
                position += 1
                switch try parseEscape(inClass: true) {
                case .char(let m) where m.negated == false && m.ranges.count == 1 && m.ranges[0].count == 1:
                    low = m.ranges[0].lowerBound
                case .char(let m) where !m.negated:
                    ranges += m.ranges
                    continue
                case .char(let m):
                    // A negated shorthand inside a class: add its complement.
                    var start: UInt32 = 0
                    for r in m.ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                        if r.lowerBound > start { ranges.append(start...(r.lowerBound - 1)) }
                        start = r.upperBound + 1
                    }
                    ranges.append(start...0x10FFFF)
                    continue
                default: throw fail( "invalid escape in character class")
                }
            } else {
                position += 1
                low = c.value
            }
            if peek() == "-", let h = peek(1), h != "]" {
                position += 1
                var high = h.value
                if h == "\\" {
                    position += 1
                    guard case .char(let m) = try parseEscape(inClass: true), m.ranges.count == 1, m.ranges[0].count == 1 else {
                        throw fail( "invalid character class range")
                    }
                    high = m.ranges[0].lowerBound
                } else {
                    position += 1
                }
                guard low <= high else { throw fail( "invalid character class range") }
                ranges.append(low...high)
            } else {
                ranges.append(low...low)
            }
        }
        return CharMatcher(ranges: ranges, negated: negated, caseInsensitive: caseInsensitive)
    }
}
