/// One message about a user's input, rendered the way compilers and CI annotators read it:
/// `file:line:column: error: message`.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Comparable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    public var location: Location
    public var message: String
    /// Further located remarks, e.g. the first occurrence of a duplicate key.
    public var notes: [Note]

    public struct Note: Hashable, Sendable {
        public var location: Location
        public var message: String
        public init(location: Location, message: String) {
            self.location = location
            self.message = message
        }
    }

    public init(_ severity: Severity = .error, at location: Location, _ message: String, notes: [Note] = []) {
        self.severity = severity
        self.location = location
        self.message = message
        self.notes = notes
    }

    public static func error(at location: Location, _ message: String, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.error, at: location, message, notes: notes)
    }

    /// The first line alone: `file:line:column: error: message`.
    public var headline: String { "\(location): \(severity.rawValue): \(message)" }

    /// The headline followed by one `note:` line per note.
    public var description: String {
        ([headline] + notes.map { "\($0.location): note: \($0.message)" }).joined(separator: "\n")
    }
}

/// Several diagnostics thrown at once, so that a user sees every error of a file in one run.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Error {
    /// Every diagnostic carried by this error, whatever its shape.
    public var diagnostics: [Diagnostic] {
        if let list = self as? DiagnosticList { return list.diagnostics }
        if let one = self as? Diagnostic { return [one] }
        return []
    }
}
