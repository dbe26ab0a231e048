/// Collects the diagnostics of one load, so that every error is reported in one run.
struct DiagnosticSink {
    /// Past this many errors the rest are counted, not kept: a million bad rows must not take
    /// gigabytes of messages.
    static let limit = 1000

    private(set) var errors: [Diagnostic] = []
    private(set) var warnings: [Diagnostic] = []
    private(set) var dropped = 0

    var hasErrors: Bool { !errors.isEmpty }

    mutating func error(_ location: Location, _ message: String, notes: [Diagnostic.Note] = []) {
        if errors.count < DiagnosticSink.limit {
            errors.append(.error(at: location, message, notes: notes))
        } else {
            dropped += 1
        }
    }

    mutating func warning(_ location: Location, _ message: String) {
        if warnings.count < DiagnosticSink.limit {
            warnings.append(Diagnostic(.warning, at: location, message))
        }
    }

    /// Replaces each error from position `start` on by what `transform` makes of it (nil
    /// withdraws it): another pass reports those places in words that do not quote what the
    /// loader's would (`Minimisation`).
    mutating func replaceErrors(from start: Int, _ transform: (Diagnostic) -> Diagnostic?) {
        guard start < errors.count else { return }
        errors = Array(errors[..<start]) + errors[start...].compactMap(transform)
    }

    /// Takes in another sink's errors and warnings, and the count of errors it dropped, so that
    /// "N more errors not shown" survives the merge.
    mutating func merge(_ other: DiagnosticSink) {
        for d in other.errors { error(d.location, d.message, notes: d.notes) }
        for w in other.warnings { warning(w.location, w.message) }
        dropped += other.dropped
    }

    /// Throws every error, sorted by place, if there is any.
    func throwIfErrors() throws {
        guard !errors.isEmpty else { return }
        var all = errors.sorted { $0.location < $1.location }
        if dropped > 0, let last = all.last {
            all.append(.error(at: last.location, "\(dropped) more errors not shown"))
        }
        throw DiagnosticList(all)
    }
}

/// "Did you mean" candidates by edit distance.
enum Suggest {
    /// The closest candidate within a distance that scales with the word, or nil.
    static func closest(to word: String, in candidates: some Sequence<String>, maxDistance: Int? = nil) -> String? {
        let limit = maxDistance ?? max(1, min(3, word.count / 3))
        var best: (String, Int)?
        for c in candidates {
            guard abs(c.count - word.count) <= limit else { continue }
            let d = distance(word, c, limit: limit)
            if d <= limit, best == nil || d < best!.1 || (d == best!.1 && c < best!.0) { best = (c, d) }
        }
        return best?.0
    }

    /// `; did you mean 'x'?` or the empty string.
    static func hint(_ word: String, in candidates: some Sequence<String>) -> String {
        closest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Optimal string alignment distance (transpositions count one), stopping early past `limit`.
    static func distance(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev2 = [Int](repeating: 0, count: y.count + 1)
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            var rowMin = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { v = min(v, prev2[j - 2] + 1) }
                cur[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return rowMin }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[y.count]
    }
}
