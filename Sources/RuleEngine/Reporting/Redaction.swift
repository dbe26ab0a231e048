/// `--redact`: reports shared beyond the service must not name people. Every value that
/// identifies a person is replaced, wherever a report would show it, by the pseudonymous subject
/// of its record (`contributor:SPV-0042`). Subject ids are pseudonymous by design and stay.
///
/// What identifies a person is told by what a field *is*, not by a closed list of names, as
/// rosters name their columns freely (`tel`, `portable`, `phone_number`, `adresse`, `numTel`):
/// - by the field's name: a known name (`identifyingFields`), or a word of it (split at `_`,
///   `-`, spaces and camelCase) that hints at a name, contact, address, birth, national id or
///   free-text note, in French, English, German, Spanish or Italian (`nameHints`);
/// - by the value's shape, whatever the field is called: an e-mail address, a phone number;
///   in a person's record (contributor, assignment, attendance, carpool request), free text of
///   four words or more (a note);
/// - birth dates, declared or not.
public struct Redactor: Sendable {
    /// Field names (lower-cased, compared after removing `_`, `-` and spaces) whose values
    /// identify a person: names, contact details, addresses, national ids.
    public static let identifyingFields: [String] = [
        "name", "full_name", "first_name", "last_name", "given_name", "family_name", "surname",
        "firstname", "lastname", "middle_name", "maiden_name", "nickname", "display_name",
        "nom", "prenom", "prénom", "nom_de_naissance", "nom_usage",
        "email", "e_mail", "mail", "courriel",
        "phone", "telephone", "téléphone", "tel", "mobile", "portable", "cell", "fax",
        "address", "adresse", "street", "rue", "postal_address", "home_address",
        "social_security_number", "ssn", "nir", "numero_securite_sociale", "passport", "id_card",
        "contact", "emergency_contact", "guardian", "parent_name",
    ]

    static let normalizedFields: Set<String> = Set(identifyingFields.map(normalize))

    /// Words of a field's name that make it identifying: exact words (short ones, which would
    /// match inside unrelated words) and word starts (longer ones: `adress` matches `adresse`,
    /// `address`, `adressePostale`).
    public static let nameHints: (words: Set<String>, prefixes: [String]) = (
        ["tel", "tél", "gsm", "fax", "cell", "nom", "rue", "dob", "ddn", "nir", "ssn", "iban", "cp", "zip", "via",
         "name", "names", "mail", "email", "phone", "handy", "notes", "note", "nota", "memo", "secu", "sécu"],
        ["phone", "telef", "télé", "tele", "portable", "mobile", "mail", "courriel", "correo",
         "adress", "addr", "indirizz", "direcci", "street", "strasse", "straße", "calle", "postal", "postcode", "codepostal",
         "prenom", "prénom", "surname", "firstname", "lastname", "fullname", "vorname", "nachname", "apellido", "cognome",
         "birth", "naissance", "geburt", "nacimiento", "nascita",
         "passport", "passeport", "guardian", "tuteur",
         "comment", "remark", "remarque", "observ", "bemerk", "notiz", "annot"])

