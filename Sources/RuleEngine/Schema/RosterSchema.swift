/// A YAML roster file (docs/data-model.md, *The roster*), derived from the records' field tables
/// (`Data/Fields/`): the keys are their roster columns' YAML paths, so the schema knows the keys
/// the decoder knows. Like the decoder, it is closed: data of one's own goes under `extra:`.
public enum RosterSchema {
    /// What a YAML roster writes for a field of this type.
    static func node(for kind: FieldKind) -> SchemaNode {
        switch kind {
        case .string: .scalarText
        case .int: .integer()
        case .double: .number
        case .bool: .boolean
        case .date: .date
        case .timestamp, .duration: .string()
        case .list(.string): .strings
        case .list, .object, .dyn: .any
        }
    }

    /// The mapping of one record of `table`.
    /// - Parameter required: whether a column is required here (a nested qualification names no contributor).
    static func record<R: TabledRecord>(_ table: FieldTable<R>, _ name: String,
                                        required: (FieldSpec) -> Bool = { $0.required }) -> SchemaObject {
        var properties: [SchemaProperty] = []
        var nested: [(key: String, doc: String, properties: [SchemaProperty])] = []
        for column in table.linkColumns {
            properties.append(SchemaProperty(column.spec.name, .scalarText, required: required(column.spec),
                                             "The id of the contributor it belongs to (must exist)."))
        }
        for row in table.rows {
            for column in row.columns {
                let path = column.spec.yamlPath
                if path.count == 1 {
                    properties.append(SchemaProperty(path[0], column.node ?? node(for: row.type), required: required(column.spec),
                                                     sentence(row.doc)))
                } else {
                    // A document's keys: typed as the document record reads them.
                    let property = SchemaProperty(path[1], column.node ?? node(for: Document.schema[path[1]] ?? .string),
                                                  sentence("\(row.doc): \(Document.fields.rows.first { $0.name == path[1] }?.doc ?? path[1])"))
                    if let k = nested.firstIndex(where: { $0.key == path[0] }) {
                        nested[k].properties.append(property)
                    } else {
                        nested.append((path[0], row.doc, [property]))
                    }
                }
            }
        }
        for group in nested { properties.append(SchemaProperty(group.key, .object(SchemaObject(group.properties)), sentence(group.doc))) }
        properties.append(PlanSchema.extraProperty(name))
        return SchemaObject(properties)
    }

    /// `doc lines` of the tables as the schema's sentences.
    static func sentence(_ doc: String) -> String {
        doc.prefix(1).uppercased() + doc.dropFirst() + "."
    }

    /// A qualification written inside a YAML contributor.
    static let nestedQualification = record(Qualification.fields, "qualification") { $0.name != "contributor" && $0.required }

    public static let contributor: SchemaObject = {
        var object = record(Contributor.fields, "contributor")
        // YAML lets a contributor hold its qualifications in full, not only their codes.
        if let k = object.properties.firstIndex(where: { $0.name == "qualifications" }) {
            object.properties[k].node = .anyOf([.scalarText, .list(.anyOf([.scalarText, .object(nestedQualification)]))])
        }
        return object
    }()

    public static let file = SchemaObject([
        SchemaProperty("contributors", .list(.object(contributor)), "The people who contribute, under pseudonymous ids."),
        SchemaProperty("qualifications", .list(.object(record(Qualification.fields, "qualification"))),
                       "Qualifications, each naming its contributor."),
        SchemaProperty("assignments", .list(.object(record(Assignment.fields, "assignment"))),
                       "Who serves where, when, in which position."),
        SchemaProperty("attendance", .list(.object(record(Attendance.fields, "attendance"))),
                       "Children present in a crèche section, slot by slot."),
        SchemaProperty("carpool_requests", .list(.object(record(CarpoolRequest.fields, "carpool_request"))),
                       "Passengers' requests on carpool lines."),
    ], description: "A roster: the records of a service's contributors and their work, as lists under their kind.")
}
