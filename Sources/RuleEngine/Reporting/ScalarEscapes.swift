/// One way of escaping text: which Unicode scalars a format replaces, and by what. Every escaper
/// of the project (XML, HTML, JSON, Markdown, GitHub commands, YAML and expression quoting) is
/// one of these tables, so that the loop over the scalars is written once.
///
/// ```swift
/// let escapes = ScalarEscapes(["&": "&amp;", "<": "&lt;"])
/// escapes("a < b")    // "a &lt; b"
/// ```
struct ScalarEscapes: Sendable {
    /// The replacement of each ASCII scalar, or nil where it stays.
    private let ascii: [String?]
    /// The replacement of a scalar the table does not name (a range of controls), or nil.
    private let otherwise: @Sendable (Unicode.Scalar) -> String?

    /// - Parameters:
    ///   - replacements: ASCII scalars and what each becomes; they win over `otherwise`.
    ///   - otherwise: what any other scalar becomes, or nil where it stays.
    init(_ replacements: KeyValuePairs<Unicode.Scalar, String>,
         otherwise: @escaping @Sendable (Unicode.Scalar) -> String? = { _ in nil }) {
        var ascii = [String?](repeating: nil, count: 128)
        for (scalar, replacement) in replacements {
            precondition(scalar.isASCII, "ScalarEscapes names ASCII scalars only")
            ascii[Int(scalar.value)] = replacement
        }
        self.ascii = ascii
        self.otherwise = otherwise
    }

    /// `s` escaped.
    func callAsFunction(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        write(s, into: &out)
        return out
    }

    /// Appends `s`, escaped, to `out`.
    func write(_ s: String, into out: inout String) {
        for scalar in s.unicodeScalars {
            if let replacement = scalar.isASCII ? ascii[Int(scalar.value)] ?? otherwise(scalar) : otherwise(scalar) {
                out += replacement
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }

    /// A control character as JSON writes it, `\u001f`.
    static func jsonUnicodeEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
