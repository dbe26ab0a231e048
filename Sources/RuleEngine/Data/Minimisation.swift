/// Contributors' data kept to what the rules need (GDPR art. 5(1)(c), 9 and 10).
///
/// Rosters carry health data (medical fitness) and criminal-record data (the B2 extract or
/// the good-character certificate). A rule needs "fit until" and "which extract, valid until",
/// never more, so these are accepted only in their minimised form:
///
/// - health: `medical_fit` (true or false) and `medical_valid_from`/`medical_valid_until` (dates);
/// - criminal record: `background_check_type` (a short code such as `B2`, `honorabilite`) and
///   `background_check_valid_from`/`background_check_valid_until` (dates).
///
/// A column (CSV) or key (YAML `extra:` or a contributor's own key) whose name says it holds
/// more — a diagnosis, a treatment, an extract's content, a conviction — is an error located at
/// its header or key, and a minimised field whose cell holds more than its form (a sentence in
/// `medical_fit`, an extract's text in `background_check_type`) is an error located at the cell.
/// Neither message shows the content, and the loader's own message for that cell (which would
/// quote it, `bad bool '…'`) is withdrawn.
///
/// After the rules are loaded, `dropUnread` removes from every contributor the data no loaded
/// rule reads: its own columns and keys (`extra`) and the two sensitive documents (`medical`,
/// `background_check`); what was dropped is reported, one warning per column.
public enum Minimisation {
    /// The special categories of personal data this pass guards.
    public enum Category: String, Sendable {
        case health
        case criminalRecord = "criminal-record"

        var article: String { self == .health ? "GDPR art. 9" : "GDPR art. 10" }
        var what: String { self == .health ? "health data" : "criminal-record data" }
        var allowed: String {
            self == .health
                ? "fitness (medical_fit: true or false) and its dates (medical_valid_from, medical_valid_until)"
                : "the extract's type (background_check_type: B2, honorabilite…) and its dates (background_check_valid_from, background_check_valid_until)"
        }
    }

    /// Words that mark a name as health data beyond fitness (English and French, accents folded).
    static let healthWords: Set<String> = [
        "diagnosis", "diagnoses", "diagnostic", "diagnostics", "diagnose", "pathology", "pathologie", "pathologies",
        "illness", "disease", "diseases", "maladie", "maladies", "treatment", "treatments", "traitement", "traitements",
        "medication", "medications", "medicament", "medicaments", "prescription", "ordonnance", "allergy", "allergies",
        "allergie", "handicap", "disability", "disabilities", "health", "sante", "medical", "medicale", "medicales",
        "medicaux", "symptom", "symptoms", "symptome", "symptomes", "restriction", "restrictions", "contre", "indication",
        "contraindication", "contraindications", "infirmity", "infirmite", "psychiatric", "psychiatrique", "ald",
    ]
    /// Words that mark a name as criminal-record data beyond the extract's type and dates.
    static let criminalWords: Set<String> = [
        "casier", "criminal", "conviction", "convictions", "condamnation", "condamnations", "offence", "offences",
        "offense", "offenses", "infraction", "infractions", "extract", "extrait", "bulletin", "judiciaire", "sentence",
        "peine", "peines", "fijais", "record",
    ]

    /// The minimised fields of a contributor, by CSV column.
    static let minimisedColumns: [String: (category: Category, form: Form)] = [
        "medical_fit": (.health, .bool),
        "medical_valid_from": (.health, .date),
        "medical_valid_until": (.health, .date),
        "background_check_type": (.criminalRecord, .code),
        "background_check_valid_from": (.criminalRecord, .date),
        "background_check_valid_until": (.criminalRecord, .date),
    ]

    /// What a minimised field may hold.
    enum Form {
        case bool, date, code

        var text: String {
            switch self {
            case .bool: "true or false"
            case .date: "a date"
            case .code: "a short code"
            }
        }

        /// Whether `s` (trimmed, not empty) is of this form; the decoder still checks the value.
        func admits(_ s: String) -> Bool {
            switch self {
            case .bool:
                return ["true", "false", "1", "0", "yes", "no", "oui", "non"].contains(s.lowercased())
            case .date:
                let b = Array(s.utf8)
                return b.count == 10 && b[4] == UInt8(ascii: "-") && b[7] == UInt8(ascii: "-")
                    && b.enumerated().allSatisfy { i, c in i == 4 || i == 7 || (c >= 48 && c <= 57) }
            case .code:
                let b = Array(s.utf8)
                return !b.isEmpty && b.count <= 32 && b.allSatisfy { c in
                    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
                        || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
                }
            }
        }
    }

