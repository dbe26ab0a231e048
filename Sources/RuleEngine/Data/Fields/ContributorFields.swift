/// A contributor's fields, and those of the documents and qualifications it holds: their tables
/// (docs/data-model.md, *Contributors* and *Qualifications*) and accessors.
extension Contributor: ObjectValue, Record, ExtraFieldRecord, IdentifiedRecord {
    enum Field: String, CaseIterable, Sendable {
        case id, role, status
        case birthDate = "birth_date"
        case grade
        case residenceInsee = "residence_insee"
        case homeToUnitMinutes = "home_to_unit_minutes"
        case units
        case engagementStart = "engagement_start"
        case employment, qualifications, medical
        case backgroundCheck = "background_check"
        case licence, insurance
    }

    typealias C = RosterFields.C
    /// A document's columns: `medical_valid_from` in CSV, `medical: {valid_from}` in YAML.
    private static func document(_ prefix: String, _ columns: [(C, String)]) -> [RosterColumn] {
        columns.map { RosterColumn($0.0, "\(prefix)_\($0.1)", yaml: [prefix, $0.1]) }
    }

    static let fields = FieldTable<Contributor>("contributor", [
        FieldRow(.id, .string, column: C.id, required: true, "pseudonymous id, unique"),
        FieldRow(.role, .string, column: C.role, required: true, "spv, parent, professional, driver…"),
        FieldRow(.status, .string, column: C.status, "volunteer, paid_cosp, employee"),
        FieldRow(.birthDate, .date, column: C.birthDate, "date of birth"),
        FieldRow(.grade, .string, column: C.grade, "sapeur, caporal, sergent…"),
        FieldRow(.residenceInsee, .string, column: C.residenceInsee, node: PlanSchema.insee, "INSEE code of residence"),
        FieldRow(.homeToUnitMinutes, .int, column: C.homeToUnitMinutes, "travel time to the unit, in minutes"),
        FieldRow(.units, .list(.string), column: C.units, "units the contributor belongs to (each must exist)"),
        FieldRow(.engagementStart, .date, column: C.engagementStart, "start of engagement"),
        FieldRow(.employment, .string, column: C.employment, "employee, self_employed, student, retired…"),
        FieldRow(.qualifications, .list(.object("qualification")), column: C.qualifications,
                 "qualifications held (CSV: codes only; more detail in a qualifications file)"),
        FieldRow(.medical, .object("document"),
                 columns: document("medical", [(.medicalFrom, "valid_from"), (.medicalUntil, "valid_until"), (.medicalFit, "fit")]),
                 "medical fitness"),
        FieldRow(.backgroundCheck, .object("document"),
                 columns: document("background_check", [(.bgType, "type"), (.bgFrom, "valid_from"), (.bgUntil, "valid_until")]),
                 "B2 extract or honorability certificate"),
        FieldRow(.licence, .object("document"),
                 columns: document("licence", [(.licenceCategory, "category"), (.licenceFrom, "valid_from"), (.licenceUntil, "valid_until")]),
                 "driving licence"),
        FieldRow(.insurance, .object("document"),
                 columns: document("insurance", [(.insurancePolicy, "policy"), (.insuranceFrom, "valid_from"), (.insuranceUntil, "valid_until")]),
                 "personal or vehicle insurance"),
    ])

    public var path: String { "contributors[\(index)]" }

    func value(_ field: Field) -> FieldLookup {
        switch field {
        case .id: found(.string(id))
        case .role: found(.string(role))
        case .status: opt(status)
        case .birthDate: opt(birthDate)
        case .grade: opt(grade)
        case .residenceInsee: opt(residenceInsee)
        case .homeToUnitMinutes: opt(homeToUnitMinutes)
        case .units: opt(units)
        case .engagementStart: opt(engagementStart)
        case .employment: opt(employment)
        case .qualifications: qualifications.map { objects($0) } ?? .missing
        case .medical: medical.map { found(.object($0)) } ?? .missing
        case .backgroundCheck: backgroundCheck.map { found(.object($0)) } ?? .missing
        case .licence: licence.map { found(.object($0)) } ?? .missing
        case .insurance: insurance.map { found(.object($0)) } ?? .missing
        }
    }
}

extension Contributor: StringFieldRecord {
    static var schemaName: String { fields.typeName }
    static let stringFields = fields.stringFields
}

extension Document: ObjectValue, TabledRecord {
    enum Field: String, CaseIterable, Sendable {
        case kind
        case validFrom = "valid_from"
        case validUntil = "valid_until"
        case fit, type, category, policy
    }

    /// Its roster columns are the contributor's (`medical_valid_from`).
    static let fields = FieldTable<Document>("document", [
        FieldRow(.kind, .string, "medical, background_check, licence or insurance"),
        FieldRow(.validFrom, .date, "first valid day"),
        FieldRow(.validUntil, .date, "last valid day (inclusive)"),
        FieldRow(.fit, .bool, "medical fitness verdict"),
        FieldRow(.type, .string, "a background check's type"),
        FieldRow(.category, .string, "a licence's category"),
        FieldRow(.policy, .string, "an insurance's policy"),
    ])

    func value(_ field: Field) -> FieldLookup {
        switch field {
        case .kind: found(.string(kind.rawValue))
        case .validFrom: opt(validFrom)
        case .validUntil: opt(validUntil)
        case .fit: opt(fit)
        case .type: kind == .backgroundCheck ? opt(label) : .missing
        case .category: kind == .licence ? opt(label) : .missing
        case .policy: kind == .insurance ? opt(label) : .missing
        }
    }
}

extension Qualification: ObjectValue, TabledRecord {
    enum Field: String, CaseIterable, Sendable {
        case code, hours, obtained
        case validUntil = "valid_until"
    }

    typealias Q = RosterFields.Q
    static let fields = FieldTable<Qualification>("qualification", [
        FieldRow(.code, .string, column: Q.code, required: true, "FI-A…FI-F, FMPA, ETP40, PSC1, EJE, AP…"),
        FieldRow(.hours, .double, column: Q.hours, "training hours"),
        FieldRow(.obtained, .date, column: Q.obtained, "when it was obtained"),
        FieldRow(.validUntil, .date, column: Q.validUntil, "last valid day"),
    ], linkColumns: [RosterColumn(Q.contributor, "contributor", required: true)])

    func value(_ field: Field) -> FieldLookup {
        switch field {
        case .code: found(.string(code))
        case .hours: opt(hours)
        case .obtained: opt(obtained)
        case .validUntil: opt(validUntil)
        }
    }
}
