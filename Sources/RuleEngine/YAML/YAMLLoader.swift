internal import CYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Reads YAML streams into located nodes, on libyaml's event API.
///
/// libyaml only tokenises; everything YAML-the-data-language means is done here: the YAML 1.2
/// core schema, explicit tags, anchors and aliases (with a bounded expansion), `<<` merge keys,
/// duplicate keys, and limits on depth, size and document count. The tree is built with an
/// explicit stack, so no input can make the loader recurse. See docs/yaml.md.
public enum YAMLLoader {
    /// Bounds that keep hostile or broken input from exhausting memory or time.
    public struct Limits: Sendable {
        /// The deepest nesting of sequences and mappings accepted (the root collection is level 1).
        public var maxDepth = 512
        /// The most nodes that all aliases of one document may expand to, counted with their
        /// whole subtrees: a "billion laughs" document fails at this bound, in little memory.
        public var maxAliasExpansion = 1_000_000
        /// The most documents in one stream.
        public var maxDocuments = 100_000
        /// The largest input, in bytes (64 MiB): with `maxNodes`, this keeps the worst input
        /// measured (millions of 16-byte strings) under 1 GiB of memory. See docs/yaml.md.
        public var maxFileSize = 64 << 20
        /// The most nodes (scalars, sequences, mappings, keys included) in one stream; aliases
        /// do not count here (see `maxAliasExpansion`). A node takes 40 bytes, about 65 with its
        /// share of arrays and strings (100 in the worst inputs measured), so the default keeps
        /// a loaded stream under about 1 GB; the 50 MB roster of the benchmark has 4.6 million nodes.
        public var maxNodes = 8_000_000
        public init() {}
    }

    /// Loads every document of the file at `path`.
    ///
    /// A missing file, a directory, an unreadable file and an empty (zero-byte) file are errors
    /// located at `path:1:1`; a file of comments alone is a valid stream of zero documents.
    /// - Parameters:
    ///   - path: the file as the user named it; locations carry this spelling.
    ///   - limits: bounds on size, depth, alias expansion and document count.
    /// - Returns: the documents in stream order.
    /// - Throws: `Diagnostic` located in the file.
    public static func load(file path: String, limits: Limits = Limits()) throws -> YAMLStream {
        let bytes = try readFile(path, limits: limits)
        if bytes.isEmpty {
            throw Diagnostic.error(at: .start(of: path), "file is empty; expected a YAML document")
        }
        return try load(bytes: bytes, file: path, limits: limits)
    }

    /// Loads every document of `bytes`, naming them `file` in locations.
    ///
    /// Unlike `load(file:)`, zero bytes are the valid empty stream (YAML 1.2): no documents.
    /// Input of 4 GiB or more is refused whatever `limits` say: nodes keep 32-bit lines and columns.
    /// - Throws: `Diagnostic` located in `file`.
    public static func load(bytes: [UInt8], file: String, limits: Limits = Limits()) throws -> YAMLStream {
        if bytes.count > limits.maxFileSize {
            throw Diagnostic.error(
                at: .start(of: file),
                "file is \(bytes.count) bytes, larger than the limit of \(limits.maxFileSize) bytes; split it into smaller files")
        }
        if bytes.count >= Int(UInt32.max) {
            // Nodes keep lines and columns in 32 bits (see YAMLNode); no limit lets them overflow.
            throw Diagnostic.error(
                at: .start(of: file),
                "file is \(bytes.count) bytes, larger than the 4 GiB a YAML file may have; split it into smaller files")
        }
        return try bytes.withUnsafeBufferPointer { buffer in
            var builder = TreeBuilder(file: file, limits: limits)
            try builder.run(buffer)
            return YAMLStream(file: file, documents: builder.documents)
        }
    }

    // MARK: - Reading files

    /// The bytes of the file at `path`, refusing one larger than `limits.maxFileSize` before
    /// reading it (or, for pipes and devices that report no size, as soon as it grows past it).
    /// Also used for rule files and plans, which are YAML too.
    /// - Throws: `Diagnostic` at `path:1:1`.
    static func readFile(_ path: String, limits: Limits) throws -> [UInt8] {
        let here = Location.start(of: path)
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            let code = errno
            switch code {
            case ENOENT: throw Diagnostic.error(at: here, "no such file; check the path")
            case EACCES: throw Diagnostic.error(at: here, "cannot read file: permission denied")
            default: throw Diagnostic.error(at: here, "cannot open file: \(describe(errno: code))")
            }
        }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 {
            throw Diagnostic.error(at: here, "cannot read file: \(describe(errno: errno))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw Diagnostic.error(at: here, "is a directory; expected a YAML file")
        }
        let size = Int(info.st_size)
        if size > limits.maxFileSize {
            throw Diagnostic.error(
                at: here,
                "file is \(size) bytes, larger than the limit of \(limits.maxFileSize) bytes; split it into smaller files")
        }
        // st_size is a hint (pipes and /proc files report 0): read until end of file.
        var bytes = [UInt8]()
        bytes.reserveCapacity(size + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                if code == EISDIR { throw Diagnostic.error(at: here, "is a directory; expected a YAML file") }
                throw Diagnostic.error(at: here, "cannot read file: \(describe(errno: code))")
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > limits.maxFileSize {
                throw Diagnostic.error(
                    at: here,
                    "file is larger than the limit of \(limits.maxFileSize) bytes; split it into smaller files")
            }
        }
        return bytes
    }

