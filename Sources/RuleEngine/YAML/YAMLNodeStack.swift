#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// A growable stack of nodes that hands out its top part as an exactly-sized array by moving,
/// not copying, the nodes: a tree of millions of nodes is built without copying any node twice.
///
/// The storage comes from `malloc` so that it can shrink with `realloc` (Swift values are
/// bitwise movable): a very large collection is moved out from the top down, a chunk at a
/// time, and the stack gives back its memory as the new array fills, so that the collection
/// is not held twice at the peak.
final class NodeStack {
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
