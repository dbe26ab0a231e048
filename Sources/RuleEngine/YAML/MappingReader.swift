/// Reads a YAML mapping key by key, strictly: every key the caller does not ask for is reported
/// as unknown (with a suggestion), and every error is collected rather than thrown at once, so
/// that a user sees all the mistakes of a file in one run.
public struct MappingReader {
    public let node: YAMLNode
    /// What the mapping is, for messages: "rule 'CONT-01'", "the plan".
    public var what: String
    private var known: Set<String> = []
    /// Required keys found missing, with the index of their diagnostic: a misspelt key reported
    /// by `finish()` with this key as its suggestion replaces the "missing key" error.
    private var missing: [String: Int] = [:]
    public private(set) var diagnostics: [Diagnostic] = []

    /// Starts reading `node`; if it is not a mapping, records an error and reads nothing.
    public init(_ node: YAMLNode, what: String) {
        self.node = node
        self.what = what
        if node.pairs == nil {
            diagnostics.append(.error(at: node.location, "expected a mapping for \(what), found a \(node.kindName)"))
        }
    }

    /// Records an error found while reading this mapping.
    public mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public mutating func report(_ error: any Error) {
        diagnostics.append(contentsOf: error.diagnostics)
    }

    /// The value under `key`, if present (and marks the key as known).
    public mutating func optional(_ key: String) -> YAMLNode? {
        known.insert(key)
        return node[key]
    }

    /// The value under `key`; records "missing key" when absent.
    public mutating func required(_ key: String) -> YAMLNode? {
        known.insert(key)
        if let value = node[key] { return value }
        if node.pairs != nil {
            missing[key] = diagnostics.count
            diagnostics.append(.error(at: node.location, "missing key '\(key)' in \(what)"))
        }
        return nil
    }

    /// The keys asked for or allowed so far: what `finish()` will accept (the schema tests
    /// compare it with the JSON Schema's properties).
    public var knownKeys: Set<String> { known }

    /// Marks keys as known without reading them (read elsewhere, e.g. by a rule kind).
    public mutating func allow(_ keys: some Sequence<String>) {
        known.formUnion(keys)
    }

    /// A string value under `key` (a scalar of another type is an error).
    public mutating func string(_ key: String, required isRequired: Bool = false) -> String? {
        guard let value = isRequired ? required(key) : optional(key) else { return nil }
        guard let s = value.string else {
            diagnostics.append(.error(at: value.location, "'\(key)' in \(what) must be a string, found a \(value.kindName)"))
            return nil
        }
        return s
    }

    /// A list of strings under `key` (a single string is accepted as a list of one).
    public mutating func strings(_ key: String) -> [String] {
        guard let value = optional(key) else { return [] }
        if let s = value.string { return [s] }
        guard let items = value.items else {
            diagnostics.append(.error(at: value.location, "'\(key)' in \(what) must be a list of strings, found a \(value.kindName)"))
            return []
        }
        var out: [String] = []
        for item in items {
            if let s = item.string { out.append(s) } else {
                diagnostics.append(.error(at: item.location, "'\(key)' in \(what) must hold strings, found a \(item.kindName)"))
            }
        }
        return out
    }

    /// Ends reading: reports every key that was never asked for, and returns all diagnostics.
    /// One mistake, one error: a misspelt required key (`severty`) is reported once, as an unknown
    /// key with its "did you mean", not also as the missing key it stands for.
    public mutating func finish() -> [Diagnostic] {
        var replaced: Set<Int> = []
        for pair in node.pairs ?? [] {
            guard let name = pair.key.keyText else {
                diagnostics.append(.error(at: pair.key.location, "keys of \(what) must be plain names"))
                continue
            }
            if !known.contains(name) {
                let near = Suggestion.closest(to: name, in: known.sorted())
                if let near, let index = missing[near] { replaced.insert(index) }
                diagnostics.append(.error(at: pair.key.location,
                    "unknown key '\(name)' in \(what)\(near.map { "; did you mean '\($0)'?" } ?? "")"))
            }
        }
        if !replaced.isEmpty {
            diagnostics = diagnostics.enumerated().filter { !replaced.contains($0.offset) }.map(\.element)
        }
        missing = [:]
        return diagnostics
    }
}
