import Dispatch
import Foundation

/// Text made of many independent pieces (one per finding), written on every core and passed on
/// in order: the same text as writing the pieces one after the other.
///
/// The text is handed over a few chunks at a time (`stream`) rather than joined: a national
/// report is 400 MB, and holding it whole, then copying it into a file's buffer, costs twice
/// that in fresh memory.
enum ParallelText {
    /// Pieces per chunk below which one thread writes them all.
    static let minimumPerChunk = 2_000
    /// Pieces per chunk above which a chunk is cut (so that few chunks are held at once).
    static let maximumPerChunk = 8_000

    /// `prefix`, the pieces `0..<count` written by `piece(i, &text)` and `suffix`, passed to
    /// `emit` in order, in chunks. Chunks are written a wave at a time, one per core, so at most
    /// a wave of chunks is held at once.
    static func stream(count: Int, prefix: String = "", suffix: String = "",
                       _ piece: @Sendable (Int, inout String) -> Void,
                       emit: (String) throws -> Void) rethrows {
        let chunks = max(1, count / minimumPerChunk, (count + maximumPerChunk - 1) / maximumPerChunk)
        if chunks == 1 {
            var out = prefix
            for i in 0..<count { piece(i, &out) }
            out += suffix
            try emit(out)
            return
        }
        try emit(prefix)
        let wave = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
        var first = 0
        while first < chunks {
            let n = min(wave, chunks - first), base = first
            let parts = Parts(count: n)
            withoutActuallyEscaping(piece) { piece in
                DispatchQueue.concurrentPerform(iterations: n) { k in
                    let c = base + k
                    var out = ""
                    for i in (count * c / chunks)..<(count * (c + 1) / chunks) { piece(i, &out) }
                    parts.set(k, out)
                }
            }
            for text in parts.all { try emit(text) }
            first += n
        }
        try emit(suffix)
    }

    /// The chunks' texts, each set once from its thread.
    private final class Parts: @unchecked Sendable {
        private var texts: [String]
        private let lock = NSLock()
        init(count: Int) { texts = Array(repeating: "", count: count) }
        func set(_ i: Int, _ text: String) { lock.withLock { texts[i] = text } }
        var all: [String] { lock.withLock { texts } }
    }
}
