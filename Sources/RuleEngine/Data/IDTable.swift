/// An open-addressing table from record ids to indexes, for a million ids.
///
/// Swift's `Dictionary<String, Int>` spends most of a large roster's resolve time in cache
/// misses and SipHash; this table stores a 64-bit FNV-1a hash, the index and the id per slot
/// and compares ids only when hashes match.
struct IDTable {
    /// Hash, index and the id itself side by side: one cache miss per probe (ids up to 15
    /// bytes are stored inline in a String, so comparing them touches no other memory).
    private struct Entry {
        var hash: UInt64
        var index: Int64
        var id: String
    }

    private var entries: [Entry]
    private let mask: Int
    private(set) var count = 0

    init(capacity: Int) {
        var size = 16
        // Load factor up to 0.77: a smaller table stays in cache, which matters more than probes.
        while size < capacity + capacity * 3 / 10 { size <<= 1 }
        entries = [Entry](repeating: Entry(hash: 0, index: -1, id: ""), count: size)
        mask = size - 1
    }

    @inline(__always)
    static func hash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        // fmix64: spreads FNV's weak low bits over the table.
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h
    }

    /// Inserts `index` under `id` unless the id is there already.
    /// - Returns: the index already stored for an equal id, or nil if inserted.
    @inline(__always)
    mutating func insert(_ id: String, index: Int) -> Int? {
        let h = IDTable.hash(id)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = entries[i]
            if e.index < 0 {
                entries[i] = Entry(hash: h, index: Int64(index), id: id)
                count += 1
                return nil
            }
            if e.hash == h, e.id == id { return Int(e.index) }
            i = (i + 1) & mask
        }
    }

    /// The index stored under `id`.
    @inline(__always)
    func find(_ id: String) -> Int? { find(id, hash: IDTable.hash(id)) }

    /// Reads the first slot of each hash without using the result, so that a batch of cache
    /// misses is in flight at once (the loads are independent); returns a value to keep the
    /// loads from being optimised away.
    @inline(__always)
    func touch(_ hashes: UnsafeMutableBufferPointer<UInt64>) -> UInt64 {
        var acc: UInt64 = 0
        for h in hashes { acc &+= entries[Int(truncatingIfNeeded: h) & mask].hash }
        return acc
    }

    /// The index stored under `id`, whose `hash(id)` is `h`.
    @inline(__always)
    func find(_ id: String, hash h: UInt64) -> Int? {
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = entries[i]
            if e.index < 0 { return nil }
            if e.hash == h, e.id == id { return Int(e.index) }
            i = (i + 1) & mask
        }
    }
}