    /// The words of a field's name, lower-cased: split at `_`, `-`, `.`, spaces and camelCase.
    static func words(_ name: String) -> [String] {
        var words: [String] = [], current = ""
        var previousLower = false
        for c in name {
            if c == "_" || c == "-" || c == " " || c == "." {
                if !current.isEmpty { words.append(current) }
                current = ""; previousLower = false; continue
            }
            if c.isUppercase && previousLower && !current.isEmpty { words.append(current); current = "" }
            current += c.lowercased()
            previousLower = c.isLowercase || c.isNumber
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    static func normalize(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" && $0 != " " }.map(Character.init))
    }

    /// Whether a field of this name identifies a person.
    public static func isIdentifying(_ field: String) -> Bool {
        if normalizedFields.contains(normalize(field)) { return true }
        return words(field).contains { word in
            nameHints.words.contains(word) || nameHints.prefixes.contains { word.hasPrefix($0) }
        }
    }

    /// Whether a value identifies a person by its shape alone: an e-mail address or a phone
    /// number (8 to 15 digits, written with spaces, dots, dashes, a leading `+` or brackets).
    public static func looksIdentifying(_ value: String) -> Bool {
        let v = value.trimmingCharacters(in: .whitespaces)
        if let at = v.firstIndex(of: "@"), at != v.startIndex, !v.contains(" "),
           v[v.index(after: at)...].contains("."), !v.hasSuffix(".") { return true }
        var digits = 0
        for c in v.unicodeScalars {
            switch c {
            case "0"..."9": digits += 1
            case " ", ".", "-", "(", ")", "/", "\u{A0}": continue
            case "+" where digits == 0: continue
            default: return false
            }
        }
        // A bare number of 8 digits could be a count or a date (20261007): a phone number is
        // written with separators or a `+`, or starts with 0 (French numbers: 10 digits).
        let separated = v.unicodeScalars.contains { !("0"..."9").contains($0) }
        return digits >= 8 && digits <= 15 && (separated || (v.hasPrefix("0") && digits == 10))
    }

    /// Whether a value of a person's record is free text (a note): four words or more.
    static func isFreeText(_ value: String) -> Bool {
        value.count >= 20 && value.split(whereSeparator: { $0 == " " }).filter { $0.contains(where: \.isLetter) }.count >= 4
    }

    /// Values to hide, lower-cased, with their replacement (the first record that has it).
    private var replacements: [String: String] = [:]
    /// For each first word of a value (lower-cased), the lengths in scalars of the values that
    /// start with it, longest first: a text is scanned once, trying only these lengths at each
    /// word, so that a roster of 200,000 names costs a dictionary look-up per word.
    private var lengths: [String: [Int]] = [:]

    /// Whether there is anything to hide.
    public var isEmpty: Bool { replacements.isEmpty }

    public init() {}

    /// Gathers the identifying values of every record of the data.
    public init(_ data: ServiceData) {
        for c in data.contributors {
            add(c.extra, replacement: "contributor:\(c.id)", person: true)
            if let birth = c.birthDate { add(value: birth.iso, replacement: "contributor:\(c.id)") }
        }
        for a in data.assignments { add(a.extra, replacement: "contributor:\(a.contributor)", person: true) }
        for s in data.attendance { add(s.extra, replacement: "attendance:\(s.id ?? s.unit)", person: true) }
        for r in data.carpoolRequests { add(r.extra, replacement: "carpool_request:\(r.id)", person: true) }
        for u in data.plan.units { add(u.extra, replacement: "unit:\(u.id)") }
        add(data.plan.extra, replacement: "service:\(data.plan.id)")
    }

    /// Adds every identifying value of `fields` (nested mappings and lists included): values of
    /// identifying fields, e-mail addresses and phone numbers under any name, and, for a
    /// person's record (`person`), free-text notes.
    public mutating func add(_ fields: [String: DataValue], replacement: String, person: Bool = false) {
        freeText = person
        defer { freeText = false }
        for (key, value) in fields { add(value, identifying: Self.isIdentifying(key), replacement: replacement, depth: 0) }
    }

    /// Whether the record being added is a person's, whose free text is redacted too.
    private var freeText = false

    /// Adds one value to hide.
    public mutating func add(value text: String, replacement: String) {
        let scalars = Array(text.unicodeScalars)
        // The value from its first letter or digit to its last: where words of a text start and end.
        guard let start = scalars.firstIndex(where: Self.isWordScalar),
              let last = scalars.lastIndex(where: Self.isWordScalar) else { return }
        let value = Array(scalars[start...last])
        // One-letter values (an initial) would blank out every such letter of every message.
        guard value.count >= 2 else { return }
        let key = String(String.UnicodeScalarView(value)).lowercased()
        guard replacements[key] == nil else { return }
        replacements[key] = replacement
        let first = String(String.UnicodeScalarView(value.prefix(while: Self.isWordScalar))).lowercased()
        var list = lengths[first] ?? []
        if !list.contains(value.count) {
            list.append(value.count)
            list.sort(by: >)
        }
        lengths[first] = list
    }

    private mutating func add(_ value: DataValue, identifying: Bool, replacement: String, depth: Int) {
        guard depth < 16 else { return }
        switch value {
        case .string(let s) where identifying || Self.looksIdentifying(s) || (freeText && Self.isFreeText(s)):
            add(value: s, replacement: replacement)
        case .int(let i) where identifying: add(value: String(i), replacement: replacement)
        case .list(let items):
            for item in items { add(item, identifying: identifying, replacement: replacement, depth: depth + 1) }
        case .map(let entries):
            for e in entries {
                add(e.value, identifying: identifying || Self.isIdentifying(e.key), replacement: replacement, depth: depth + 1)
            }
        default: break
        }
    }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || s.properties.numericType != nil }

    /// `text` with every identifying value that stands as whole words replaced (case-insensitively).
    public func redact(_ text: String) -> String {
        guard !replacements.isEmpty else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var changed = false
        scan: while i < scalars.count {
            // At the start of a word: try the values that begin with it, longest first.
            if Self.isWordScalar(scalars[i]) && (i == 0 || !Self.isWordScalar(scalars[i - 1])) {
                var j = i
                while j < scalars.count && Self.isWordScalar(scalars[j]) { j += 1 }
                let word = String(String.UnicodeScalarView(scalars[i..<j])).lowercased()
                for length in lengths[word] ?? [] where i + length <= scalars.count {
                    // A whole word: not followed by a letter or digit.
                    if i + length < scalars.count && Self.isWordScalar(scalars[i + length]) { continue }
                    let candidate = String(String.UnicodeScalarView(scalars[i..<(i + length)])).lowercased()
                    if let replacement = replacements[candidate] {
                        out.append(contentsOf: replacement.unicodeScalars)
                        i += length
                        changed = true
                        continue scan
                    }
                }
                out.append(contentsOf: scalars[i..<j])
                i = j
                continue
            }
            out.append(scalars[i])
            i += 1
        }
        return changed ? String(out) : text
    }

    /// The finding with its texts redacted.
    public func redact(_ f: Finding) -> Finding {
        var f = f
        f.message = redact(f.message)
        f.measured = f.measured.map(redact)
        f.expected = f.expected.map(redact)
        f.fix = f.fix.map(redact)
        f.path = f.path.map(redact)
        if var w = f.waiver {
            w.justification = redact(w.justification)
            w.approvedBy = redact(w.approvedBy)
            w.subject = redact(w.subject)
            f.waiver = w
        }
        return f
    }

    /// The input with its findings and explanations redacted.
    public func redact(_ input: ReportInput) -> ReportInput {
        guard !isEmpty else { return input }
        var r = input
        r.report = redact(input.report)
        r.explanations = input.explanations.mapValues { $0.map(redact) }
        return r
    }

    /// The report with every finding redacted.
    public func redact(_ report: Report) -> Report {
        guard !isEmpty else { return report }
        var r = report
        r.findings = report.findings.map(redact)
        return r
    }
}
