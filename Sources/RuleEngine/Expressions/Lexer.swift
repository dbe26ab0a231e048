/// An error in the expression text, at an offset (in Unicode scalars) from its start.
struct SyntaxError: Error, Sendable {
    var offset: Int
    var message: String
}

struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case ident(String)
        /// A back-quoted field name (`` x.`content-type` ``).
        case quotedIdent(String)
        /// An integer literal's magnitude; the parser applies a leading minus.
        case int(UInt64)
        case uint(UInt64)
        case double(Double)
        case string(String)
        case bytes([UInt8])
        case punct(String)
        case eof
    }
    var kind: Kind
    var offset: Int
}

/// Splits CEL source text into tokens, following CEL's lexical grammar (string prefixes,
/// escapes, triple quotes, hexadecimal and unsigned integers, `//` comments).
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    static func tokenize(_ source: String) throws(SyntaxError) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .eof { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let index = position + ahead
        return index < scalars.count ? scalars[index] : nil
    }

    private static func isIdentStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }
    private static func isDigit(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return c >= "0" && c <= "9"
    }
    private static func hexValue(_ c: Unicode.Scalar?) -> UInt32? {
        guard let c else { return nil }
        switch c {
        case "0"..."9": return c.value - 48
        case "a"..."f": return c.value - 87
        case "A"..."F": return c.value - 55
        default: return nil
        }
    }

    mutating func next() throws(SyntaxError) -> Token {
        skipTrivia()
        let start = position
        guard let c = peek() else { return Token(kind: .eof, offset: start) }

        // String and bytes literals, with optional r/b prefixes.
        if c == "\"" || c == "'" {
            return try lexString(start: start, raw: false, bytes: false)
        }
        if let prefix = stringPrefix() {
            position += prefix.length
            return try lexString(start: start, raw: prefix.raw, bytes: prefix.bytes)
        }
        if Self.isIdentStart(c) {
            var name = ""
            while let d = peek(), Self.isIdentStart(d) || Self.isDigit(d) {
                name.unicodeScalars.append(d)
                position += 1
            }
            return Token(kind: .ident(name), offset: start)
        }
        if c == "`" {
            position += 1
            var name = ""
            while let d = peek(), d != "`" {
                if d == "\n" || d == "\r" { break }
                name.unicodeScalars.append(d)
                position += 1
            }
            guard peek() == "`", !name.isEmpty else {
                throw SyntaxError(offset: start, message: "unterminated back-quoted name")
            }
            position += 1
            return Token(kind: .quotedIdent(name), offset: start)
        }
        if Self.isDigit(c) || (c == "." && Self.isDigit(peek(1))) {
            return try lexNumber(start: start)
        }
        let two = peek(1).map { String(c) + String($0) } ?? ""
        if ["==", "!=", "<=", ">=", "&&", "||"].contains(two) {
            position += 2
            return Token(kind: .punct(two), offset: start)
        }
        if "+-*/%!<>?:.,[](){}=".unicodeScalars.contains(c) {
            position += 1
            return Token(kind: .punct(String(c)), offset: start)
        }
        throw SyntaxError(offset: start, message: "unexpected character '\(c)'")
    }

    private mutating func skipTrivia() {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
                position += 1
            } else if c == "/" && peek(1) == "/" {
                while let d = peek(), d != "\n" { position += 1 }
            } else {
                return
            }
        }
    }

    private func stringPrefix() -> (length: Int, raw: Bool, bytes: Bool)? {
        var raw = false, bytes = false, length = 0
        while length < 2, let c = peek(length) {
            if (c == "r" || c == "R") && !raw { raw = true } else if (c == "b" || c == "B") && !bytes { bytes = true } else { break }
            length += 1
        }
        guard length > 0, let quote = peek(length), quote == "\"" || quote == "'" else { return nil }
        return (length, raw, bytes)
    }

    private mutating func lexNumber(start: Int) throws(SyntaxError) -> Token {
        if peek() == "0", let x = peek(1), x == "x" || x == "X" {
            position += 2
            var value: UInt64 = 0
            var digits = 0
            while let h = Self.hexValue(peek()) {
                let (m, o1) = value.multipliedReportingOverflow(by: 16)
                let (s, o2) = m.addingReportingOverflow(UInt64(h))
                if o1 || o2 { throw SyntaxError(offset: start, message: "integer literal out of range") }
                value = s
                digits += 1
                position += 1
            }
            if digits == 0 { throw SyntaxError(offset: start, message: "hexadecimal literal without digits") }
            if let u = peek(), u == "u" || u == "U" {
                position += 1
                return Token(kind: .uint(value), offset: start)
            }
            return Token(kind: .int(value), offset: start)
        }
        var text = ""
        var isDouble = false
        while Self.isDigit(peek()) { text.unicodeScalars.append(peek()!); position += 1 }
        if peek() == ".", Self.isDigit(peek(1)) {
            isDouble = true
            text += "."
            position += 1
            while Self.isDigit(peek()) { text.unicodeScalars.append(peek()!); position += 1 }
        }
        if let e = peek(), e == "e" || e == "E" {
            var ahead = 1
            if let sign = peek(1), sign == "+" || sign == "-" { ahead = 2 }
            if Self.isDigit(peek(ahead)) {
                isDouble = true
                for _ in 0..<ahead { text.unicodeScalars.append(peek()!); position += 1 }
                while Self.isDigit(peek()) { text.unicodeScalars.append(peek()!); position += 1 }
            }
        }
        if isDouble {
            guard let value = Double(text.hasPrefix(".") ? "0" + text : text) else {
                throw SyntaxError(offset: start, message: "malformed number '\(text)'")
            }
            return Token(kind: .double(value), offset: start)
        }
        guard let value = UInt64(text) else {
            throw SyntaxError(offset: start, message: "integer literal out of range")
        }
        if let u = peek(), u == "u" || u == "U" {
            position += 1
            return Token(kind: .uint(value), offset: start)
        }
        return Token(kind: .int(value), offset: start)
    }

    private mutating func lexString(start: Int, raw: Bool, bytes: Bool) throws(SyntaxError) -> Token {
        guard let quote = peek() else { throw SyntaxError(offset: start, message: "unterminated string") }
        let triple = peek(1) == quote && peek(2) == quote
        position += triple ? 3 : 1
        var text = String.UnicodeScalarView()
        var data: [UInt8] = []

        func appendScalar(_ s: Unicode.Scalar) {
            if bytes { data.append(contentsOf: Array(String(s).utf8)) } else { text.append(s) }
        }

        while true {
            guard let c = peek() else {
                throw SyntaxError(offset: start, message: "unterminated string literal")
            }
            if c == quote && (!triple || (peek(1) == quote && peek(2) == quote)) {
                position += triple ? 3 : 1
                break
            }
            if !triple && (c == "\n" || c == "\r") {
                throw SyntaxError(offset: start, message: "unterminated string literal (use ''' for text on several lines)")
            }
            if c == "\\" && !raw {
                let escapeStart = position
                position += 1
                guard let e = peek() else { throw SyntaxError(offset: escapeStart, message: "unterminated escape sequence") }
                position += 1
                switch e {
                case "\\", "?", "\"", "'", "`": appendScalar(e)
                case "a": appendScalar("\u{07}")
                case "b": appendScalar("\u{08}")
                case "f": appendScalar("\u{0C}")
                case "n": appendScalar("\n")
                case "r": appendScalar("\r")
                case "t": appendScalar("\t")
                case "v": appendScalar("\u{0B}")
                case "x", "X", "u", "U":
                    let count = (e == "x" || e == "X") ? 2 : (e == "u" ? 4 : 8)
                    var value: UInt32 = 0
                    for _ in 0..<count {
                        guard let h = Self.hexValue(peek()) else {
                            throw SyntaxError(offset: escapeStart, message: "malformed escape sequence '\\\(e)'")
                        }
                        value = value * 16 + h
                        position += 1
                    }
                    if bytes && count == 2 {
                        data.append(UInt8(value))
                    } else {
                        guard let s = Unicode.Scalar(value) else {
                            throw SyntaxError(offset: escapeStart, message: "invalid code point in escape sequence")
                        }
                        appendScalar(s)
                    }
                case "0"..."3":
                    var value = e.value - 48
                    for _ in 0..<2 {
                        guard let o = peek(), o >= "0" && o <= "7" else {
                            throw SyntaxError(offset: escapeStart, message: "malformed octal escape sequence")
                        }
                        value = value * 8 + (o.value - 48)
                        position += 1
                    }
                    if bytes {
                        data.append(UInt8(value))
                    } else if let s = Unicode.Scalar(value) {
                        appendScalar(s)
                    }
                default:
                    throw SyntaxError(offset: escapeStart, message: "unknown escape sequence '\\\(e)'")
                }
                continue
            }
            appendScalar(c)
            position += 1
        }
        if bytes { return Token(kind: .bytes(data), offset: start) }
        return Token(kind: .string(String(text)), offset: start)
    }
}