    private static func describe(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text).lowercased()
    }
}

// MARK: - The tree builder

/// Turns libyaml events into `YAMLNode`s with an explicit stack of open collections.
private struct TreeBuilder {
    let file: String
    /// `file`, interned once for the whole stream: every node points at it without counting.
    let fileName: Unmanaged<FileName>
    let limits: YAMLLoader.Limits
    var documents: [YAMLNode] = []

    private var stack: [Frame] = []
    /// The finished children of every open collection, in order: items of a sequence, or
    /// keys and values alternating for a mapping. Each collection is moved out into an
    /// exactly-sized array when it closes.
    private let nodes = NodeStack()
    private var root: YAMLNode?
    private var anchors: [String: Anchored] = [:]
    private var openAnchors: [String: Location] = [:]
    private var expansion = 0
    private var nodeCount = 0
    private var documentStart: Mark?
    private var input: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)

    private struct Anchored {
        var node: YAMLNode
        var count: Int
    }

    /// A sequence or mapping whose end event has not come yet.
    private struct Frame {
        var isMapping: Bool
        var mark: Mark
        var origin: YAMLNode.Origin
        var anchor: String?
        /// Where this collection's children start in `nodes`.
        var start: Int
        /// This node and every node below it, aliases counted with their expansion.
        var count = 1
        var pendingIsMerge = false
        /// One bit per key fingerprint seen: most new keys hit a clear bit and skip the scan.
        var keyMask: UInt64 = 0
        /// Rarely needed state, boxed so that the frames pushed for every collection stay small.
        var extras: Extras?
        // No hand-written init: like YAMLNode's, it would compile to an extra copy and destroy.
    }

    private struct Merge {
        var at: Int
        var pairs: [YAMLPair]
    }

    private final class Extras {
        var mergeKeyLocation: Location?
        /// Where merged pairs go (a pair index) and which pairs; applied at the end.
        var merges: [Merge] = []
        /// Built once a mapping grows past `linearLimit`, to keep duplicate checks O(1).
        var keyIndex: [String: Int]?
    }

    private mutating func extras(_ top: Int) -> Extras {
        if let extras = stack[top].extras { return extras }
        let extras = Extras()
        stack[top].extras = extras
        return extras
    }

    private static let linearLimit = 12

    init(file: String, limits: YAMLLoader.Limits) {
        self.file = file
        self.fileName = FileName.intern(file)
        self.limits = limits
    }

    /// A node's 1-based line and column, as a node stores them: building a whole `Location`
    /// would copy (retain) the file name for every node.
    struct Mark {
        var line: UInt32
        var column: UInt32

        init(line: UInt32, column: UInt32) {
            self.line = line
            self.column = column
        }

        @inline(__always)
        init(_ mark: yaml_mark_t) {
            // libyaml marks count from 0; people count from 1. Inputs are under 4 GiB (see
            // `load(bytes:)`), so lines and columns fit; clamping only keeps this trap-free.
            line = UInt32(clamping: mark.line &+ 1)
            column = UInt32(clamping: mark.column &+ 1)
        }
    }

    private func location(_ mark: yaml_mark_t) -> Location {
        // libyaml marks count from 0; people count from 1.
        Location(file: file, line: mark.line + 1, column: mark.column + 1)
    }

    private func location(_ mark: Mark) -> Location {
        Location(file: file, line: Int(mark.line), column: Int(mark.column))
    }

    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) throws {
        input = buffer
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else {
            throw Diagnostic.error(at: .start(of: file), "out of memory while starting the YAML parser")
        }
        defer { yaml_parser_delete(parser) }
        // libyaml wants a non-null pointer even for the empty stream.
        var empty: UInt8 = 0
        if let base = buffer.baseAddress, buffer.count > 0 {
            yaml_parser_set_input_string(parser, base, buffer.count)
            try parse(parser)
        } else {
            try withUnsafeMutablePointer(to: &empty) { pointer in
                yaml_parser_set_input_string(parser, pointer, 0)
                try parse(parser)
            }
        }
    }

    private mutating func parse(_ parser: UnsafeMutablePointer<yaml_parser_t>) throws {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) != 0 else {
                throw libyamlError(parser.pointee)
            }
            defer { yaml_event_delete(&event) }
            let done = try handle(&event)
            if done { return }
        }
    }

    /// Handles one event; true at the end of the stream.
    private mutating func handle(_ event: inout yaml_event_t) throws -> Bool {
        switch event.type {
        case YAML_SCALAR_EVENT:
            try scalar(&event)
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            try open(isMapping: true, at: Mark(event.start_mark), tag: data.tag, anchor: data.anchor)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            try open(isMapping: false, at: Mark(event.start_mark), tag: data.tag, anchor: data.anchor)
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
            try close()
        case YAML_ALIAS_EVENT:
            try alias(&event)
        case YAML_DOCUMENT_START_EVENT:
            if documents.count >= limits.maxDocuments {
                throw Diagnostic.error(
                    at: location(event.start_mark),
                    "stream has more than \(limits.maxDocuments) documents; split it into several files")
            }
            anchors.removeAll(keepingCapacity: true)
            openAnchors.removeAll(keepingCapacity: true)
            expansion = 0
            root = nil
            documentStart = Mark(event.start_mark)
        case YAML_DOCUMENT_END_EVENT:
            // libyaml always emits a root node between document start and end.
            documents.append(root ?? YAMLNode(.null, at: location(event.start_mark)))
            root = nil
        case YAML_STREAM_END_EVENT:
            return true
        default:
            break
        }
        return false
    }

    @inline(__always)
    private mutating func countNode(at mark: Mark) throws {
        nodeCount += 1
        if nodeCount > limits.maxNodes {
            throw Diagnostic.error(
                at: location(mark),
                "stream has more than \(limits.maxNodes) nodes; split it into smaller files")
        }
    }

    // MARK: Collections

    private mutating func open(
        isMapping: Bool, at mark: Mark,
        tag rawTag: UnsafeMutablePointer<yaml_char_t>?, anchor rawAnchor: UnsafeMutablePointer<yaml_char_t>?
    ) throws {
        try countNode(at: mark)
        if stack.count >= limits.maxDepth {
            throw Diagnostic.error(
                at: location(mark),
                "nesting is deeper than \(limits.maxDepth) levels; flatten the document")
        }
        let tag = rawTag.map { String(cString: $0) }
        if let tag {
            let kind = isMapping ? "mapping" : "sequence"
            switch tag {
            case Tag.str, Tag.int, Tag.float, Tag.bool, Tag.null:
                throw Diagnostic.error(at: location(mark), "a \(kind) cannot have the tag \(Tag.short(tag)); remove the tag")
            case Tag.seq where isMapping, Tag.map where !isMapping:
                throw Diagnostic.error(at: location(mark), "a \(kind) cannot have the tag \(Tag.short(tag)); remove the tag")
            default:
                break
            }
        }
        let anchor = rawAnchor.map { String(cString: $0) }
        if let anchor { openAnchors[anchor] = location(mark) }
        stack.append(Frame(isMapping: isMapping, mark: mark, origin: origin(tag), anchor: anchor, start: nodes.count))
    }

    private mutating func close() throws {
        guard let frame = stack.popLast() else { return }
        let value: YAMLNode.Value
        if frame.isMapping {
            // libyaml always closes a mapping after a value; a lone key cannot happen.
            if (nodes.count - frame.start) & 1 == 1 { _ = nodes.pop() }
            var pairs = nodes.popPairs(from: frame.start)
            if let merges = frame.extras?.merges, !merges.isEmpty { pairs = Self.applyMerges(pairs, merges) }
            value = .mapping(pairs)
        } else {
            value = .sequence(nodes.popItems(from: frame.start))
        }
        if let anchor = frame.anchor {
            openAnchors[anchor] = nil
            anchors[anchor] = Anchored(node: node(value, at: frame.mark, origin: frame.origin), count: frame.count)
        }
        try add(value, at: frame.mark, origin: frame.origin, count: frame.count, isMergeKey: false)
    }

    /// Merged pairs go where their `<<` key was written; explicit keys win wherever they are,
    /// and among merged mappings the first one that names a key wins.
    private static func applyMerges(_ pairs: [YAMLPair], _ merges: [Merge]) -> [YAMLPair] {
        var seen = Set<String>()
        for pair in pairs { if let text = pair.key.keyText { seen.insert(text) } }
        var result: [YAMLPair] = []
        result.reserveCapacity(pairs.count)
        var next = 0
        for merge in merges {
            while next < merge.at { result.append(pairs[next]); next += 1 }
            for pair in merge.pairs where pair.key.keyText.map({ seen.insert($0).inserted }) ?? true {
                result.append(pair)
            }
        }
        while next < pairs.count { result.append(pairs[next]); next += 1 }
        return result
    }

    // MARK: Adding a finished node

    /// Adds a finished node to the open collection (or makes it the document's root).
    ///
    /// Takes the node's parts rather than a node, and builds it with the memberwise init in its
    /// final place: that spares a copy and a destroy per node (see YAMLNode's init).
    private mutating func add(
        _ value: consuming YAMLNode.Value, at mark: Mark, origin: consuming YAMLNode.Origin,
        style: YAMLNode.ScalarStyle = .plain, count: Int, isMergeKey: Bool
    ) throws {
        let top = stack.count - 1
        guard top >= 0 else {
            root = node(value, at: mark, origin: origin, style: style)
            return
        }
        stack[top].count += count
        if !stack[top].isMapping {
            nodes.push(node(value, at: mark, origin: origin, style: style))
            return
        }
        let start = stack[top].start
        if (nodes.count - start) & 1 == 0 {
            // A key.
            if isMergeKey {
                let extras = extras(top)
                if let first = extras.mergeKeyLocation {
                    throw duplicate("<<", at: location(mark), firstAt: first)
                }
                extras.mergeKeyLocation = location(mark)
                stack[top].pendingIsMerge = true
            } else if let text = Self.keyText(value) {
                let bit = Self.fingerprint(text)
                if stack[top].keyMask & bit != 0 || stack[top].extras?.keyIndex != nil,
                   let first = firstOccurrence(of: text, in: top) {
                    throw duplicate(text, at: location(mark), firstAt: nodes.location(at: start + 2 * first))
                }
                stack[top].keyMask |= bit
            }
            nodes.push(node(value, at: mark, origin: origin, style: style))
            return
        }
        if stack[top].pendingIsMerge {
            stack[top].pendingIsMerge = false
            _ = nodes.pop()
            let sources = try mergeSources(node(value, at: mark, origin: origin, style: style))
            extras(top).merges.append(Merge(at: (nodes.count - start) / 2, pairs: sources))
            return
        }
        nodes.push(node(value, at: mark, origin: origin, style: style))
        let pairCount = (nodes.count - start) / 2
        if let extras = stack[top].extras, extras.keyIndex != nil {
            if let text = nodes.keyText(at: nodes.count - 2) { extras.keyIndex?[text] = pairCount - 1 }
        } else if pairCount == Self.linearLimit {
            var keyIndex = [String: Int](minimumCapacity: Self.linearLimit * 2)
            for i in 0..<pairCount {
                if let text = nodes.keyText(at: start + 2 * i), keyIndex[text] == nil { keyIndex[text] = i }
            }
            extras(top).keyIndex = keyIndex
        }
    }

    /// A bit chosen by a key's length and first and last bytes: equal keys get equal bits.
    @inline(__always)
    private static func fingerprint(_ text: String) -> UInt64 {
        let utf8 = text.utf8
        // Read the bytes in place: `utf8.last` walks the generic bidirectional path (~2% of a load).
        let h = utf8.withContiguousStorageIfAvailable { b -> UInt64 in
            var h = UInt64(truncatingIfNeeded: b.count)
            if let first = b.first, let last = b.last { h = (h &* 31 &+ UInt64(first)) &* 31 &+ UInt64(last) }
            return h
        } ?? {
            var h = UInt64(truncatingIfNeeded: utf8.count)
            if let first = utf8.first, let last = utf8.last { h = (h &* 31 &+ UInt64(first)) &* 31 &+ UInt64(last) }
            return h
        }()
        return 1 << (h & 63)
    }

    /// `YAMLNode.keyText` for a value not yet in a node.
    private static func keyText(_ value: borrowing YAMLNode.Value) -> String? {
        switch value {
        case .string(let s): s
        case .int(let i): String(i)
        case .float(let d): YAMLNode.canonical(d)
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        case .sequence, .mapping: nil
        }
    }

    /// The pair index of the first key with the same text as `key` in the mapping `stack[top]`.
    ///
    /// Keys are compared by their text (`keyText`), the way rules look them up and JSON shows
    /// them: `1` and `"1"` are the same key here, though YAML would call them different.
    /// Collection keys are never duplicates (JSON output rejects them anyway).
    private func firstOccurrence(of text: String, in top: Int) -> Int? {
        if let keyIndex = stack[top].extras?.keyIndex { return keyIndex[text] }
        let start = stack[top].start
        var i = start
        while i < nodes.count {
            if nodes.hasKeyText(text, at: i) { return (i - start) / 2 }
            i += 2
        }
        return nil
    }

    private func duplicate(_ text: String, at location: Location, firstAt first: Location) -> Diagnostic {
        Diagnostic.error(
            at: location,
            "duplicate key '\(text)' in mapping; remove or rename one of them",
            notes: [.init(location: first, message: "'\(text)' first appears here")])
    }

    /// A node built with the memberwise init (see YAMLNode's init), pointing at the interned file.
    @inline(__always)
    private func node(
        _ value: consuming YAMLNode.Value, at mark: Mark, origin: consuming YAMLNode.Origin,
        style: YAMLNode.ScalarStyle = .plain
    ) -> YAMLNode {
        YAMLNode(value: value, style: style, line: mark.line, column: mark.column, origin: origin)
    }

    /// The origin of a node of this stream with the tag `tag`.
    @inline(__always)
    private func origin(_ tag: String?) -> YAMLNode.Origin {
        if let tag { return .tagged(TagBox(tag, file: fileName)) }
        return .file(fileName)
    }

    private func mergeSources(_ value: YAMLNode) throws -> [YAMLPair] {
        switch value.value {
        case .mapping(let pairs):
            return pairs
        case .sequence(let items):
            var pairs: [YAMLPair] = []
            for item in items {
                guard case .mapping(let more) = item.value else {
                    throw Diagnostic.error(
                        at: item.location,
                        "merge key '<<' expects mappings, found \(article(item.kindName)); list only mappings (e.g. aliases '*name')")
                }
                pairs.append(contentsOf: more)
            }
            return pairs
        default:
            throw Diagnostic.error(
                at: value.location,
                "merge key '<<' expects a mapping or a sequence of mappings, found \(article(value.kindName))")
        }
    }

    private func article(_ noun: String) -> String {
        (noun.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + noun
    }

    // MARK: Aliases

    private mutating func alias(_ event: inout yaml_event_t) throws {
        let here = location(event.start_mark)
        guard let raw = event.data.alias.anchor else { return }
        let name = String(cString: raw)
        if let opened = openAnchors[name] {
            throw Diagnostic.error(
                at: here,
                "alias '*\(name)' refers to its own enclosing node (recursive alias); aliases may only refer to finished nodes",
                notes: [.init(location: opened, message: "anchor '&\(name)' opens here")])
        }
        guard let anchored = anchors[name] else {
            throw Diagnostic.error(at: here, "undefined alias '*\(name)'; define the anchor '&\(name)' before using it")
        }
        let (sum, overflow) = expansion.addingReportingOverflow(anchored.count)
        if overflow || sum > limits.maxAliasExpansion {
            throw Diagnostic.error(
                at: here,
                "aliases expand to more than \(limits.maxAliasExpansion) nodes (alias bomb?); use fewer or smaller aliases")
        }
        expansion = sum
        try add(anchored.node.value, at: Mark(line: anchored.node.line, column: anchored.node.column),
                origin: anchored.node.origin, style: anchored.node.style, count: anchored.count, isMergeKey: false)
    }

    // MARK: Scalars

    // inout: the event is 104 bytes, copied whole when passed by value.
    private mutating func scalar(_ event: inout yaml_event_t) throws {
        let data = event.data.scalar
        var here = Mark(event.start_mark)
        try countNode(at: here)
        if data.length == 0, data.style == YAML_PLAIN_SCALAR_STYLE, stack.isEmpty, let documentStart {
            // libyaml places an empty document's null at the next token, possibly past the
            // last line; the document's own start is where a person would look.
            here = documentStart
        }
        let bytes = UnsafeBufferPointer(start: data.value, count: data.length)
        let tag = data.tag.map { String(cString: $0) }
        let plain = data.style == YAML_PLAIN_SCALAR_STYLE
        var isMergeKey = false
        let value: YAMLNode.Value
        if let tag {
            value = try Self.resolve(bytes, tag: tag, at: location(here))
        } else if plain {
            if bytes.count == 2, bytes[0] == UInt8(ascii: "<"), bytes[1] == UInt8(ascii: "<") {
                isMergeKey = stack.last.map { $0.isMapping && (nodes.count - $0.start) & 1 == 0 } ?? false
            }
            value = try Self.resolvePlain(bytes, at: location(here))
        } else {
            value = .string(Self.string(bytes))
        }
        let style: YAMLNode.ScalarStyle = switch data.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
        let nodeOrigin = origin(tag)
        if let anchor = data.anchor {
            anchors[String(cString: anchor)] = Anchored(node: node(value, at: here, origin: nodeOrigin, style: style), count: 1)
        }
        try add(value, at: here, origin: nodeOrigin, style: style, count: 1, isMergeKey: isMergeKey)
    }

    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // libyaml has already checked the UTF-8, so this is a copy.
        String(decoding: bytes, as: UTF8.self)
    }

    /// The YAML 1.2 core schema for an untagged plain scalar.
    static func resolvePlain(_ b: UnsafeBufferPointer<UInt8>, at location: @autoclosure () -> Location) throws -> YAMLNode.Value {
        if b.isEmpty { return .null }
        // Only these first bytes can start a non-string; everything else is a string at once.
        switch b[0] {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            if isNull(b) { return .null }
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            if let bool = boolValue(b) { return .bool(bool) }
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            if let number = try number(b, at: location()) { return number }
        default:
            break
        }
        return .string(string(b))
    }

    /// A scalar with an explicit tag: the tag decides, and a value that does not fit is an error.
    static func resolve(_ b: UnsafeBufferPointer<UInt8>, tag: String, at location: @autoclosure () -> Location) throws -> YAMLNode.Value {
        func mismatch() -> Diagnostic {
            Diagnostic.error(
                at: location(),
                "value '\(string(b))' does not match its tag \(Tag.short(tag)); fix the value or remove the tag")
        }
        switch tag {
        case Tag.str, "!":
            return .string(string(b))
        case Tag.null:
            if b.isEmpty || isNull(b) { return .null }
            throw mismatch()
        case Tag.bool:
            if let bool = boolValue(b) { return .bool(bool) }
            throw mismatch()
        case Tag.int:
            if let number = try number(b, at: location()), case .int = number { return number }
            throw mismatch()
        case Tag.float:
            switch try number(b, at: location()) {
            case .int(let i)?: return .float(Double(i))
            case .float(let d)?: return .float(d)
            default: throw mismatch()
            }
        case Tag.seq, Tag.map:
            throw Diagnostic.error(
                at: location(), "a scalar cannot have the tag \(Tag.short(tag)); remove the tag")
        default:
            // Unknown and local tags: keep the text; the tag is recorded on the node.
            return .string(string(b))
        }
    }

    private static func isNull(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        switch b.count {
        case 1: return b[0] == UInt8(ascii: "~")
        case 4: return equals(b, "null") || equals(b, "Null") || equals(b, "NULL")
        default: return false
        }
    }

    private static func boolValue(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        switch b.count {
        case 4: if equals(b, "true") || equals(b, "True") || equals(b, "TRUE") { return true }
        case 5: if equals(b, "false") || equals(b, "False") || equals(b, "FALSE") { return false }
        default: break
        }
        return nil
    }

    private static func equals(_ b: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        guard b.count == text.utf8CodeUnitCount else { return false }
        let t = text.utf8Start
        for i in 0..<b.count where b[i] != t[i] { return false }
        return true
    }

    @inline(__always)
    private static func isDigit(_ c: UInt8) -> Bool { c &- UInt8(ascii: "0") < 10 }

    /// Core-schema int or float, or nil when the text is neither.
    /// - Throws: when the text is an integer outside the range of `Int` (see docs/yaml.md).
    static func number(_ b: UnsafeBufferPointer<UInt8>, at location: @autoclosure () -> Location) throws -> YAMLNode.Value? {
        let n = b.count
        // An empty scalar (`!!int` with no value) is no number; never index into it.
        guard n > 0 else { return nil }
        // 0o… and 0x…
        if n > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "o") || b[1] == UInt8(ascii: "x") {
            let radix = b[1] == UInt8(ascii: "o") ? 8 : 16
            var value = 0
            for i in 2..<n {
                guard let d = digit(b[i], radix: radix) else { return nil }
                let (m, o1) = value.multipliedReportingOverflow(by: radix)
                let (s, o2) = m.addingReportingOverflow(d)
                if o1 || o2 { throw outOfRange(b, at: location()) }
                value = s
            }
            return .int(value)
        }
        var i = 0
        let negative = b[0] == UInt8(ascii: "-")
        if negative || b[0] == UInt8(ascii: "+") { i = 1 }
        // Decimal integer: [-+]?[0-9]+
        var j = i
        var value = 0
        var overflow = false
        while j < n, isDigit(b[j]) {
            if !overflow {
                let d = Int(b[j] &- UInt8(ascii: "0"))
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                // Accumulate negatively so that Int.min fits.
                let (s, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
                overflow = o1 || o2
                value = s
            }
            j += 1
        }
        let intDigits = j - i
        if j == n {
            if intDigits == 0 { return nil }
            if overflow { throw outOfRange(b, at: location()) }
            return .int(value)
        }
        // Infinity and NaN.
        if b[j] == UInt8(ascii: "."), intDigits == 0, n - j == 4 {
            let rest = UnsafeBufferPointer(rebasing: b[(j + 1)...])
            if equals(rest, "inf") || equals(rest, "Inf") || equals(rest, "INF") {
                return .float(negative ? -.infinity : .infinity)
            }
            if i == 0, equals(rest, "nan") || equals(rest, "NaN") || equals(rest, "NAN") {
                return .float(.nan)
            }
        }
        // Float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
        var fractionDigits = 0
        if j < n, b[j] == UInt8(ascii: ".") {
            j += 1
            while j < n, isDigit(b[j]) { j += 1; fractionDigits += 1 }
        }
        if intDigits == 0 && fractionDigits == 0 { return nil }
        if j < n, b[j] == UInt8(ascii: "e") || b[j] == UInt8(ascii: "E") {
            j += 1
            if j < n, b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: "-") { j += 1 }
            var exponentDigits = 0
            while j < n, isDigit(b[j]) { j += 1; exponentDigits += 1 }
            if exponentDigits == 0 { return nil }
        }
        if j != n { return nil }
        guard let double = Double(string(b)) else { return nil }
        return .float(double)
    }

    private static func digit(_ c: UInt8, radix: Int) -> Int? {
        let d: Int
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): d = Int(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): d = Int(c - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): d = Int(c - UInt8(ascii: "A")) + 10
        default: return nil
        }
        return d < radix ? d : nil
    }

    private static func outOfRange(_ b: UnsafeBufferPointer<UInt8>, at location: Location) -> Diagnostic {
        Diagnostic.error(
            at: location,
            "integer \(string(b)) is out of range (\(Int.min) to \(Int.max)); quote it to keep it as text")
    }

    // MARK: libyaml's errors

    private func libyamlError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return Diagnostic.error(at: .start(of: file), "out of memory while parsing YAML")
        case YAML_READER_ERROR:
            // Reader errors carry a byte offset, not a mark.
            let at = locate(offset: parser.problem_offset)
            let value = parser.problem_value
            if problem.hasPrefix("control characters") {
                if value == 0 {
                    return Diagnostic.error(at: at, "NUL byte is not allowed in YAML; remove it")
                }
                return Diagnostic.error(
                    at: at,
                    "control character U+\(hex(value, width: 4)) is not allowed in YAML; remove it")
            }
            if problem.contains("UTF") || problem.contains("octet") {
                let detail = value >= 0 ? " (byte 0x\(hex(value, width: 2)))" : ""
                return Diagnostic.error(
                    at: at, "invalid UTF-8: \(problem)\(detail); save the file as UTF-8")
            }
            return Diagnostic.error(at: at, problem)
        default:
            var notes: [Diagnostic.Note] = []
            if let context = parser.context {
                notes.append(.init(location: location(parser.context_mark), message: String(cString: context)))
            }
            return Diagnostic.error(at: location(parser.problem_mark), problem, notes: notes)
        }
    }

    private func hex(_ value: Int32, width: Int) -> String {
        let digits = String(UInt32(bitPattern: value), radix: 16, uppercase: width == 4)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The 1-based line and column (in Unicode scalars) of a byte offset of the input.
    private func locate(offset: Int) -> Location {
        var line = 1
        var column = 1
        var i = 0
        let end = min(offset, input.count)
        // A UTF-8 BOM is not a column.
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF { i = min(3, end) }
        while i < end {
            let c = input[i]
            if c == 0x0A || (c == 0x0D && !(i + 1 < input.count && input[i + 1] == 0x0A)) {
                line += 1
                column = 1
            } else if c & 0xC0 != 0x80 && c != 0x0D {
                column += 1
            }
            i += 1
        }
        return Location(file: file, line: line, column: column)
    }
}

