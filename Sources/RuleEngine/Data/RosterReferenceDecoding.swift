/// The roster files a plan names (`rosters:`): a path, or `{path, kind, extra_columns}`.
extension PlanDecoder {
    mutating func rosterReference(_ n: YAMLNode) -> RosterReference? {
        var path: String?
        var kind: RosterReference.Kind?
        var extraColumns: [String] = []
        var pathNode = n
        if let s = n.string {
            path = s
        } else if n.pairs != nil {
            _ = extras(n, known: PlanSchema.rosterReference.keys, "a roster reference")
            path = string(n, "path", "a roster reference", required: true)
            pathNode = n["path"] ?? n
            extraColumns = strings(n, "extra_columns", "a roster reference") ?? []
            if let k = string(n, "kind", "a roster reference") {
                kind = RosterReference.Kind(rawValue: k)
                if kind == nil {
                    let all = RosterReference.Kind.allCases.map(\.rawValue)
                    sink.error(n["kind"]?.location ?? n.location, "unknown roster kind '\(k)'; expected one of \(all.joined(separator: ", "))\(Suggest.hint(k, in: all))")
                    return nil
                }
            }
        } else {
            sink.error(n.location, "expected a path or {path, kind} in 'rosters', found a \(n.kindName)")
            return nil
        }
        guard let path else { return nil }
        if let problem = RosterPaths.problem(path) {
            sink.error(pathNode.location, problem)
            return nil
        }
        if kind == nil {
            kind = RosterPaths.inferKind(path)
            if kind == nil {
                // Reported by the loader, which first checks that the file exists: a missing
                // file is the likelier mistake, and "no such file" the message that fixes it.
                kindless.append((path, pathNode.location))
                return nil
            }
        }
        guard let kind else { return nil }
        return RosterReference(path: path, kind: kind, location: pathNode.location, extraColumns: extraColumns)
    }
}

/// Rules for roster paths.
enum RosterPaths {
    /// Why a roster path is not allowed, or nil.
    static func problem(_ path: String) -> String? {
        if path.isEmpty { return "empty roster path" }
        if path.hasPrefix("/") || path.hasPrefix("~") {
            return "roster path '\(path)' is absolute; write it relative to the plan's folder"
        }
        var depth = 0
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == ".." { depth -= 1 } else if part != "." { depth += 1 }
            if depth < 0 { return "roster path '\(path)' climbs out of the plan's folder; keep rosters beside the plan or below it" }
        }
        return nil
    }

    /// The kind a file name announces: its name up to the first `.`, `_` or `-`.
    static func inferKind(_ path: String) -> RosterReference.Kind? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name.hasPrefix("carpool_requests") { return .carpoolRequests }
        let stem = name.prefix { $0 != "." && $0 != "_" && $0 != "-" }
        return RosterReference.Kind(rawValue: String(stem))
    }
}
