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

/// "Did you mean" for the data loaders: `Suggestion`, the one algorithm, under the name the
/// loaders use.
enum Suggest {
    static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        Suggestion.closest(to: word, in: candidates)
    }

    /// `; did you mean 'x'?` or the empty string.
    static func hint(_ word: String, in candidates: some Sequence<String>) -> String {
        Suggestion.hint(for: word, in: candidates)
    }
}
