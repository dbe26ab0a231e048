/// Where the cursor is in a YAML file, read from indentation as the user types (the file may
/// not parse while a key is half written): the keys leading to the mapping it is in, and
/// whether it is on a key or after one.
public struct YAMLCursor: Sendable, Equatable {
    /// Keys from the top, `[]` for a list item: `["rules", "[]"]` inside a rule.
    public var path: [String]
    /// The key of the line when the cursor is after `key:` (in its value), else nil.
    public var valueOf: String?
    /// The start of the mapping the cursor is in (0-based line), to read sibling keys.
    public var mappingStart: Int

    /// The cursor context at `p` in `doc`.
    public init(_ doc: TextDocument, _ p: Position) {
        let current = YAMLCursor.shape(doc.prefix(at: p))
        var column = current.content
        var path: [String] = []
        var start: Int? = current.dash ? p.line : nil
        if current.dash { path.append("[]"); column = current.content }
        if let key = current.key, current.afterColon { valueOf = key } else { valueOf = nil }
        var inItem = current.dash
        var l = p.line - 1
        while l >= 0 {
            let s = YAMLCursor.shape(doc.line(l))
            defer { l -= 1 }
            guard s.hasContent else { continue }
            if s.dash, s.indent < column, s.content >= column, !inItem {
                path.insert("[]", at: 0)
                column = s.indent
                inItem = true
                if start == nil { start = l }
                continue
            }
            if s.content < column, let key = s.key {
                path.insert(key, at: 0)
                inItem = false
                if s.dash {
                    path.insert("[]", at: 0)
                    column = s.indent
                    inItem = true
                    if start == nil { start = l }
                } else {
                    column = s.content
                }
                continue
            }
        }
        self.path = path
        self.mappingStart = start ?? 0
    }

    init(path: [String], valueOf: String?, mappingStart: Int = 0) {
        self.path = path
        self.valueOf = valueOf
        self.mappingStart = mappingStart
    }

    struct Shape {
        var indent = 0
        var content = 0
        var dash = false
        var key: String?
        var afterColon = false
        var hasContent = false
    }

    /// A line's indentation, list marker and key (`  - id: x` → indent 2, content 4, key id).
    static func shape(_ line: String) -> Shape {
        var s = Shape()
        let chars = Array(line)
        var i = 0
        while i < chars.count, chars[i] == " " { i += 1 }
        s.indent = i
        while i < chars.count, chars[i] == "-", i + 1 >= chars.count || chars[i + 1] == " " {
            s.dash = true
            i += 1
            while i < chars.count, chars[i] == " " { i += 1 }
        }
        s.content = i
        guard i < chars.count, chars[i] != "#" else {
            s.hasContent = s.dash
            return s
        }
        s.hasContent = true
        var k = i
        while k < chars.count, chars[k].isLetter || chars[k].isNumber || chars[k] == "_" || chars[k] == "-" || chars[k] == "." { k += 1 }
        if k > i, k < chars.count, chars[k] == ":" {
            s.key = String(chars[i..<k])
            s.afterColon = true
        } else if k > i, k == chars.count {
            s.key = String(chars[i..<k])  // a key being typed
        }
        return s
    }

    /// The value written after `key:` in the mapping the cursor is in (for a rule's `kind:`
    /// and `id:`), unquoted and without a comment.
    public func value(of key: String, in doc: TextDocument) -> String? {
        let first = YAMLCursor.shape(doc.line(mappingStart))
        let column = first.content
        var l = mappingStart
        while l < min(doc.lineCount, mappingStart + 2000) {
            let text = doc.line(l)
            let s = YAMLCursor.shape(text)
            if l > mappingStart, s.hasContent, s.content < column || (s.dash && s.indent < column) { break }
            if s.content == column, s.key == key, s.afterColon, let colon = text.firstIndex(of: ":") {
                var v = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if let hash = v.range(of: " #") { v = String(v[..<hash.lowerBound]).trimmingCharacters(in: .whitespaces) }
                return v.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            }
            l += 1
        }
        return nil
    }
}

import Foundation
