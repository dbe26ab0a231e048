/// A JSON value built in order, and printed the way `jq` prints (two-space indent), so that
/// reports and `inspect` output diff cleanly.
public indirect enum JSONText: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number already written as JSON text.
    case number(String)
    case string(String)
    case array([JSONText])
    case object([(String, JSONText)])

    public static func == (a: JSONText, b: JSONText) -> Bool { a.rendered(pretty: false) == b.rendered(pretty: false) }

    public static func int(_ i: Int) -> JSONText { .number(String(i)) }

    /// A Double as JSON; NaN and infinities, which JSON cannot hold, become strings.
    public static func double(_ d: Double) -> JSONText {
        if d.isNaN { return .string("NaN") }
        if d.isInfinite { return .string(d < 0 ? "-Infinity" : "Infinity") }
        if d == d.rounded(), abs(d) < 1e17 { return .number(String(Int64(d))) }
        return .number(String(d))
    }

    public static func optional(_ s: String?) -> JSONText { s.map(JSONText.string) ?? .null }

    /// The JSON text, pretty (jq style) or compact.
    public func rendered(pretty: Bool = true) -> String {
        var out = ""
        write(to: &out, indent: pretty ? 0 : nil)
        return out
    }

    func write(to out: inout String, indent: Int?) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): JSONText.quote(s, into: &out)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                JSONText.newline(&out, indent.map { $0 + 1 })
                item.write(to: &out, indent: indent.map { $0 + 1 })
            }
            JSONText.newline(&out, indent)
            out += "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                JSONText.newline(&out, indent.map { $0 + 1 })
                JSONText.quote(key, into: &out)
                out += indent == nil ? ":" : ": "
                value.write(to: &out, indent: indent.map { $0 + 1 })
            }
            JSONText.newline(&out, indent)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: Int?) {
        guard let indent else { return }
        out += "\n"
        out += String(repeating: "  ", count: indent)
    }

    /// Whether `s` has a byte JSON must escape (a byte loop: a generic `contains(where:)`
    /// over the UTF-8 view was a tenth of a large report's time).
    static func needsEscape(_ s: String) -> Bool {
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F { return true }
            return false
        }
        if let found = s.utf8.withContiguousStorageIfAvailable(scan) { return found }
        var copy = s
        return copy.withUTF8(scan)
    }

    static func quote(_ s: String, into out: inout String) {
        // Most strings need no escape: append them whole (escaping scalar by scalar was a fifth
        // of a national run's time).
        if !needsEscape(s) {
            out += "\""
            out += s
            out += "\""
            return
        }
        out += "\""
        escapes.write(s, into: &out)
        out += "\""
    }

    private static let escapes = ScalarEscapes(
        ["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u{08}": "\\b", "\u{0C}": "\\f"],
        otherwise: { $0.value < 0x20 || $0.value == 0x7F ? ScalarEscapes.jsonUnicodeEscape($0) : nil })
}
