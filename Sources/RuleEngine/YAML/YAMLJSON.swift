/// Renders loaded YAML as JSON text, printed the way `jq` prints: two-space indent,
/// `"key": value`, keys in file order, `[]` and `{}` for empty collections.
///
/// With `locations`, every node becomes an object that says where it was written, and a
/// mapping member also says where its key was written:
/// ```json
/// {
///   "line": 1,
///   "column": 1,
///   "value": {
///     "name": {
///       "key": {
///         "line": 1,
///         "column": 1
///       },
///       "line": 1,
///       "column": 7,
///       "value": "Ana"
///     }
///   }
/// }
/// ```
/// A node with an explicit tag also carries `"tag"` (before `"value"`). See docs/yaml.md.
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
        try render(node, locations: locations) { out += $0 }
        return out
    }

    /// Renders one document as one JSON text, handing it to `write` in pieces of about 64 KiB,
    /// so that a large document is never held twice (tree and text) in memory.
    ///
    /// Nothing is written when the document cannot be rendered: it is checked first.
    /// - Throws: `Diagnostic` at a collection used as a mapping key; whatever `write` throws.
    public static func render(
        _ node: YAMLNode, locations: Bool = false, to write: (String) throws -> Void
    ) throws {
        try validate(node)
        try withoutActuallyEscaping(write) { write in
            var renderer = Renderer(locations: locations, write: write)
            try renderer.run(node)
        }
    }

    /// Checks that `node` can be rendered: no sequence or mapping is used as a mapping key.
    /// - Throws: `Diagnostic` at the first such key, in file order.
    public static func validate(_ node: YAMLNode) throws {
        // An explicit stack of (children, next index): depth is bounded by memory, not by the
        // call stack, and no child is copied.
        var stack: [(items: [YAMLNode], pairs: [YAMLPair], next: Int)] = [([node], [], 0)]
        while let top = stack.indices.last {
            let i = stack[top].next
            let child: YAMLNode
            if i < stack[top].items.count {
                child = stack[top].items[i]
            } else if i < stack[top].pairs.count {
                let pair = stack[top].pairs[i]
                if pair.key.keyText == nil {
                    throw Diagnostic.error(
                        at: pair.key.location,
                        "a \(pair.key.kindName) used as a mapping key cannot be shown as JSON; use a scalar key")
                }
                child = pair.value
            } else {
                stack.removeLast()
                continue
            }
            stack[top].next = i + 1
            switch child.value {
            case .sequence(let items) where !items.isEmpty: stack.append((items, [], 0))
            case .mapping(let pairs) where !pairs.isEmpty: stack.append(([], pairs, 0))
            default: break
            }
        }
    }
}

/// Writes JSON into a byte buffer (faster than growing a String piece by piece), flushed to
/// the caller in pieces.
private struct Renderer {
    let locations: Bool
    let write: (String) throws -> Void
    private var buffer: [UInt8] = []
    private var stack: [Frame] = []

    private static let flushSize = 1 << 16

    /// An open collection: its children, the next one to write, and how deep it is.
    private struct Frame {
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var isMapping: Bool
        var next = 0
        /// The indent of the collection's opening line; children sit two spaces deeper.
        var indent: Int
        /// Whether a located wrapper object must be closed after the collection.
        var wrapped: Bool

        var count: Int { isMapping ? pairs.count : items.count }
    }

