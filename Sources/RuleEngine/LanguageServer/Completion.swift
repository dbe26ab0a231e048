/// What the editor offers at the cursor: keys valid there, kind names, record fields after
/// `contributor.`, functions, parameter names, rule ids, unit and contributor ids.
public enum Completion {
    // LSP CompletionItemKind values.
    static let field = 5, function = 3, keyword = 14, value = 12, property = 10, reference = 18

    public static func items(_ ws: Workspace, _ doc: TextDocument, _ p: Position) -> JSON {
        .object(["isIncomplete": .bool(false), "items": .array(list(ws, doc, p).map(\.json))])
    }

    struct Item {
        var label: String
        var kind: Int
        var detail: String?
        var documentation: String?
        var insertText: String?

        var json: JSON {
            var o: [String: JSON] = ["label": .string(label), "kind": .int(kind)]
            if let detail { o["detail"] = .string(detail) }
            if let documentation { o["documentation"] = .object(["kind": "markdown", "value": .string(documentation)]) }
            if let insertText { o["insertText"] = .string(insertText) }
            return .object(o)
        }
    }

    static func list(_ ws: Workspace, _ doc: TextDocument, _ p: Position) -> [Item] {
        let role = ws.role(doc.path)
        let before = doc.prefix(at: p)
        if role == .roster { return rosterIDs(ws, doc, p, before: before) }
        // `record.` and `params.` in expressions and templates.
        if let dot = memberAccess(before) {
            if dot == "params" {
                let cursor = YAMLCursor(doc, p)
                let id = cursor.value(of: "id", in: doc)
                let rule = ws.knownRules().first { $0.id == id }
                let declared = rule?.params.map { ($0.name, $0.defaultValue.displayText) } ?? paramsWritten(doc, cursor)
                return declared.map { Item(label: $0.0, kind: field, detail: "parameter = \($0.1)") }
            }
            if let fields = RecordSchemas.all[dot] {
                return fields.keys.sorted().map { name in
                    Item(label: name, kind: field, detail: "\(ExprType(fields[name]!))",
                         documentation: SchemaLookup.planObject(forRecord: dot)?[name]?.description)
                }
            }
            return []
        }
        let cursor = YAMLCursor(doc, p)
        if let key = cursor.valueOf {
            return values(ws, doc, role, key: key, cursor: cursor)
        }
        // A key being written: the keys valid in this mapping and not written yet.
        let kind = role == .rules ? cursor.value(of: "kind", in: doc) : nil
        let props = SchemaLookup.keys(role, cursor, kind: kind)
        return props.map { prop in
            Item(label: prop.name, kind: property, detail: SchemaLookup.describe(prop.node) + (prop.required ? " (required)" : ""),
                 documentation: prop.description, insertText: prop.name + ": ")
        }
    }

    /// The record or `params` before a `.` ending `text` (`… contributor.bi` → contributor).
    static func memberAccess(_ text: String) -> String? {
        var chars = Array(text)
        while let last = chars.last, last.isLetter || last.isNumber || last == "_" { chars.removeLast() }
        guard chars.last == "." else { return nil }
        chars.removeLast()
        var name: [Character] = []
        while let last = chars.last, last.isLetter || last.isNumber || last == "_" { name.insert(chars.removeLast(), at: 0) }
        return name.isEmpty ? nil : String(name)
    }

