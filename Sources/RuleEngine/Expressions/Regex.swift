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

enum Instruction: Sendable {
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
