import Foundation

/// A node of a YAML document as spp-check reads it: a resolved value and where it was written.
///
/// Scalars are already resolved by the YAML 1.2 core schema (or by their explicit tag), so
/// `yes` is the string "yes" and `"12"` is the string "12". Mappings keep their pairs in the
/// order of the file; keys are nodes too, so that errors about a key point at the key.
public struct YAMLNode: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        case null
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string(String)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var value: Value
    /// How a scalar was written (collections: `.plain`). Declared right after `value` so that
    /// it fills the padding after the enum.
    public var style: ScalarStyle = .plain
    // Where the node was written, stored compactly: a node is 40 bytes instead of the 72 it
    // took with a whole `Location` (whose file name is a String, retained on every copy) and a
    // `String?` tag. `location` and `tag` below rebuild the public values on demand.
    /// 1-based line and column (see `location`); values past `UInt32.max` are clamped.
    var line: UInt32
    var column: UInt32
    /// The file, and the tag if there is one, in one word.
    var origin: Origin

    /// A node's file and tag. An untagged node (almost all of them) points at its interned
    /// file name without reference counting; a tagged one holds a box with both.
    enum Origin: Sendable {
        case file(Unmanaged<FileName>)
        case tagged(TagBox)

        var file: Unmanaged<FileName> {
            switch self {
            case .file(let file): file
            case .tagged(let box): box.file
            }
        }

        var tag: String? {
            if case .tagged(let box) = self { return box.text }
            return nil
        }

        init(file: Unmanaged<FileName>, tag: String?) {
            self = if let tag { .tagged(TagBox(tag, file: file)) } else { .file(file) }
        }
    }

    /// How a scalar is written in the file; it tells where its text starts.
    public enum ScalarStyle: UInt8, Hashable, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// Where the node was written: its file as the user named it, 1-based line and column.
    public var location: Location {
        get {
            Location(file: origin.file.takeUnretainedValue().name, line: Int(line), column: Int(column))
        }
        set {
            origin = Origin(file: FileName.intern(newValue.file), tag: origin.tag)
            line = UInt32(clamping: newValue.line)
            column = UInt32(clamping: newValue.column)
        }
    }

    /// The tag written in the file (`tag:yaml.org,2002:str`, `!local`), if any.
    public var tag: String? {
        get { origin.tag }
        set { origin = Origin(file: origin.file, tag: newValue) }
    }

    /// Where the scalar's text itself starts: after the opening quote of a quoted scalar, on
    /// the line after the indicator of a block scalar. Expressions inside scalars are located
    /// from here.
    public var textStart: Location {
        let location = location
        return switch style {
        case .plain: location
        case .singleQuoted, .doubleQuoted: Location(file: location.file, line: location.line, column: location.column + 1)
        case .literal, .folded: Location(file: location.file, line: location.line + 1, column: 1)
        }
    }
}

extension YAMLNode {
    // Declared in an extension so that the struct keeps its synthesized memberwise init, which
    // the loader uses: Swift 6.3 compiles a hand-written init with an extra copy and destroy
    // of the whole node, a retain and a release per node.
    public init(_ value: Value, at location: Location, tag: String? = nil) {
        self.init(
            value: value, line: UInt32(clamping: location.line), column: UInt32(clamping: location.column),
            origin: Origin(file: FileName.intern(location.file), tag: tag))
    }

    // Equal file names share one interned `FileName` (same bytes, same object), so comparing
    // and hashing its identity is comparing and hashing the name.
    public static func == (a: YAMLNode, b: YAMLNode) -> Bool {
        a.line == b.line && a.column == b.column && a.origin.file.toOpaque() == b.origin.file.toOpaque()
            && a.style == b.style && a.origin.tag == b.origin.tag && a.value == b.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
        hasher.combine(style)
        hasher.combine(line)
        hasher.combine(column)
        hasher.combine(origin.file.toOpaque())
        hasher.combine(origin.tag)
    }
}

/// A file name that nodes point at without reference counting: every `YAMLNode` of a load
/// refers to one `FileName`, which is never freed (one per distinct name the process loads, a
/// few bytes each), so an unretained reference to it can never dangle.
final class FileName: Sendable {
    let name: String

