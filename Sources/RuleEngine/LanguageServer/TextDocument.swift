import Foundation

/// An LSP position: a 0-based line and a 0-based column in UTF-16 code units.
public struct Position: Hashable, Sendable, Comparable {
    public var line: Int
    public var character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    public var json: JSON { .object(["line": .int(line), "character": .int(character)]) }

    public init?(_ json: JSON?) {
        guard let line = json?["line"]?.int, let character = json?["character"]?.int, line >= 0, character >= 0 else { return nil }
        self.init(line: line, character: character)
    }

    public static func < (a: Position, b: Position) -> Bool { (a.line, a.character) < (b.line, b.character) }
}

public struct TextRange: Hashable, Sendable {
    public var start: Position
    public var end: Position

    public init(start: Position, end: Position) {
        self.start = start
        self.end = end
    }

    public var json: JSON { .object(["start": start.json, "end": end.json]) }

    public func contains(_ p: Position) -> Bool { start <= p && p <= end }
}

/// The text of a file as the editor holds it (or as read from disk), with its lines indexed so
/// that positions convert both ways without copying a 50 MB roster into lines.
public struct TextDocument: Sendable {
    public var path: String
    public var version: Int
    public let bytes: [UInt8]
    /// UTF-8 offset of the start of each line.
    let lineStarts: [Int]

    public init(path: String, text: String, version: Int = 0) {
        self.init(path: path, bytes: Array(text.utf8), version: version)
    }

    public init(path: String, bytes: [UInt8], version: Int = 0) {
        self.path = path
        self.version = version
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        bytes.withUnsafeBufferPointer { b in
            for i in 0..<b.count where b[i] == 10 { starts.append(i + 1) }
        }
        lineStarts = starts
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }
    public var lineCount: Int { lineStarts.count }

    /// Line `n` (0-based) without its line end; empty past the end.
    public func line(_ n: Int) -> String {
        guard n >= 0, n < lineStarts.count else { return "" }
        var end = n + 1 < lineStarts.count ? lineStarts[n + 1] - 1 : bytes.count
        if end > lineStarts[n], end - 1 < bytes.count, end - 1 >= 0, bytes[end - 1] == 13 { end -= 1 }
        return String(decoding: bytes[lineStarts[n]..<max(end, lineStarts[n])], as: UTF8.self)
    }

    /// The LSP position of a 1-based line and 1-based column counted in Unicode scalars.
    public func position(line: Int, column: Int) -> Position {
        let l = max(0, line - 1)
        let text = self.line(l)
        var utf16 = 0
        for (k, u) in text.unicodeScalars.enumerated() {
            if k >= column - 1 { break }
            utf16 += u.utf16.count
        }
        return Position(line: l, character: utf16)
    }

    /// The range a diagnostic at `location` underlines: the word starting there (up to a space,
    /// a comma or a colon), or the whole line when nothing is there.
    public func range(at location: Location) -> TextRange {
        var column = location.column
        if path.lowercased().hasSuffix(".csv") {
            // In a CSV file a location's column is a field number (docs/data-model.md).
            column = RuleTests.csvFieldColumn(Substring(line(location.line - 1)), field: location.column)
        }
        let start = position(line: location.line, column: column)
        let text = Array(line(start.line).utf16)
        var end = start.character
        // A CSV field runs to its separator (a date-time holds ':' and spaces are data).
        let stops: Set<UInt16> = path.lowercased().hasSuffix(".csv") ? [44, 59] : [32, 44, 58, 59, 9]
        while end < text.count, !stops.contains(text[end]) { end += 1 }
        if end == start.character {
            return TextRange(start: Position(line: start.line, character: 0), end: Position(line: start.line, character: text.count))
        }
        return TextRange(start: start, end: Position(line: start.line, character: end))
    }

    /// The word under `p` made of letters, digits and `_ . - :` (ids like `spv.vsav-crew`,
    /// `unit:cis-a`), with its range.
    public func word(at p: Position, extra: Set<Character> = ["_", ".", "-"]) -> (text: String, range: TextRange)? {
        let chars = Array(line(p.line).utf16)
        func isWord(_ c: UInt16) -> Bool {
            guard let s = Unicode.Scalar(c) else { return false }
            return Character(s).isLetter || Character(s).isNumber || extra.contains(Character(s))
        }
        var a = min(p.character, chars.count), b = a
        while a > 0, isWord(chars[a - 1]) { a -= 1 }
        while b < chars.count, isWord(chars[b]) { b += 1 }
        guard a < b else { return nil }
        var text = String(decoding: chars[a..<b], as: UTF16.self)
        // A sentence's full stop is not part of the word.
        while text.hasSuffix(".") { text.removeLast(); b -= 1 }
        guard !text.isEmpty else { return nil }
        return (text, TextRange(start: Position(line: p.line, character: a), end: Position(line: p.line, character: b)))
    }

    /// The text of line `p.line` before `p`.
    public func prefix(at p: Position) -> String {
        let chars = Array(line(p.line).utf16)
        return String(decoding: chars[0..<min(p.character, chars.count)], as: UTF16.self)
    }
}

/// `file://` URIs and paths.
public enum FileURI {
    public static func path(_ uri: String) -> String? {
        guard uri.hasPrefix("file://"), let url = URL(string: uri) else { return nil }
        return url.standardizedFileURL.path
    }

    public static func uri(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.absoluteString
    }
}