/// A growable stack of nodes that hands out its top part as an exactly-sized array by moving,
/// not copying, the nodes: a tree of millions of nodes is built without copying any node twice.
///
/// The storage comes from `malloc` so that it can shrink with `realloc` (Swift values are
/// bitwise movable): a very large collection is moved out from the top down, a chunk at a
/// time, and the stack gives back its memory as the new array fills, so that the collection
/// is not held twice at the peak.
private final class NodeStack {
    private var base: UnsafeMutablePointer<YAMLNode>
    private var capacity: Int
    private(set) var count = 0

    private static let initialCapacity = 256
    /// Collections with more children than this move out chunk by chunk (an even number, so
    /// that chunks of a mapping hold whole pairs).
    private static let chunk = 1 << 16

    /// Whether a `YAMLPair` is laid out as its key node followed by its value node, exactly as
    /// a mapping's keys and values alternate on this stack (true for Swift's layout today;
    /// checked, not assumed).
    private static let pairIsTwoNodes =
        MemoryLayout<YAMLPair>.offset(of: \YAMLPair.key) == 0
        && MemoryLayout<YAMLPair>.offset(of: \YAMLPair.value) == MemoryLayout<YAMLNode>.stride
        && MemoryLayout<YAMLPair>.stride == 2 * MemoryLayout<YAMLNode>.stride

