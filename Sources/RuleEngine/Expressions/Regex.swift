import Foundation

/// A regular expression in RE2 syntax, matched by a Pike VM (a Thompson-NFA simulation) over
/// Unicode scalars: time is linear in the text for a given pattern, so no pattern can backtrack
/// catastrophically. `matches` is a search, as in CEL: anchor with `^…$` for a whole match.
///
/// Supported: literals, `.`, classes (`[a-z]`, `[^…]`, `\d \w \s` and their negations), anchors
/// (`^ $ \A \z \b \B`), groups `( )`, `(?: )`, `(?P<name> )`, flags `(?i)`, `(?s)`, `(?m)`, alternation,
/// and `* + ? {m} {m,} {m,n}` (n ≤ 1000, lazy forms accepted). RE2 refuses backreferences and
/// lookaround; so does this.
struct Regex: Sendable {
    fileprivate var program: [Instruction]
    /// The number of instructions, for cost accounting.
    var size: Int { program.count }
    /// Whether every match must start at the beginning of the text (the pattern begins with
    /// `^` or `\A`): then no thread starts later, and matching stops once none is left.
    private var anchored: Bool {
        if case .assert(.textStart) = program.first { return true }
        return false
    }

    struct ParseError: Error, Sendable {
        var message: String
        /// Where in the pattern (Unicode scalars) the problem starts, when known.
        var offset: Int? = nil
    }

    static let maxRepeat = 1000
    static let maxProgram = 20_000

    static func compile(_ pattern: String) -> Result<Regex, ParseError> {
        do {
            var parser = RegexParser(Array(pattern.unicodeScalars))
            let tree = try parser.parseAlternation(depth: 0)
            if parser.position < parser.chars.count {
                throw ParseError(message: "unmatched ')' in '\(pattern)'")
            }
            var compiler = RegexCompiler()
            try compiler.emit(tree)
            compiler.program.append(.match)
            return .success(Regex(program: compiler.program))
        } catch let error as ParseError {
            return .failure(error)
        } catch {
            return .failure(ParseError(message: "\(error)"))
        }
    }

    /// Whether the pattern matches anywhere in `text`.
    func matches(_ text: String) -> Bool {
        let chars = Array(text.unicodeScalars)
        var current = ThreadList(capacity: program.count)
        var next = ThreadList(capacity: program.count)
        var stack: [Int] = []
        let anchored = self.anchored
        for i in 0...chars.count {
            // Unanchored search: a new thread starts at every position.
            if i == 0 || !anchored {
                if add(0, at: i, chars, &current, &stack) { return true }
            }
            if current.count == 0 && (anchored || i == chars.count) { break }
            guard i < chars.count else { break }
            let c = chars[i]
            next.clear()
            for t in 0..<current.count {
                let pc = current.dense[t]
                if case .char(let m) = program[pc], m.matches(c) {
                    if add(pc + 1, at: i + 1, chars, &next, &stack) { return true }
                }
            }
            swap(&current, &next)
        }
        return false
    }

    /// Adds the thread at `pc` and everything reachable without consuming input; true when a
    /// match is reachable.
    private func add(_ start: Int, at position: Int, _ chars: [Unicode.Scalar], _ list: inout ThreadList, _ stack: inout [Int]) -> Bool {
        stack.removeAll(keepingCapacity: true)
        stack.append(start)
        while let pc = stack.popLast() {
            if list.contains(pc) { continue }
            list.insert(pc)
            switch program[pc] {
            case .match: return true
            case .jump(let target): stack.append(target)
            case .split(let a, let b): stack.append(b); stack.append(a)
            case .assert(let kind):
                if Self.holds(kind, at: position, chars) { stack.append(pc + 1) }
            case .char: break
            }
        }
        return false
    }

    private static func isWord(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_"
    }

    private static func holds(_ kind: AssertKind, at i: Int, _ chars: [Unicode.Scalar]) -> Bool {
        switch kind {
        case .textStart: return i == 0
        case .textEnd: return i == chars.count
        case .lineStart: return i == 0 || chars[i - 1] == "\n"
        case .lineEnd: return i == chars.count || chars[i] == "\n"
        case .wordBoundary, .notWordBoundary:
            let before = i > 0 && isWord(chars[i - 1])
            let after = i < chars.count && isWord(chars[i])
            return (before != after) == (kind == .wordBoundary)
        }
    }
}

