#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// How the body of a large CSV file is split so that its rows are read on several cores.
///
/// A chunk boundary is put after a line feed; a quoted field may hold line feeds, so the reader
/// checks that the chunk before each boundary ended exactly on it and reads the chunk again from
/// where it did end otherwise (`RosterReader.readCSV`). Tests shrink `minimumChunkBytes` so
/// that a few lines are split too.
struct CSVChunking: Sendable {
    /// Body bytes per chunk below which a chunk is not worth a thread: reading 2 MiB of roster
    /// takes about 10 ms, far more than starting a chunk and joining its records.
    var minimumChunkBytes: Int
    /// At most this many chunks; a few per core, so that a core slowed by another process
    /// does not leave the other waiting at the end.
    var maximumChunks: Int
    /// Records a file may hold (tests lower it to reach the limit with a few rows).
    var recordLimit = CSVCursor.maxRecords

    static let automatic = CSVChunking(minimumChunkBytes: 2 << 20,
                                       maximumChunks: 4 * ProcessInfo.processInfo.activeProcessorCount)
    /// One thread reads the whole file.
    static let sequential = CSVChunking(minimumChunkBytes: .max, maximumChunks: 1)

    /// How many chunks a body of `bytes` is read in (1: one thread, no splitting).
    func chunks(forBytes bytes: Int) -> Int {
        guard maximumChunks > 1, minimumChunkBytes > 0 else { return 1 }
        return max(1, min(maximumChunks, bytes / minimumChunkBytes))
    }

    /// The offsets `b` such that chunk `k` is `b[k]..<b[k + 1]`: `chunks` parts of about the same
    /// size, each inner boundary just after a line feed (a chunk may be empty).
    static func bounds(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, chunks: Int) -> [Int] {
        let n = buf.count
        var out = [start]
        out.reserveCapacity(chunks + 1)
        guard let base = buf.baseAddress else { return [start, n] }
        for k in 1..<max(1, chunks) {
            let target = max(out[out.count - 1], start + (n - start) / chunks * k)
            var split = n
            if target < n, let lf = memchr(base + target, 10, n - target) {
                split = base.distance(to: lf.assumingMemoryBound(to: UInt8.self)) + 1
            }
            out.append(split)
        }
        out.append(n)
        return out
    }

    /// The line breaks `CSVCursor` counts in `range`, quoted or not: each line feed, and each
    /// carriage return not followed by a line feed.
    static func lineBreaks(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard let base = buf.baseAddress, !range.isEmpty else { return 0 }
        // Eight bytes at a time: a byte-at-a-time loop took 70 ms over the national assignments.
        var lf = 0, cr = 0
        var i = range.lowerBound
        let words = (range.upperBound - i) / 8
        let raw = UnsafeRawPointer(base)
        for _ in 0..<words {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            lf &+= zeroBytes(w ^ 0x0A0A_0A0A_0A0A_0A0A)
            cr &+= zeroBytes(w ^ 0x0D0D_0D0D_0D0D_0D0D)
            i += 8
        }
        while i < range.upperBound {
            lf &+= base[i] == 10 ? 1 : 0
            cr &+= base[i] == 13 ? 1 : 0
            i += 1
        }
        // Carriage returns are rare: counted exactly (not before a line feed) only if there are any.
        if cr == 0 { return lf }
        var lone = 0
        for i in range where buf[i] == 13 && !(i + 1 < buf.count && buf[i + 1] == 10) { lone += 1 }
        return lf + lone
    }

    /// The number of zero bytes in `x` (exact: no borrow crosses bytes).
    @inline(__always)
    static func zeroBytes(_ x: UInt64) -> Int {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        // A byte's high bit ends up set iff the byte is zero.
        let t = ~(((x & low7) &+ low7) | x | low7)
        return t.nonzeroBitCount
    }

    /// Runs `work(k)` for `k` in `0..<count` on every core and returns the results in order.
    static func map<T>(_ count: Int, _ work: (Int) -> T) -> [T] {
        let slots = Slots<T>(count)
        withoutActuallyEscaping(work) { work in
            let job = UncheckedSendable(work)
            DispatchQueue.concurrentPerform(iterations: count) { k in slots.set(k, job.value(k)) }
        }
        return slots.values
    }

    /// One result per iteration, each written once by its own thread before `concurrentPerform`
    /// returns, which orders the writes before the reads.
    /// A raw buffer, not an array: threads writing to one array at once would trip Swift's
    /// exclusivity checks.
    private final class Slots<T>: @unchecked Sendable {
        private let items: UnsafeMutableBufferPointer<T?>
        init(_ count: Int) {
            items = .allocate(capacity: count)
            items.initialize(repeating: nil)
        }
        deinit {
            items.baseAddress?.deinitialize(count: items.count)
            items.deallocate()
        }
        func set(_ k: Int, _ v: T) { items[k] = v }
        var values: [T] { items.compactMap { $0 } }
    }
}

/// A value handed to other threads by code that knows they use it safely (read-only buffers,
/// per-chunk state).
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