    init(locations: Bool, write: @escaping (String) throws -> Void) {
        self.locations = locations
        self.write = write
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    mutating func run(_ root: YAMLNode) throws {
        open(root, indent: 0, key: nil)
        while let top = stack.indices.last {
            let i = stack[top].next
            let inner = stack[top].indent + 2
            guard i < stack[top].count else {
                let frame = stack.removeLast()
                emit(0x0A)
                pad(frame.indent)
                emit(frame.isMapping ? 0x7D : 0x5D)
                if frame.wrapped { closeWrapper(frame.indent - 2) }
                continue
            }
            stack[top].next = i + 1
            if i > 0 { emit(0x2C) }
            emit(0x0A)
            pad(inner)
            if stack[top].isMapping {
                let pair = stack[top].pairs[i]
                // validate() has already rejected collection keys.
                quote(pair.key.keyText ?? "")
                emit(0x3A)
                emit(0x20)
                open(pair.value, indent: inner, key: pair.key.location)
            } else {
                open(stack[top].items[i], indent: inner, key: nil)
            }
            if buffer.count >= Self.flushSize { try flush() }
        }
        try flush()
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try write(String(decoding: buffer, as: UTF8.self))
        buffer.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private mutating func emit(_ byte: UInt8) { buffer.append(byte) }

    private mutating func emit(_ text: String) { buffer.append(contentsOf: text.utf8) }

    private mutating func pad(_ n: Int) {
        for _ in 0..<n { buffer.append(0x20) }
    }

    private mutating func field(_ name: String, _ value: Int, indent: Int, last: Bool = false) {
        pad(indent)
        emit("\"\(name)\": \(value)")
        emit(last ? "\n" : ",\n")
    }

    private mutating func closeWrapper(_ indent: Int) {
        emit(0x0A)
        pad(indent)
        emit(0x7D)
    }

    /// Writes a scalar whole, or a collection's opening bracket and pushes its frame.
    private mutating func open(_ node: YAMLNode, indent: Int, key: Location?) {
        var inner = indent
        if locations {
            inner = indent + 2
            emit("{\n")
            if let key {
                pad(inner)
                emit("\"key\": {\n")
                field("line", key.line, indent: inner + 2)
                field("column", key.column, indent: inner + 2, last: true)
                pad(inner)
                emit("},\n")
            }
            field("line", node.location.line, indent: inner)
            field("column", node.location.column, indent: inner)
            if let tag = node.tag {
                pad(inner)
                emit("\"tag\": ")
                quote(tag)
                emit(",\n")
            }
            pad(inner)
            emit("\"value\": ")
        }
        switch node.value {
        case .sequence(let items) where !items.isEmpty:
            emit(0x5B)
            stack.append(Frame(items: items, isMapping: false, indent: inner, wrapped: locations))
            return
        case .mapping(let pairs) where !pairs.isEmpty:
            emit(0x7B)
            stack.append(Frame(pairs: pairs, isMapping: true, indent: inner, wrapped: locations))
            return
        case .sequence:
            emit("[]")
        case .mapping:
            emit("{}")
        case .null:
            emit("null")
        case .bool(let b):
            emit(b ? "true" : "false")
        case .int(let i):
            emit(String(i))
        case .float(let d):
            // Like jq: NaN prints as null and infinities as the largest finite doubles.
            if d.isNaN {
                emit("null")
            } else if d.isInfinite {
                emit(d < 0 ? "-1.7976931348623157e+308" : "1.7976931348623157e+308")
            } else {
                emit(d.description)
            }
        case .string(let s):
            quote(s)
        }
        if locations { closeWrapper(indent) }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string literal, escaped as jq escapes; UTF-8 beyond ASCII is copied as it is.
    private mutating func quote(_ s: String) {
        emit(0x22)
        for byte in s.utf8 {
            switch byte {
            case 0x22: emit(0x5C); emit(0x22)
            case 0x5C: emit(0x5C); emit(0x5C)
            case 0x0A: emit(0x5C); emit(0x6E)
            case 0x09: emit(0x5C); emit(0x74)
            case 0x0D: emit(0x5C); emit(0x72)
            case 0x08: emit(0x5C); emit(0x62)
            case 0x0C: emit(0x5C); emit(0x66)
            case 0..<0x20, 0x7F:
                emit("\\u00")
                emit(Self.hexDigits[Int(byte >> 4)])
                emit(Self.hexDigits[Int(byte & 0xF)])
            default:
                emit(byte)
            }
        }
        emit(0x22)
    }
}
