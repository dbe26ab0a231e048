/// What the editor shows when the pointer rests on something: a rule, a record field, a
/// function, a kind, a unit or contributor, or a key of the file's schema.
public enum Hover {
    /// The hover at `p` in `doc`, or nil when there is nothing to say.
    public static func hover(_ ws: Workspace, _ doc: TextDocument, _ p: Position) -> JSON? {
        guard let (word, range) = doc.word(at: p, extra: ["_", ".", "-", ":"]) else { return nil }
        guard let text = markdown(ws, doc, p, word: word) else { return nil }
        return .object(["contents": .object(["kind": "markdown", "value": .string(text)]), "range": range.json])
    }

    static func markdown(_ ws: Workspace, _ doc: TextDocument, _ p: Position, word full: String) -> String? {
        let role = ws.role(doc.path)
        // A key: the schema's description.
        let line = doc.line(p.line)
        let shape = YAMLCursor.shape(line)
        let onKey = shape.key != nil && shape.afterColon && p.character <= shape.content + (shape.key?.utf16.count ?? 0)
        let word = full.hasSuffix(":") ? String(full.dropLast()) : full
        if onKey, let key = shape.key, role != .roster {
            let cursor = YAMLCursor(doc, Position(line: p.line, character: shape.content))
            let kind = role == .rules ? cursor.value(of: "kind", in: doc) : nil
            if let prop = SchemaLookup.keys(role, cursor, kind: kind).first(where: { $0.name == key }) {
                return "**`\(prop.name)`**\(prop.required ? " (required)" : ""): \(SchemaLookup.describe(prop.node))\n\n\(prop.description)"
            }
        }
        let rules = ws.knownRules()
        let bare = word.hasPrefix("unit:") || word.hasPrefix("contributor:") ? String(word.drop { $0 != ":" }.dropFirst()) : word
        if let rule = rules.first(where: { $0.id == word }) { return describe(rule) }
        if shape.key == "kind", role == .rules, let kind = RuleKinds.named(word) { return describe(kind) }
        if let field = field(word, at: p, in: doc, full: full) { return field }
        if let f = Builtin(rawValue: word), let signatures = Signatures.table[f] {
            return "**function `\(word)`**\n\n" + signatures.map { "- `\($0.describe(word)) → \($0.result)`" }.joined(separator: "\n")
        }
        if let record = record(ws, doc, id: bare) { return record }
        if let kind = RuleKinds.named(word), role == .rules { return describe(kind) }
        return nil
    }

    /// A rule: title, principle and severity, rationale, references, parameters with values.
    public static func describe(_ rule: Rule) -> String {
        var out = ["**\(rule.id)** — \(rule.title.text("en"))",
                   "\(rule.principle.id) · \(rule.severity.rawValue) · kind `\(rule.kind)` · pack \(rule.pack)"]
        let rationale = rule.rationale.text("en")
        if !rationale.isEmpty { out.append(rationale) }
        if !rule.references.isEmpty { out.append("References:\n" + rule.references.map { "- \($0)" }.joined(separator: "\n")) }
        if !rule.params.isEmpty {
            out.append("Parameters:\n" + rule.params.map { p in
                var line = "- `\(p.name)` = \(p.defaultValue.displayText)"
                if let b = p.boundsText { line += " (\(b)\(p.basis.map { ", \($0)" } ?? ""))" }
                if let d = p.description { line += ": \(d)" }
                return line
            }.joined(separator: "\n"))
        }
        return out.joined(separator: "\n\n")
    }

    /// A kind: its summary and its keys.
    static func describe(_ kind: any RuleKind.Type) -> String {
        "**kind `\(kind.identifier)`**: \(kind.summary)\n\nKeys: " + kind.keys.map { "`\($0)`" }.joined(separator: ", ")
    }

    /// A field of a record type (`contributor.birth_date`): its type and, where the plan holds
    /// the record, its meaning.
    static func field(_ word: String, at p: Position, in doc: TextDocument, full: String) -> String? {
        let parts = word.split(separator: ".").map(String.init)
        guard parts.count >= 2, let fields = RecordSchemas.all[parts[0]] else { return nil }
        let name = parts[1]
        guard let kind = fields[name] else { return nil }
        var text = "**`\(parts[0]).\(name)`**: \(ExprType(kind))"
        if let prop = SchemaLookup.planObject(forRecord: parts[0])?[name] { text += "\n\n\(prop.description)" }
        text += "\n\nMissing data makes a rule that reads it indeterminate, never a pass."
        return text
    }

    /// A unit's or contributor's record, from the last check of a plan that holds it.
    static func record(_ ws: Workspace, _ doc: TextDocument, id: String) -> String? {
        for analysis in ws.plans.values.sorted(by: { $0.plan < $1.plan }) {
            guard let data = analysis.data else { continue }
            if let i = data.unitIndex[id] {
                let u = data.plan.units[i]
                return "**unit `\(u.id)`** (\(u.kind.rawValue))\(u.name.map { " — \($0)" } ?? "")\n\n" + fields(of: u, schema: Unit.schema)
                    + "\n\ndefined at \(u.location)"
            }
            if let i = data.index(ofContributor: id) {
                let c = data.contributors[i]
                return "**contributor `\(c.id)`**\n\n" + fields(of: c, schema: Contributor.schema) + "\n\nrow at \(c.location)"
            }
        }
        return nil
    }

    /// The fields of a record that have a value, one line each.
    static func fields(of record: some ObjectValue, schema: [String: FieldKind]) -> String {
        schema.keys.sorted().compactMap { name in
            guard case .value(let v) = record.field(name) else { return nil }
            if case .list(let items) = v, items.count > 8 { return "- \(name): \(items.count) items" }
            if case .object = v { return nil }
            return "- \(name): \(v.displayText)"
        }.joined(separator: "\n")
    }
}
