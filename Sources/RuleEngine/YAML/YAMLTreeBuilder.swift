internal import CYAML

/// Turns libyaml events into `YAMLNode`s with an explicit stack of open collections.
struct TreeBuilder {
    let file: String
    /// `file`, interned once for the whole stream: every node points at it without counting.
    let fileName: Unmanaged<FileName>
    let limits: YAMLLoader.Limits
    var documents: [YAMLNode] = []

    var stack: [Frame] = []
    /// The finished children of every open collection, in order: items of a sequence, or
    /// keys and values alternating for a mapping. Each collection is moved out into an
    /// exactly-sized array when it closes.
    let nodes = NodeStack()
    var root: YAMLNode?
    var anchors: [String: Anchored] = [:]
    var openAnchors: [String: Location] = [:]
    var expansion = 0
    var nodeCount = 0
    var documentStart: Mark?
    var input: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)

    struct Anchored {
        var node: YAMLNode
        var count: Int
    }

    /// A sequence or mapping whose end event has not come yet.
    struct Frame {
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

    struct Merge {
        var at: Int
        var pairs: [YAMLPair]
    }

    final class Extras {
        var mergeKeyLocation: Location?
        /// Where merged pairs go (a pair index) and which pairs; applied at the end.
        var merges: [Merge] = []
        /// Built once a mapping grows past `linearLimit`, to keep duplicate checks O(1).
        var keyIndex: [String: Int]?
    }

    mutating func extras(_ top: Int) -> Extras {
        if let extras = stack[top].extras { return extras }
        let extras = Extras()
        stack[top].extras = extras
        return extras
    }

    static let linearLimit = 12

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

    func location(_ mark: yaml_mark_t) -> Location {
        // libyaml marks count from 0; people count from 1.
        Location(file: file, line: mark.line + 1, column: mark.column + 1)
    }

    func location(_ mark: Mark) -> Location {
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

    mutating func parse(_ parser: UnsafeMutablePointer<yaml_parser_t>) throws {
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
    mutating func handle(_ event: inout yaml_event_t) throws -> Bool {
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
    mutating func countNode(at mark: Mark) throws {
        nodeCount += 1
        if nodeCount > limits.maxNodes {
            throw Diagnostic.error(
                at: location(mark),
                "stream has more than \(limits.maxNodes) nodes; split it into smaller files")
        }
    }

    // MARK: Collections

    mutating func open(
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

    mutating func close() throws {
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
    static func applyMerges(_ pairs: [YAMLPair], _ merges: [Merge]) -> [YAMLPair] {
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
    mutating func add(
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
    static func fingerprint(_ text: String) -> UInt64 {
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
    static func keyText(_ value: borrowing YAMLNode.Value) -> String? { value.keyText }

    /// The pair index of the first key with the same text as `key` in the mapping `stack[top]`.
    ///
    /// Keys are compared by their text (`keyText`), the way rules look them up and JSON shows
    /// them: `1` and `"1"` are the same key here, though YAML would call them different.
    /// Collection keys are never duplicates (JSON output rejects them anyway).
    func firstOccurrence(of text: String, in top: Int) -> Int? {
        if let keyIndex = stack[top].extras?.keyIndex { return keyIndex[text] }
        let start = stack[top].start
        var i = start
        while i < nodes.count {
            if nodes.hasKeyText(text, at: i) { return (i - start) / 2 }
            i += 2
        }
        return nil
    }

    func duplicate(_ text: String, at location: Location, firstAt first: Location) -> Diagnostic {
        Diagnostic.error(
            at: location,
            "duplicate key '\(text)' in mapping; remove or rename one of them",
            notes: [.init(location: first, message: "'\(text)' first appears here")])
    }

    /// A node built with the memberwise init (see YAMLNode's init), pointing at the interned file.
    @inline(__always)
    func node(
        _ value: consuming YAMLNode.Value, at mark: Mark, origin: consuming YAMLNode.Origin,
        style: YAMLNode.ScalarStyle = .plain
    ) -> YAMLNode {
        YAMLNode(value: value, style: style, line: mark.line, column: mark.column, origin: origin)
    }

    /// The origin of a node of this stream with the tag `tag`.
    @inline(__always)
    func origin(_ tag: String?) -> YAMLNode.Origin {
        if let tag { return .tagged(TagBox(tag, file: fileName)) }
        return .file(fileName)
    }

    func mergeSources(_ value: YAMLNode) throws -> [YAMLPair] {
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

    func article(_ noun: String) -> String {
        (noun.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + noun
    }

    // MARK: Aliases

    mutating func alias(_ event: inout yaml_event_t) throws {
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
}