/// Compiled patterns that come from data, per expression: a rule that matches every record
/// against the same parameter compiles it once. Bounded, and safe to share between threads.
final class RegexCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: Result<Regex, Regex.ParseError>] = [:]
    static let capacity = 64

    func regex(_ pattern: String) -> Result<Regex, Regex.ParseError> {
        lock.lock()
        defer { lock.unlock() }
        if let cached = entries[pattern] { return cached }
        let compiled = Regex.compile(pattern)
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[pattern] = compiled
        return compiled
    }
}

private struct ThreadList {
    var dense: [Int]
    var sparse: [Int]
    var count = 0
    init(capacity: Int) {
        dense = Array(repeating: 0, count: capacity)
        sparse = Array(repeating: 0, count: capacity)
    }
    func contains(_ pc: Int) -> Bool {
        let i = sparse[pc]
        return i < count && dense[i] == pc
    }
    mutating func insert(_ pc: Int) {
        sparse[pc] = count
        dense[count] = pc
        count += 1
    }
    mutating func clear() { count = 0 }
}

enum AssertKind: Sendable { case textStart, textEnd, lineStart, lineEnd, wordBoundary, notWordBoundary }

fileprivate enum Instruction: Sendable {
    case char(CharMatcher)
    case split(Int, Int)
    case jump(Int)
    case assert(AssertKind)
    case match
}

struct CharMatcher: Sendable {
    var ranges: [ClosedRange<UInt32>]
    var negated: Bool
    var caseInsensitive: Bool

    func matches(_ c: Unicode.Scalar) -> Bool {
        var hit = ranges.contains { $0.contains(c.value) }
        if !hit && caseInsensitive {
            for alt in Self.caseVariants(c) where ranges.contains(where: { $0.contains(alt.value) }) { hit = true; break }
        }
        return hit != negated
    }

    static func caseVariants(_ c: Unicode.Scalar) -> [Unicode.Scalar] {
        if c.isASCII {
            if c >= "a" && c <= "z" { return [Unicode.Scalar(c.value - 32)!] }
            if c >= "A" && c <= "Z" { return [Unicode.Scalar(c.value + 32)!] }
            return []
        }
        var out: [Unicode.Scalar] = []
        for s in [c.properties.lowercaseMapping, c.properties.uppercaseMapping] {
            let scalars = Array(s.unicodeScalars)
            if scalars.count == 1, scalars[0] != c { out.append(scalars[0]) }
        }
        return out
    }
}

private indirect enum RegexNode {
    case empty
    case char(CharMatcher)
    case assert(AssertKind)
    case concat([RegexNode])
    case alternate([RegexNode])
    case `repeat`(RegexNode, min: Int, max: Int?)
}

private struct RegexParser {
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

private struct RegexCompiler {
    var program: [Instruction] = []

    mutating func append(_ i: Instruction) throws(Regex.ParseError) {
        if program.count >= Regex.maxProgram { throw Regex.ParseError(message: "regular expression too large") }
        program.append(i)
    }

    mutating func emit(_ node: RegexNode) throws(Regex.ParseError) {
        switch node {
        case .empty: break
        case .char(let m): try append(.char(m))
        case .assert(let k): try append(.assert(k))
        case .concat(let items): for item in items { try emit(item) }
        case .alternate(let branches):
            var jumps: [Int] = []
            for (i, branch) in branches.enumerated() {
                if i < branches.count - 1 {
                    let split = program.count
                    try append(.split(split + 1, -1))
                    try emit(branch)
                    jumps.append(program.count)
                    try append(.jump(-1))
                    program[split] = .split(split + 1, program.count)
                } else {
                    try emit(branch)
                }
            }
            for j in jumps { program[j] = .jump(program.count) }
        case .repeat(let inner, let lo, let hi):
            if lo > Regex.maxRepeat || (hi ?? 0) > Regex.maxRepeat {
                throw Regex.ParseError(message: "repetition count above \(Regex.maxRepeat)")
            }
            if let hi, hi < lo { throw Regex.ParseError(message: "invalid repetition range {\(lo),\(hi)}") }
            for _ in 0..<lo { try emit(inner) }
            if let hi {
                // Optional copies: (x(x(x)?)?)?
                var splits: [Int] = []
                for _ in lo..<hi {
                    splits.append(program.count)
                    try append(.split(program.count + 1, -1))
                    try emit(inner)
                }
                for s in splits { program[s] = .split(s + 1, program.count) }
            } else {
                // Star: L: split(body, end); body; jump L
                let loop = program.count
                try append(.split(loop + 1, -1))
                let bodyStart = program.count
                try emit(inner)
                if program.count == bodyStart {
                    // An empty body would loop without consuming: drop the loop.
                    program.removeLast()
                    return
                }
                try append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
    }
}
