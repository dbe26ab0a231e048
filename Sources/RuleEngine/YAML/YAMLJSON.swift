/// Renders loaded YAML as JSON text, printed the way `jq` prints: two-space indent,
/// `"key": value`, keys in file order, `[]` and `{}` for empty collections.
///
/// With `locations`, every node becomes an object that says where it was written:
/// ```json
/// {
///   "line": 1,
///   "column": 1,
///   "value": {
///     "name": {
///       "key": { "line": 1, "column": 1 },      (printed over several lines)
///       "line": 1,
///       "column": 7,
///       "value": "Ana"
///     }
///   }
/// }
/// ```
/// A node with an explicit tag also carries `"tag"`. See docs/yaml.md.
public enum YAMLJSON {
    /// Renders one document as one JSON text (no trailing newline).
    /// - Parameters:
    ///   - node: the root of a loaded document.
    ///   - locations: wrap every node in an object with its `line` and `column` (and `tag`).
    /// - Returns: the JSON text.
    /// - Throws: `Diagnostic` at a mapping key that is itself a sequence or mapping: JSON keys
    ///   are strings, and a collection has no faithful text.
    public static func render(_ node: YAMLNode, locations: Bool = false) throws -> String {
        var out = ""
        try Renderer(locations: locations).render(node, into: &out)
        return out
    }
}

private struct Renderer {
    let locations: Bool

    /// Work items of the explicit stack: a node to render at an indent, or literal text.
    private enum Item {
        case node(YAMLNode, indent: Int, key: Location?)
        case text(String)
    }

    func render(_ root: YAMLNode, into out: inout String) throws {
        // An explicit stack, so that depth is bounded by memory, not by the call stack.
        var work: [Item] = [.node(root, indent: 0, key: nil)]
        while let item = work.popLast() {
            switch item {
            case .text(let text):
                out += text
            case .node(let node, let indent, let keyLocation):
                if locations {
                    try wrapped(node, indent: indent, key: keyLocation, into: &out, work: &work)
                } else {
                    try plain(node, indent: indent, into: &out, work: &work)
                }
            }
        }
    }

    private func pad(_ n: Int) -> String { String(repeating: " ", count: n) }

    /// Writes a scalar now, or opens a collection and pushes its members (in reverse).
    private func plain(_ node: YAMLNode, indent: Int, into out: inout String, work: inout [Item]) throws {
        switch node.value {
        case .sequence(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            work.append(.text("\n" + pad(indent) + "]"))
            for (i, item) in items.enumerated().reversed() {
                work.append(.node(item, indent: indent + 2, key: nil))
                work.append(.text((i == 0 ? "" : ",\n") + pad(indent + 2)))
            }
        case .mapping(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            work.append(.text("\n" + pad(indent) + "}"))
            for (i, pair) in pairs.enumerated().reversed() {
                let key = try keyText(pair.key)
                work.append(.node(pair.value, indent: indent + 2, key: pair.key.location))
                work.append(.text((i == 0 ? "" : ",\n") + pad(indent + 2) + Self.quote(key) + ": "))
            }
        default:
            out += Self.scalar(node.value)
        }
    }

    /// The located form: `{"key": …, "line": …, "column": …, "tag": …, "value": …}`.
    private func wrapped(_ node: YAMLNode, indent: Int, key: Location?, into out: inout String, work: inout [Item]) throws {
        let inner = indent + 2
        out += "{\n"
        if let key {
            out += pad(inner) + "\"key\": {\n"
                + pad(inner + 2) + "\"line\": \(key.line),\n"
                + pad(inner + 2) + "\"column\": \(key.column)\n"
                + pad(inner) + "},\n"
        }
        out += pad(inner) + "\"line\": \(node.location.line),\n"
        out += pad(inner) + "\"column\": \(node.location.column),\n"
        if let tag = node.tag {
            out += pad(inner) + "\"tag\": " + Self.quote(tag) + ",\n"
        }
        out += pad(inner) + "\"value\": "
        work.append(.text("\n" + pad(indent) + "}"))
        switch node.value {
        case .sequence(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            work.append(.text("\n" + pad(inner) + "]"))
            for (i, item) in items.enumerated().reversed() {
                work.append(.node(item, indent: inner + 2, key: nil))
                work.append(.text((i == 0 ? "" : ",\n") + pad(inner + 2)))
            }
        case .mapping(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            work.append(.text("\n" + pad(inner) + "}"))
            for (i, pair) in pairs.enumerated().reversed() {
                let key = try keyText(pair.key)
                work.append(.node(pair.value, indent: inner + 2, key: pair.key.location))
                work.append(.text((i == 0 ? "" : ",\n") + pad(inner + 2) + Self.quote(key) + ": "))
            }
        default:
            out += Self.scalar(node.value)
        }
    }

    private func keyText(_ key: YAMLNode) throws -> String {
        if let text = key.keyText { return text }
        throw Diagnostic.error(
            at: key.location,
            "a \(key.kindName) used as a mapping key cannot be shown as JSON; use a scalar key")
    }

    /// Numbers as JSON can hold them; like jq, NaN prints as null and infinities as the
    /// largest finite doubles.
    static func scalar(_ value: YAMLNode.Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d):
            if d.isNaN { return "null" }
            if d.isInfinite { return d < 0 ? "-1.7976931348623157e+308" : "1.7976931348623157e+308" }
            return d.description
        case .string(let s): return quote(s)
        case .sequence, .mapping: return ""
        }
    }

    /// A JSON string literal, escaped as jq escapes.
    static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }
}
