import Foundation
import Testing
@testable import RuleEngine

/// The records' field tables (`Data/Fields/`) held against what is derived from them by hand
/// elsewhere: the decoders (each column fills the fields its row names, in CSV and in YAML alike)
/// and the field lists of docs/data-model.md.
@Suite struct FieldTableTests {
    /// One roster record type: its file, its table's columns and fields, and how to find the record.
    struct RosterType: Sendable, CustomStringConvertible {
        let file: String
        let heading: String
        let specs: [FieldSpec]
        /// Columns by field name.
        let columns: [String: [String]]
        let record: @Sendable (ServiceData) -> (any ObjectValue)?
        var description: String { file }
    }

    static func type<R: TabledRecord>(_ table: FieldTable<R>, file: String, heading: String,
                                      _ record: @escaping @Sendable (ServiceData) -> R?) -> RosterType {
        var columns: [String: [String]] = [:]
        for row in table.rows { columns[row.name] = row.columns.map(\.spec.name) }
        return RosterType(file: file, heading: heading, specs: table.specs, columns: columns, record: { record($0) })
    }

    static let types: [RosterType] = [
        type(Contributor.fields, file: "contributors", heading: "### Contributors") { $0.contributors.first },
        type(Qualification.fields, file: "qualifications", heading: "### Qualifications") { d in
            d.contributors.first { $0.id == "c-2" }?.qualifications?.first
        },
        type(Assignment.fields, file: "assignments", heading: "### Assignments") { $0.assignments.first },
        type(Attendance.fields, file: "attendance", heading: "### Crèche attendance") { $0.attendance.first },
        type(CarpoolRequest.fields, file: "carpool_requests", heading: "### Carpool requests") { $0.carpoolRequests.first },
    ]

    /// A value each column decodes without error.
    static func sample(_ column: String) -> String {
        switch column {
        case "id": "x-1"
        case "contributor", "driver": "c-2"
        case "unit", "line", "units": "cis-a"
        case "start": "2026-03-02T19:00"
        case "end": "2026-03-03T07:00"
        case "requested_at": "2026-03-02T07:00"
        case "picked_at": "2026-03-02T07:10"
        case "residence_insee": "38053"
        case "engagement": "on_call"
        case "walking", "non_walking", "home_to_unit_minutes", "reach_minutes", "hours": "7"
        case "counts_in_ratio", "requested_by_administration", "outing", "medical_fit": "true"
        case _ where column.hasSuffix("date") || column.hasSuffix("_from") || column.hasSuffix("_until")
            || column == "engagement_start" || column == "obtained": "2026-01-05"
        default: "v"
        }
    }

    /// The files loading `columns` of `type` (every required column, and these) gives.
    static func files(_ type: RosterType, columns extra: [String], yaml: Bool) -> [String: String] {
        let names = type.specs.filter { $0.required || extra.contains($0.name) }
        var rosters: [String: String] = [:]
        // Every type but contributors needs contributor c-2 to point at.
        if type.file != "contributors" { rosters["contributors.csv"] = "id,role\nc-2,spv\n" }
        if yaml {
            var lines = ["\(type.file):", "  - {"]
            var fields: [String] = []
            var nested: [String: [String]] = [:]
            for spec in names {
                if spec.yamlPath.count == 2 {
                    nested[spec.yamlPath[0], default: []].append("\(spec.yamlPath[1]): \"\(sample(spec.name))\"")
                } else {
                    fields.append("\(spec.name): \"\(sample(spec.name))\"")
                }
            }
            for (key, inner) in nested.sorted(by: { $0.key < $1.key }) { fields.append("\(key): {\(inner.joined(separator: ", "))}") }
            lines[1] += fields.joined(separator: ", ") + "}"
            rosters["\(type.file).yaml"] = lines.joined(separator: "\n") + "\n"
        } else {
            rosters["\(type.file).csv"] = names.map(\.name).joined(separator: ",") + "\n"
                + names.map { sample($0.name) }.joined(separator: ",") + "\n"
        }
        var files = withRosters(rosters)
        // YAML booleans and numbers are written as strings above: the plan turns them back.
        if yaml {
            for key in Array(files.keys) where key.hasSuffix(".yaml") && key != "plan.yaml" {
                files[key] = files[key]!.replacingOccurrences(of: "\"true\"", with: "true")
                    .replacingOccurrences(of: "\"7\"", with: "7")
            }
        }
        return files
    }

