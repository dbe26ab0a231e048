import Dispatch
import Foundation

/// Text made of many independent pieces (one per finding), written on every core and joined
/// in order: the same text as writing the pieces one after the other.
enum ParallelText {
    /// Pieces per chunk below which one thread writes them all.
    static let minimumPerChunk = 2_000

    /// `prefix`, the pieces `0..<count` written by `piece(i, &text)` one after the other, and
    /// `suffix`.
    static func join(count: Int, prefix: String = "", suffix: String = "",
                     _ piece: @Sendable (Int, inout String) -> Void) -> String {
        let chunks = max(1, min(64, count / minimumPerChunk))
        if chunks == 1 {
            var out = prefix
            for i in 0..<count { piece(i, &out) }
            out += suffix
            return out
        }
        let parts = Parts(count: chunks)
        withoutActuallyEscaping(piece) { piece in
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var out = ""
                for i in (count * c / chunks)..<(count * (c + 1) / chunks) { piece(i, &out) }
                parts.set(c, out)
            }
        }
        // One copy of each chunk into text of the final size (a national report is 400 MB).
        let texts = parts.all
        var out = ""
        out.reserveCapacity(texts.reduce(prefix.utf8.count + suffix.utf8.count) { $0 + $1.utf8.count })
        out += prefix
        for t in texts { out += t }
        out += suffix
        return out
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
