/// A step of a check, for a progress display: the library reports them, the command line
/// draws them (on a terminal only) and tests record them.
public enum ProgressEvent: Sendable, Hashable {
    /// The plan and its rosters are being read.
    case loading(plan: String)
    /// The data is read: files, and records in them (contributors, assignments, attendance,
    /// carpool requests).
    case loaded(files: Int, rows: Int)
    /// Rules evaluated so far, of those in force; sent once at 0 and after each rule.
    case evaluating(done: Int, total: Int)
    /// A report is being written to `path`.
    case writing(format: String, path: String)

    /// One short line, in French for `fr`, English otherwise.
    public func text(lang: String? = nil) -> String {
        let fr = lang == "fr"
        switch self {
        case .loading(let plan): return fr ? "lecture de \(plan)…" : "loading \(plan)…"
        case .loaded(let files, let rows):
            return fr ? "lu : \(files) fichier(s), \(rows) ligne(s)" : "loaded \(files) file\(files == 1 ? "" : "s"), \(rows) row\(rows == 1 ? "" : "s")"
        case .evaluating(let done, let total):
            return fr ? "évaluation : \(done)/\(total) règles" : "evaluating: \(done)/\(total) rules"
        case .writing(let format, let path): return fr ? "écriture \(format) → \(path)…" : "writing \(format) → \(path)…"
        }
    }
}

/// Receives progress events; called from any thread (rules are evaluated concurrently), so it
/// must be safe to call at once from several.
public typealias ProgressHandler = @Sendable (ProgressEvent) -> Void