    init() {
        capacity = Self.initialCapacity
        base = Self.reallocate(nil, capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        free(base)
    }

    private static func reallocate(_ old: UnsafeMutablePointer<YAMLNode>?, capacity: Int) -> UnsafeMutablePointer<YAMLNode> {
        let (bytes, overflow) = capacity.multipliedReportingOverflow(by: MemoryLayout<YAMLNode>.stride)
        guard !overflow, let raw = realloc(old, bytes) else {
            // Out of memory: there is no way to go on building the tree.
            fatalError("out of memory while loading YAML (\(capacity) nodes)")
        }
        return raw.bindMemory(to: YAMLNode.self, capacity: capacity)
    }

    /// Reads in place: copying a node out would retain each of its strings.
    func location(at index: Int) -> Location { base[index].location }

    func keyText(at index: Int) -> String? { base[index].keyText }

    /// Whether the node at `index` is a key with the text `text`, without copying the node.
    @inline(__always)
    func hasKeyText(_ text: String, at index: Int) -> Bool {
        if case .string(let s) = base[index].value { return s == text }
        return base[index].keyText == text
    }

    @inline(__always)
    func push(_ node: consuming YAMLNode) {
        if count == capacity {
            capacity *= 2
            base = Self.reallocate(base, capacity: capacity)
        }
        (base + count).initialize(to: node)
        count += 1
    }

    func pop() -> YAMLNode {
        count -= 1
        return (base + count).move()
    }

    /// After moving a chunk out: give the freed tail back (for a large block `realloc` shrinks
    /// the mapping in place, without copying).
    private func shrinkIfSparse() {
        guard capacity - count > Self.chunk * 2 else { return }
        capacity = max(count + Self.chunk, Self.initialCapacity)
        base = Self.reallocate(base, capacity: capacity)
    }

    /// Moves the nodes from `start` to the top out, as a sequence's items.
    func popItems(from start: Int) -> [YAMLNode] {
        let n = count - start
        guard n > 0 else { return [] }
        if n <= Self.chunk {
            // reserveCapacity + append is specialized for YAMLNode; `unsafeUninitializedCapacity`
            // calls the standard library's generic allocator, which looks the array type's
            // metadata up at run time on every call (a third of the time spent closing).
            var items = [YAMLNode]()
            items.reserveCapacity(n)
            for i in start..<count { items.append((base + i).move()) }
            count = start
            return items
        }
        return [YAMLNode](unsafeUninitializedCapacity: n) { buffer, initialized in
            guard let out = buffer.baseAddress else { return }
            while count > start {
                let low = max(start, count - Self.chunk)
                (out + (low - start)).moveInitialize(from: base + low, count: count - low)
                count = low
                shrinkIfSparse()
            }
            initialized = n
        }
    }

    /// Moves the alternating keys and values from `start` to the top out, as a mapping's pairs.
    func popPairs(from start: Int) -> [YAMLPair] {
        let n = (count - start) / 2
        guard n > 0 else { return [] }
        if 2 * n <= Self.chunk {
            // As in popItems: the specialized path, without a metadata lookup per mapping.
            var pairs = [YAMLPair]()
            pairs.reserveCapacity(n)
            for i in stride(from: start, to: count, by: 2) {
                pairs.append(YAMLPair(key: (base + i).move(), value: (base + i + 1).move()))
            }
            count = start
            return pairs
        }
        return [YAMLPair](unsafeUninitializedCapacity: n) { buffer, initialized in
            guard let out = buffer.baseAddress else { return }
            while count > start {
                // Chunks of whole pairs: `start` and `count` differ by an even number.
                let low = max(start, count - Self.chunk)
                if Self.pairIsTwoNodes {
                    // Same bytes, one memcpy: a move, since Swift values are bitwise movable.
                    UnsafeMutableRawPointer(out + (low - start) / 2)
                        .copyMemory(from: base + low, byteCount: (count - low) * MemoryLayout<YAMLNode>.stride)
                } else {
                    for i in stride(from: low, to: count, by: 2) {
                        let key = (base + i).move()
                        let value = (base + i + 1).move()
                        (out + (i - start) / 2).initialize(to: YAMLPair(key: key, value: value))
                    }
                }
                count = low
                shrinkIfSparse()
            }
            initialized = n
        }
    }
}

/// The core tags as libyaml expands them.
enum Tag {
    static let prefix = "tag:yaml.org,2002:"
    static let str = prefix + "str"
    static let int = prefix + "int"
    static let float = prefix + "float"
    static let bool = prefix + "bool"
    static let null = prefix + "null"
    static let seq = prefix + "seq"
    static let map = prefix + "map"

    /// `!!int` for `tag:yaml.org,2002:int`; other tags as they are.
    static func short(_ tag: String) -> String {
        tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }
}