    private init(_ name: String) { self.name = name }

    /// Interned by the name's bytes (not by `String` equality, which would merge two Unicode
    /// spellings of a path, two different files on Linux).
    private static let table = Table()

    private final class Table: @unchecked Sendable {
        let lock = NSLock()
        var names: [[UInt8]: FileName] = [:]
    }

    static func intern(_ name: String) -> Unmanaged<FileName> {
        let key = Array(name.utf8)
        table.lock.lock()
        defer { table.lock.unlock() }
        if let known = table.names[key] { return Unmanaged.passUnretained(known) }
        let interned = FileName(name)
        table.names[key] = interned
        return Unmanaged.passUnretained(interned)
    }
}

/// A tagged node's tag and file (see `YAMLNode.Origin`).
final class TagBox: Sendable {
    let text: String
    let file: Unmanaged<FileName>
    init(_ text: String, file: Unmanaged<FileName>) {
        self.text = text
        self.file = file
    }
}

/// A key and its value in a mapping.
public struct YAMLPair: Hashable, Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// The documents of one YAML stream, in order.
public struct YAMLStream: Sendable {
    public var file: String
    public var documents: [YAMLNode]
}

extension YAMLNode {
    /// The pairs of a mapping, or nil for any other node.
    public var pairs: [YAMLPair]? {
        if case .mapping(let pairs) = value { return pairs }
        return nil
    }

    /// The items of a sequence, or nil for any other node.
    public var items: [YAMLNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    /// The value of a string scalar, or nil for any other node.
    public var string: String? {
        if case .string(let s) = value { return s }
        return nil
    }

    public var int: Int? {
        if case .int(let i) = value { return i }
        return nil
    }

    /// An int or float scalar as a Double.
    public var number: Double? {
        switch value {
        case .int(let i): Double(i)
        case .float(let d): d
        default: nil
        }
    }

    public var bool: Bool? {
        if case .bool(let b) = value { return b }
        return nil
    }

    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// The text of a scalar key as it should be matched against names: strings as they are,
    /// other scalars in their canonical form; nil for a collection.
    public var keyText: String? { value.keyText }

    /// A short name of the node's kind, for messages ("expected a mapping, found a sequence").
    public var kindName: String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .float: "number"
        case .string: "string"
        case .sequence: "sequence"
        case .mapping: "mapping"
        }
    }

    /// The pair whose key is the string `key`, in a mapping.
    public func pair(_ key: String) -> YAMLPair? {
        pairs?.first { $0.key.keyText == key }
    }

    /// The value under the string `key`, in a mapping.
    public subscript(key: String) -> YAMLNode? {
        pair(key)?.value
    }

    static func canonical(_ d: Double) -> String {
        if d.isNaN { return ".nan" }
        if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) + ".0" }
        return String(d)
    }
}

extension YAMLNode.Value {
    /// `YAMLNode.keyText`, for a value not yet in a node (the loader checks keys as it builds).
    var keyText: String? {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        case .float(let d): YAMLNode.canonical(d)
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        case .sequence, .mapping: nil
        }
    }
}

extension YAMLNode {
    /// The node written back as one line of YAML flow style (`{min: 2, position: chef}`,
    /// `[a, b]`, `contributor.role == "driver"`), for showing a rule's condition as written.
    public var flowText: String {
        switch value {
        case .null: return "~"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d): return YAMLNode.canonical(d)
        case .string(let s):
            // Quoted when plain style would read it otherwise (or not at all).
            let special = s.isEmpty || s.contains(": ") || s.contains(" #") || s.hasSuffix(":")
                || "[]{},&*!|>'\"%@`#?-".contains(s.first!) || s != s.trimmingCharacters(in: .whitespaces)
                || Double(s) != nil || ["true", "false", "null", "~"].contains(s.lowercased())
            guard special && !s.contains("\n") else { return s.replacingOccurrences(of: "\n", with: " ") }
            return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .sequence(let items): return "[" + items.map(\.flowText).joined(separator: ", ") + "]"
        case .mapping(let pairs): return "{" + pairs.map { "\($0.key.flowText): \($0.value.flowText)" }.joined(separator: ", ") + "}"
        }
    }
}