    /// What each field of the loaded record reads, as text.
    static func values(_ type: RosterType, columns: [String], yaml: Bool) throws -> [String: String] {
        let data = try loadFiles(files(type, columns: columns, yaml: yaml))
        let record = try #require(type.record(data), "no \(type.file) record")
        var out: [String: String] = [:]
        for name in type.columns.keys { out[name] = String(describing: record.field(name)) }
        return out
    }

    @Test(arguments: types)
    func everyColumnFillsTheFieldsItsRowNames(_ type: RosterType) throws {
        let required = type.specs.filter(\.required).map(\.name)
        for yaml in [false, true] {
            let base = try Self.values(type, columns: [], yaml: yaml)
            for spec in type.specs where !spec.required {
                let with = try Self.values(type, columns: [spec.name], yaml: yaml)
                let changed = Set(with.keys.filter { with[$0] != base[$0] })
                let named = Set(type.columns.filter { $0.value.contains(spec.name) }.map(\.key))
                // The fields its row names change, and no other field read from columns does
                // (a computed field may: `wait` once `picked_at` is there).
                let computed = Set(type.columns.filter { $0.value.isEmpty }.map(\.key))
                #expect(changed.subtracting(computed) == named, "\(type.file) column \(spec.name)\(yaml ? " (YAML)" : "")")
            }
            // The required columns fill their own fields.
            for name in required {
                for (field, columns) in type.columns where columns.contains(name) {
                    #expect(base[field]?.hasPrefix("value(") == true, "\(type.file) required column \(name) → \(field)\(yaml ? " (YAML)" : "")")
                }
            }
        }
    }

