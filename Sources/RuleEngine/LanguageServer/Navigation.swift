import Foundation

/// Go to definition and find references: a rule id ↔ its rule ↔ its tests and waivers; a unit
/// or contributor id in a roster ↔ where the plan or roster defines it; a roster named in a
/// plan ↔ its file.
public enum Navigation {
    static let idCharacters: Set<Character> = ["_", ".", "-"]

    public static func definition(_ ws: Workspace, _ doc: TextDocument, _ p: Position) -> JSON? {
        guard let (word, _) = doc.word(at: p, extra: idCharacters) else { return nil }
        if let rule = ws.knownRules().first(where: { $0.id == word }), let file = ws.resolve(rule.location.file) {
            return link(ws, rule.location, file: file)
        }
        let role = ws.role(doc.path)
        if role == .plan, let (path, _) = doc.word(at: p, extra: idCharacters.union(["/"])) {
            let folder = (doc.path as NSString).deletingLastPathComponent
            let full = (folder as NSString).appendingPathComponent(path)
            if path.contains("."), FileManager.default.fileExists(atPath: full) || ws.documents[full] != nil {
                return .object(["uri": .string(FileURI.uri(full)),
                                "range": TextRange(start: Position(line: 0, character: 0), end: Position(line: 0, character: 0)).json])
            }
        }
        let plans = role == .plan ? [doc.path] : role == .roster ? ws.plans(reading: doc.path) : []
        for plan in plans {
            guard let data = ws.plans[plan]?.data else { continue }
            if let i = data.unitIndex[word] { return link(ws, data.plan.units[i].location, file: data.plan.units[i].location.file) }
            if let i = data.index(ofContributor: word) {
                let c = data.contributors[i]
                return link(ws, c.location, file: c.location.file)
            }
        }
        return nil
    }

    static func link(_ ws: Workspace, _ location: Location, file: String) -> JSON {
        let doc = ws.document(file)
        let start = doc?.position(line: location.line, column: location.column) ?? Position(line: max(0, location.line - 1), character: 0)
        return .object(["uri": .string(FileURI.uri(file)), "range": TextRange(start: start, end: start).json])
    }

    /// Every place the word under the cursor (a rule id, a unit or contributor id) is written in
    /// the workspace's YAML files, the open files, and the files of the plans that read this one.
    public static func references(_ ws: Workspace, _ doc: TextDocument, _ p: Position) -> JSON? {
        guard let (word, _) = doc.word(at: p, extra: idCharacters) else { return nil }
        var files = Set(ws.documents.keys)
        files.formUnion(yamlFiles(under: ws.root))
        let role = ws.role(doc.path)
        if role == .plan || role == .roster {
            let plans = role == .plan ? [doc.path] : ws.plans(reading: doc.path)
            for plan in plans { files.formUnion(ws.plans[plan]?.files ?? []) }
        }
        files.insert(doc.path)
        var out: [JSON] = []
        for file in files.sorted() {
            guard let d = ws.document(file) else { continue }
            for range in occurrences(of: word, in: d) {
                out.append(.object(["uri": .string(FileURI.uri(file)), "range": range.json]))
                if out.count >= 5000 { return .array(out) }
            }
        }
        return .array(out)
    }

    /// The ranges where `word` stands alone (not inside a longer id).
    static func occurrences(of word: String, in doc: TextDocument) -> [TextRange] {
        let target = Array(word.utf16)
        guard !target.isEmpty, let first = target.first else { return [] }
        // A quick test on the bytes before splitting a large file into lines.
        guard doc.text.contains(word) else { return [] }
        func isID(_ c: UInt16) -> Bool {
            guard let s = Unicode.Scalar(c) else { return true }
            return Character(s).isLetter || Character(s).isNumber || idCharacters.contains(Character(s))
        }
        var out: [TextRange] = []
        for l in 0..<doc.lineCount {
            let line = Array(doc.line(l).utf16)
            guard line.count >= target.count else { continue }
            var i = 0
            while i + target.count <= line.count {
                if line[i] == first, Array(line[i..<i + target.count]) == target,
                   i == 0 || !isID(line[i - 1]),
                   i + target.count == line.count || !isID(line[i + target.count]) || (line[i + target.count] == 46 && (i + target.count + 1 == line.count || !isID(line[i + target.count + 1]))) {
                    out.append(TextRange(start: Position(line: l, character: i), end: Position(line: l, character: i + target.count)))
                    i += target.count
                } else {
                    i += 1
                }
            }
        }
        return out
    }

    /// The YAML files below the workspace folder (not hidden folders nor build output), at most 2000.
    static func yamlFiles(under root: String?) -> [String] {
        guard let root, let e = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            let name = (rel as NSString).lastPathComponent
            if name.hasPrefix(".") || name == "node_modules" { e.skipDescendants(); continue }
            if rel.hasSuffix(".yaml") || rel.hasSuffix(".yml") { out.append((root as NSString).appendingPathComponent(rel)) }
            if out.count >= 2000 { break }
        }
        return out
    }
}