    /// The special category a column or key name says it holds, or nil. The fields of the data
    /// model in their minimised form are not flagged by their name.
    public static func category(ofName name: String) -> Category? {
        if minimisedColumns[name] != nil { return nil }
        let words = wordsOf(name)
        if words.contains(where: criminalWords.contains) { return .criminalRecord }
        if words.contains(where: healthWords.contains) { return .health }
        return nil
    }

    /// Lower-case ASCII words of a name, accents folded (`Pathologie_déclarée` → pathologie, declaree).
    static func wordsOf(_ name: String) -> [String] {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        return folded.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    static func columnMessage(_ name: String, _ category: Category) -> String {
        "column '\(name)' holds \(category.what) (\(category.article)): a roster keeps only \(category.allowed); remove the column (its content is not shown)"
    }

    static func keyMessage(_ name: String, _ category: Category) -> String {
        "key '\(name)' holds \(category.what) (\(category.article)): a roster keeps only \(category.allowed); remove it (its content is not shown)"
    }

    static func cellMessage(_ name: String, _ category: Category, _ form: Form) -> String {
        "'\(name)' holds more than \(form.text): \(category.what) (\(category.article)) is accepted only as \(category.allowed); write the minimised form (the content is not shown)"
    }

    // MARK: - Screening at load

    /// Reads a contributors CSV file, screened: a sensitive column is a located error at its
    /// header; a minimised column's cell that holds more than its form is one at that cell, in
    /// words that never quote it (the loader's own message for the cell, which would, is
    /// replaced; an extract's type, which the loader takes as any text, is checked after). Only
    /// the header is read twice, so that a national roster is not parsed a second time. Other
    /// kinds of file are read as they are.
    static func readCSV(bytes buf: UnsafeBufferPointer<UInt8>, file: String, kind: RosterReference.Kind, separator: Character?,
                        declaredExtra: [String], reader: inout FieldReader, into records: inout RosterRecords) {
        guard kind == .contributors else {
            RosterReader.readCSV(bytes: buf, file: file, kind: kind, separator: separator,
                                 declaredExtra: declaredExtra, reader: &reader, into: &records)
            return
        }
        let header = screenHeader(buf, file: file, separator: separator, sink: &reader.sink)
        let before = reader.sink.errors.count
        let firstRecord = records.contributors.count
        RosterReader.readCSV(bytes: buf, file: file, kind: kind, separator: separator,
                             declaredExtra: declaredExtra, reader: &reader, into: &records)
        guard !header.places.isEmpty || !header.watched.isEmpty else { return }
        reader.sink.replaceErrors(from: before) { d in
            if header.places.contains(d.location) { return nil }
            if d.location.file == file, d.location.line > header.line, let w = header.watched[d.location.column - 1],
               !quotesOnly(d.message, w.form) {
                return .error(at: d.location, cellMessage(w.name, w.category, w.form))
            }
            return d
        }
        for (column, w) in header.watched where w.form == .code {
            for person in records.contributors[firstRecord...] where person.location.file == file {
                guard let label = person.backgroundCheck?.label, !w.form.admits(label) else { continue }
                reader.sink.error(Location(file: file, line: person.location.line, column: column + 1),
                                  cellMessage(w.name, w.category, w.form))
                person.backgroundCheck?.label = nil
            }
        }
    }

    /// Whether the loader's message quotes nothing but a value of `form` (`bad date
    /// '2026-02-30'`): then it reveals nothing and says more than "holds more than a date".
    static func quotesOnly(_ message: String, _ form: Form) -> Bool {
        let parts = message.split(separator: "'", omittingEmptySubsequences: false)
        // Quoted values are the odd parts; the column's own name is quoted too.
        let quoted = stride(from: 1, to: parts.count - 1, by: 2).map { String(parts[$0]) }
        return !quoted.isEmpty && quoted.allSatisfy { form.admits($0) || minimisedColumns[$0] != nil }
    }

    /// Reads a YAML roster document after screening its contributors (see `readCSV`).
    static func readYAML(root: YAMLNode, file: String, kind: RosterReference.Kind,
                         reader: inout FieldReader, into records: inout RosterRecords) {
        let screened = screenYAML(root, kind: kind, sink: &reader.sink)
        let before = reader.sink.errors.count
        RosterReader.readYAML(root: root, file: file, kind: kind, reader: &reader, into: &records)
        if !screened.isEmpty { reader.sink.replaceErrors(from: before) { screened.contains($0.location) ? nil : $0 } }
    }

    /// What the header of a contributors CSV file says: the sensitive columns reported (their
    /// places), the minimised columns to watch (by 0-based index), the header's line.
    struct Header {
        var places: Set<Location> = []
        var watched: [Int: (name: String, category: Category, form: Form)] = [:]
        var line = 1
    }

    /// Reads the header of a contributors CSV file and reports each column whose name says it
    /// holds health or criminal-record data.
    static func screenHeader(_ buf: UnsafeBufferPointer<UInt8>, file: String, separator: Character?,
                             sink: inout DiagnosticSink) -> Header {
        let cursor = CSVCursor(buf, separator: separator.flatMap { $0.asciiValue })
        var header = Header()
        // A syntax error in the header is the loader's to report.
        guard (try? cursor.next()) == true else { return header }
        header.line = cursor.rowLine
        for i in 0..<cursor.count {
            let name = cursor.string(i)[...].trimmed(" ")
            if let (category, form) = minimisedColumns[name] {
                header.watched[i] = (name, category, form)
            } else if let category = category(ofName: name) {
                let at = Location(file: file, line: cursor.rowLine, column: i + 1)
                sink.error(at, columnMessage(name, category))
                header.places.insert(at)
            }
        }
        return header
    }

    /// Screens the contributors of a YAML roster document: sensitive keys of a contributor or of
    /// its `extra:`, and the values of its `medical:` and `background_check:` documents.
    /// - Returns: the places this pass reported.
    static func screenYAML(_ root: YAMLNode, kind: RosterReference.Kind, sink: inout DiagnosticSink) -> Set<Location> {
        guard kind == .contributors || kind == .roster, let people = root["contributors"]?.items else { return [] }
        var places: Set<Location> = []
        func flag(_ at: Location, _ message: String) {
            sink.error(at, message)
            places.insert(at)
        }
        let documents: [String: (Category, [String: Form])] = [
            "medical": (.health, ["fit": .bool, "valid_from": .date, "valid_until": .date]),
            "background_check": (.criminalRecord, ["type": .code, "valid_from": .date, "valid_until": .date]),
        ]
        for person in people {
            for pair in person.pairs ?? [] {
                guard case .string(let key) = pair.key.value else { continue }
                if let (category, forms) = documents[key] {
                    for field in pair.value.pairs ?? [] {
                        guard case .string(let name) = field.key.value else { continue }
                        guard let form = forms[name] else {
                            // A misspelt field (`valid_untill`) is the loader's to report, with
                            // its "did you mean"; any other key holds more than the form.
                            if Suggest.closest(to: name, in: Array(forms.keys)) == nil {
                                flag(field.key.location, keyMessage("\(key).\(name)", category))
                            }
                            continue
                        }
                        if !admits(field.value, form) {
                            flag(field.value.location, cellMessage("\(key).\(name)", category, form))
                        }
                    }
                } else if key == "extra" {
                    for field in pair.value.pairs ?? [] {
                        guard case .string(let name) = field.key.value, let category = category(ofName: name) else { continue }
                        flag(field.key.location, keyMessage("extra.\(name)", category))
                    }
                } else if let category = category(ofName: key) {
                    flag(pair.key.location, keyMessage(key, category))
                }
            }
        }
        return places
    }

    /// Whether a YAML value is of `form` (null is missing data, not more than the form).
    static func admits(_ node: YAMLNode, _ form: Form) -> Bool {
        switch node.value {
        case .null: return true
        case .bool: return form == .bool
        case .int(let i): return form == .code && String(i).utf8.count <= 32
        case .string(let s): return form.admits(s)
        case .float, .sequence, .mapping: return false
        }
    }

    // MARK: - Dropping what no rule reads

    /// One column or key dropped at load because no loaded rule reads it.
    public struct Dropped: Sendable, Hashable {
        /// The roster file it came from.
        public var file: String
        /// The column or key (`extra` columns by name, `medical`, `background_check`).
        public var name: String
        /// How many contributors had it.
        public var count: Int
    }

    /// Removes from every contributor the data no rule of `rules` reads: its own columns and keys
    /// (`extra`), and the `medical` and `background_check` documents. A rule reads a field when
    /// its name is written in one of the rule's keys (`where`, `assert`, `document`, `group_by`…);
    /// the fields of the data model other than these two documents are kept, since a kind may read
    /// them without naming them (the `age` kind reads the birth date).
    /// - Returns: what was dropped, by file and name, in file then name order.
    public static func dropUnread(_ data: ServiceData, rules: [Rule]) -> [Dropped] {
        let text = rules.map(ruleText).joined(separator: "\n")
        let words = Set(text.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
        func reads(_ name: String) -> Bool { words.contains(name) || text.contains("'\(name)'") || text.contains("\"\(name)\"") }
        let keepMedical = reads("medical")
        let keepCheck = reads("background_check")
        var dropped: [String: [String: Int]] = [:]
        for person in data.contributors {
            let file = person.location.file
            for key in person.extra.keys where !reads(key) {
                person.extra[key] = nil
                dropped[file, default: [:]][key, default: 0] += 1
            }
            if !keepMedical, person.medical != nil {
                person.medical = nil
                dropped[file, default: [:]]["medical", default: 0] += 1
            }
            if !keepCheck, person.backgroundCheck != nil {
                person.backgroundCheck = nil
                dropped[file, default: [:]]["background_check", default: 0] += 1
            }
        }
        return dropped.keys.sorted().flatMap { file in
            dropped[file]!.keys.sorted().map { Dropped(file: file, name: $0, count: dropped[file]![$0]!) }
        }
    }

    /// The text of a rule that may name a field: its kind, its condition keys as written and,
    /// found by reflection on the kind (each kind keeps its templates its own way), the
    /// expressions of its message and fix templates and any other text it holds.
    static func ruleText(_ rule: Rule) -> String {
        var parts = [rule.kind] + rule.condition.map(\.text)
        func walk(_ value: Any, depth: Int) {
            if let t = value as? MessageTemplate { parts += t.sources; return }
            if let s = value as? String { parts.append(s); return }
            guard depth < 6 else { return }
            for child in Mirror(reflecting: value).children { walk(child.value, depth: depth + 1) }
        }
        walk(rule.check, depth: 0)
        return parts.joined(separator: " ")
    }

    /// The contributor fields of the data model, as expressions name them.
    static let contributorFields = ["id", "role", "status", "birth_date", "grade", "residence_insee", "home_to_unit_minutes",
                                    "units", "engagement_start", "employment", "qualifications", "medical",
                                    "background_check", "licence", "insurance"]

    /// The contributor data `rules` read, derived from what they write (no pack declares it by
    /// hand): `contributor.FIELD` and `contributor.extra.NAME` in any expression or template,
    /// the document a `validity` rule names, the birth date an `age` rule reads. Sorted, the
    /// model's fields first, then `extra.NAME`.
    public static func contributorDataRead(_ rules: [Rule]) -> [String] {
        var fields = Set<String>()
        var extras = Set<String>()
        for rule in rules {
            let text = ruleText(rule)
            for f in contributorFields where text.contains("contributor.\(f)") { fields.insert(f) }
            var rest = Substring(text)
            while let r = rest.range(of: "contributor.extra.") {
                let name = rest[r.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                if !name.isEmpty { extras.insert(String(name)) }
                rest = rest[r.upperBound...]
            }
            if rule.kind == "age" { fields.insert("birth_date") }
            if rule.kind == "validity", let doc = rule.condition.first(where: { $0.key == "document" })?.text,
               contributorFields.contains(doc) {
                fields.insert(doc)
            }
        }
        return contributorFields.filter(fields.contains) + extras.sorted().map { "extra.\($0)" }
    }

    /// The warning that tells which data was dropped, located at the start of its file.
    public static func warning(_ d: Dropped) -> Diagnostic {
        Diagnostic(.warning, at: Location(file: d.file, line: 1, column: 1),
                   "'\(d.name)' (\(d.count) contributor\(d.count == 1 ? "" : "s")) is read by no loaded rule: dropped at load (data minimisation, GDPR art. 5(1)(c))")
    }
}
