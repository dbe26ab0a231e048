/// The outline of a file: rules of a rule file, tests of a rule test file, waivers, a plan's
/// units, zones and rosters, a roster's records.
public enum DocumentSymbols {
    // LSP SymbolKind values.
    static let object = 19, function = 12, file = 1, key = 20, constant = 14

    public static func symbols(_ ws: Workspace, _ doc: TextDocument) -> JSON {
        let role = ws.role(doc.path)
        if role == .roster, doc.path.lowercased().hasSuffix(".csv") { return .array(csvRows(doc)) }
        guard role != .notOurs, let root = (try? YAMLLoader.load(bytes: doc.bytes, file: doc.path))?.documents.first else { return .array([]) }
        switch role {
        case .rules:
            return .array(items(root["rules"], doc, kind: function) { n in
                (n["id"]?.string ?? "(no id)", [n["kind"]?.string, n["title"]?.string ?? n["title"]?["en"]?.string].compactMap { $0 }.joined(separator: " · "))
            })
        case .ruleTest:
            return .array(items(root["tests"], doc, kind: function) { n in (n["name"]?.string ?? "(no name)", nil) })
        case .waivers:
            return .array(items(root["waivers"], doc, kind: key) { n in
                ("\(n["rule"]?.string ?? "?") on \(n["subject"]?.string ?? "?")", n["expires"]?.string.map { "until \($0)" })
            })
        case .plan:
            var out = items(root["units"], doc, kind: object) { n in (n["id"]?.string ?? "(no id)", n["kind"]?.string) }
            out += items(root["territory"]?["zones"], doc, kind: object) { n in (n["id"]?.string ?? "(no id)", "zone") }
            out += items(root["rosters"], doc, kind: file) { n in (n.string ?? n["path"]?.string ?? "?", n["kind"]?.string ?? "roster") }
            return .array(out)
        case .roster:
            var out: [JSON] = []
            for pair in root.pairs ?? [] {
                out += items(pair.value, doc, kind: object) { n in (n["id"]?.string ?? n["contributor"]?.string ?? "?", pair.key.string) }
            }
            return .array(out)
        case .notOurs:
            return .array([])
        }
    }

    /// One symbol per item of a list, each spanning to the next item.
    static func items(_ list: YAMLNode?, _ doc: TextDocument, kind: Int, _ name: (YAMLNode) -> (String, String?)) -> [JSON] {
        guard let items = list?.items else { return [] }
        var out: [JSON] = []
        for (i, item) in items.prefix(5000).enumerated() {
            let start = doc.position(line: item.location.line, column: item.location.column)
            let endLine = i + 1 < items.count ? max(start.line, items[i + 1].location.line - 2) : start.line
            let end = Position(line: endLine, character: doc.line(endLine).utf16.count)
            let (label, detail) = name(item)
            var o: [String: JSON] = ["name": .string(label.isEmpty ? "?" : label), "kind": .int(kind),
                                     "range": TextRange(start: start, end: max(start, end)).json,
                                     "selectionRange": TextRange(start: start, end: start).json]
            if let detail { o["detail"] = .string(detail) }
            out.append(.object(o))
        }
        return out
    }

    /// The rows of a CSV roster, by their first column (at most 5000).
    static func csvRows(_ doc: TextDocument) -> [JSON] {
        var out: [JSON] = []
        for l in 1..<min(doc.lineCount, 5001) {
            let line = doc.line(l)
            guard let first = line.split(separator: ",", omittingEmptySubsequences: false).first, !first.isEmpty else { continue }
            let range = TextRange(start: Position(line: l, character: 0), end: Position(line: l, character: line.utf16.count))
            out.append(.object(["name": .string(String(first)), "kind": .int(constant), "range": range.json,
                                "selectionRange": TextRange(start: range.start, end: Position(line: l, character: first.utf16.count)).json]))
        }
        return out
    }
}