    @Test(arguments: types)
    func aMissingRequiredColumnIsNamedFromTheTable(_ type: RosterType) throws {
        for spec in type.specs where spec.required {
            var files = Self.files(type, columns: [], yaml: false)
            let file = "\(type.file).csv"
            let lines = files[file]!.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let keep = lines[0].indices.filter { lines[0][$0] != spec.name }
            files[file] = lines.map { l in keep.map { String(l[$0]) }.joined(separator: ",") }.joined(separator: "\n") + "\n"
            let errors = loadErrors(files)
            #expect(errors.contains { $0.contains("missing required column '\(spec.name)' in the \(type.file) file") },
                    "\(type.file): \(errors)")
        }
    }

    /// The columns a roster table of docs/data-model.md lists, each with whether it says required.
    static func documentedColumns(under heading: String) throws -> [(name: String, required: Bool, type: String)] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/data-model.md"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0.hasPrefix(heading) }, "no heading \(heading)")
        var out: [(String, Bool, String)] = []
        var inTable = false
        for line in lines[(start + 1)...] {
            if line.hasPrefix("|") {
                inTable = true
                let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard cells.count > 4, cells[1].hasPrefix("`") else { continue }
                // Contributors: `Field (CSV column) | YAML | Type | Req.`; the others: `Field | Type | Req.`.
                let typeCell = heading.hasPrefix("### Contributors") ? cells[3] : cells[2]
                let req = heading.hasPrefix("### Contributors") ? cells[4] : cells[3]
                for name in cells[1].split(separator: ",") {
                    out.append((name.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["`"]), req.hasPrefix("yes"), typeCell))
                }
            } else if inTable {
                break
            }
        }
        return out
    }

    /// The word docs/data-model.md writes for a field type.
    static func docType(_ kind: FieldKind) -> String {
        switch kind {
        case .string: "string"
        case .int: "int"
        case .double: "number"
        case .bool: "bool"
        case .date: "date"
        case .timestamp: "date-time"
        case .list(.string): "list of strings"
        case .list: "list"
        default: "\(kind)"
        }
    }

    @Test(arguments: types)
    func theDocListsTheTablesColumns(_ type: RosterType) throws {
        let documented = try Self.documentedColumns(under: type.heading)
        #expect(documented.map(\.name) == type.specs.map(\.name), "\(type.file)")
        #expect(documented.map(\.required) == type.specs.map(\.required), "\(type.file)")
    }

    @Test func theDocGivesEachOneColumnFieldItsType() throws {
        let tables: [(String, [String: FieldKind], [String: [String]])] = [
            ("### Contributors", Contributor.schema, Self.types[0].columns),
            ("### Assignments", Assignment.schema, Self.types[2].columns),
            ("### Crèche attendance", Attendance.schema, Self.types[3].columns),
            ("### Carpool requests", CarpoolRequest.schema, Self.types[4].columns),
            ("### Qualifications", Qualification.schema, Self.types[1].columns),
        ]
        var checked = 0
        for (heading, schema, columns) in tables {
            for column in try Self.documentedColumns(under: heading) {
                guard let field = columns.first(where: { $0.value == [column.name] })?.key, let kind = schema[field] else { continue }
                let expected = Self.docType(kind)
                // A string of a closed set is documented by its values (`duty` | `on_call` …).
                let ok = column.type.hasPrefix(expected) || (kind == .string && column.type.hasPrefix("`"))
                #expect(ok, "\(heading) \(column.name): documented '\(column.type)', table says \(expected)")
                checked += 1
            }
        }
        #expect(checked >= 35)
    }

    @Test func stringFieldsAreTheStringFieldsOfTheTables() {
        #expect(Set(Assignment.stringFields.keys) == Set(Assignment.schema.filter { $0.value == .string }.keys))
        #expect(Set(Contributor.stringFields.keys) == Set(Contributor.schema.filter { $0.value == .string }.keys))
        #expect(Assignment.stringFields.keys.contains("engagement"))
    }

    /// The plan's records read the keys the plan's schema (and so its decoder) knows, and name
    /// what they compute beside.
    @Test func planRecordsReadTheKeysOfThePlanSchema() {
        func keys(_ object: SchemaObject) -> Set<String> { Set(object.keys).subtracting(["extra"]) }
        // A unit's `params:` are parameter overrides (the unit layer), read by the loader, not a field.
        #expect(Set(Unit.fields.names) == keys(PlanSchema.unit).subtracting(["params"]))
        #expect(Set(StaffingRequirement.fields.names) == keys(PlanSchema.staffing))
        #expect(Set(Fallback.fields.names) == keys(PlanSchema.fallback))
        #expect(Set(Tariff.fields.names) == keys(PlanSchema.tariff))
        #expect(Set(AccessChannel.fields.names) == keys(PlanSchema.accessChannel))
        #expect(Set(EligibilityCriterion.fields.names) == keys(PlanSchema.eligibility))
        #expect(Set(InsurancePolicy.fields.names) == keys(PlanSchema.policy))
        // Computed: the zone a commune is listed in, the population of a zone's communes.
        #expect(Set(Commune.fields.names) == keys(PlanSchema.commune).union(["zone"]))
        #expect(Set(Zone.fields.names) == keys(PlanSchema.zone).union(["population"]))
    }

    @Test func everyRecordTypeHasItsTableAsSchema() {
        let tables: [String: [String]] = [
            "service": Plan.fields.names, "zone": Zone.fields.names, "commune": Commune.fields.names,
            "unit": Unit.fields.names, "staffing": StaffingRequirement.fields.names, "fallback": Fallback.fields.names,
            "tariff": Tariff.fields.names, "access_channel": AccessChannel.fields.names,
            "eligibility": EligibilityCriterion.fields.names, "policy": InsurancePolicy.fields.names,
            "contributor": Contributor.fields.names, "document": Document.fields.names,
            "qualification": Qualification.fields.names, "assignment": Assignment.fields.names,
            "attendance": Attendance.fields.names, "carpool_request": CarpoolRequest.fields.names,
        ]
        #expect(Set(tables.keys) == Set(RecordSchemas.all.keys))
        for (name, fields) in tables {
            #expect(Set(fields) == Set(RecordSchemas.all[name]?.keys ?? [:].keys), "\(name)")
        }
    }
}