    /// Parameters written under the rule's `params:` (block or flow style), when the rule does
    /// not load yet: that key's text alone is read as YAML.
    static func paramsWritten(_ doc: TextDocument, _ cursor: YAMLCursor) -> [(String, String)] {
        let column = YAMLCursor.shape(doc.line(cursor.mappingStart)).content
        var l = cursor.mappingStart
        while l < min(doc.lineCount, cursor.mappingStart + 500) {
            let s = YAMLCursor.shape(doc.line(l))
            if l > cursor.mappingStart, s.hasContent, s.content < column || (s.dash && s.indent < column) { return [] }
            if s.content == column, s.key == "params", s.afterColon { break }
            l += 1
        }
        guard l < doc.lineCount else { return [] }
        let first = doc.line(l)
        var text = String(first.dropFirst(column))
        var k = l + 1
        while k < doc.lineCount {
            let line = doc.line(k)
            let s = YAMLCursor.shape(line)
            if s.hasContent, s.content <= column { break }
            text += "\n" + String(line.dropFirst(min(column, line.count)))
            k += 1
        }
        guard let root = try? YAMLLoader.load(bytes: Array(text.utf8), file: doc.path).documents.first,
              let pairs = root["params"]?.pairs else { return [] }
        return pairs.compactMap { p in
            guard let name = p.key.string else { return nil }
            return (name, (p.value["default"] ?? p.value).flowText)
        }
    }

    /// Values after `key:`: kind names, severities, principles, rule ids, expressions' words.
    static func values(_ ws: Workspace, _ doc: TextDocument, _ role: FileRole, key: String, cursor: YAMLCursor) -> [Item] {
        switch (role, key) {
        case (.rules, "kind"):
            return RuleKinds.all.map { Item(label: $0.identifier, kind: keyword, detail: $0.summary) }
        case (.rules, "severity"):
            return Severity.allCases.map { Item(label: $0.rawValue, kind: value) }
        case (.rules, "principle"):
            return Principle.standard.map { Item(label: $0.id, kind: value) }
        case (.rules, "for_each"):
            return RecordCollection.all.map { Item(label: $0.name, kind: value, detail: "each \($0.variable)") }
        case (.waivers, "rule"), (.ruleTest, "rule"):
            return ws.knownRules().map { Item(label: $0.id, kind: reference, detail: $0.title.text("en")) }
        case (.rules, _):
            // An expression: functions and the records of the language.
            let functions = Builtin.allCases.map { f in
                Item(label: f.rawValue, kind: function,
                     detail: Signatures.table[f]?.first.map { "\($0.describe(f.rawValue)) → \($0.result)" })
            }
            let records = RecordSchemas.all.keys.sorted().map { Item(label: $0, kind: value, detail: "record") }
            return records + [Item(label: "params", kind: value, detail: "the rule's parameters"),
                              Item(label: "as_of", kind: value, detail: "date")] + functions
        default:
            if role == .plan, case .choice(let values)? = SchemaLookup.root(role, kind: nil).flatMap({ SchemaLookup.node($0, (cursor.path + [key])[...]) }) {
                return values.compactMap { if case .string(let s) = $0 { Item(label: s, kind: value) } else { nil } }
            }
            return []
        }
    }

    /// In a roster: unit ids in a `unit` column or key, contributor ids in a `contributor` one.
    static func rosterIDs(_ ws: Workspace, _ doc: TextDocument, _ p: Position, before: String) -> [Item] {
        let column: String?
        if doc.path.lowercased().hasSuffix(".csv") {
            let header = doc.line(0)
            let separator: Character = header.contains(";") && !header.contains(",") ? ";" : ","
            let names = header.split(separator: separator, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let index = before.filter { $0 == separator }.count
            column = p.line > 0 && index < names.count ? names[index] : nil
        } else {
            column = YAMLCursor(doc, p).valueOf
        }
        guard let column else { return [] }
        var out: [Item] = []
        var seen = Set<String>()
        for plan in ws.plans(reading: doc.path) {
            guard let data = ws.plans[plan]?.data else { continue }
            if column == "unit" || column == "units" {
                for u in data.plan.units where seen.insert(u.id).inserted {
                    out.append(Item(label: u.id, kind: reference, detail: "unit (\(u.kind.rawValue))\(u.name.map { " — \($0)" } ?? "")"))
                }
            } else if column == "contributor" {
                for c in data.contributors.prefix(20_000) where seen.insert(c.id).inserted {
                    out.append(Item(label: c.id, kind: reference, detail: "contributor (\(c.role))"))
                }
            }
        }
        return out
    }
}
