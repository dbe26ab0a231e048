/// An assignment's fields: its table (docs/data-model.md, *Assignments*) and its accessor.
extension Assignment: ObjectValue, Record, ExtraFieldRecord, IdentifiedRecord {
    enum Field: String, CaseIterable, Sendable {
        case id, contributor, unit, position, start, end, duration, kind, engine
        case countsInRatio = "counts_in_ratio"
        case requestedByAdministration = "requested_by_administration"
        case source, engagement
        case reachMinutes = "reach_minutes"
    }

    typealias A = RosterFields.A
    static let fields = FieldTable<Assignment>("assignment", [
        FieldRow(.id, .string, column: A.id, required: true, "unique"),
        FieldRow(.contributor, .string, column: A.contributor, required: true, "contributor id (must exist)"),
        FieldRow(.unit, .string, column: A.unit, required: true, "unit id (must exist)"),
        FieldRow(.position, .string, column: A.position, "the position held (chef_agres, parent, driver…)"),
        FieldRow(.start, .timestamp, column: A.start, required: true, "when it starts"),
        FieldRow(.end, .timestamp, column: A.end, required: true, "when it ends, after start"),
        FieldRow(.duration, .duration, "end − start, real elapsed time"),
        FieldRow(.kind, .string, column: A.kind, required: true, "garde, astreinte, permanence_parent…"),
        FieldRow(.engine, .string, column: A.engine, "engine type"),
        FieldRow(.countsInRatio, .bool, column: A.countsInRatio, "counts in the crèche staffing ratio"),
        FieldRow(.requestedByAdministration, .bool, column: A.requested, "the administration asked for this help (COSP)"),
        FieldRow(.source, .string, column: A.source, "plan, declared_availability, actual"),
        FieldRow(.engagement, .string, column: A.engagement, node: PlanSchema.choice(Engagement.self),
                 "duty, on_call or availability (absent: implied by kind and source)"),
        FieldRow(.reachMinutes, .int, column: A.reachMinutes, "on call: minutes to reach the unit after an alert"),
    ])

    public var path: String { "assignments[\(index)]" }

    func value(_ field: Field) -> FieldLookup {
        switch field {
        case .id: found(.string(id))
        case .contributor: found(.string(contributor))
        case .unit: found(.string(unit))
        case .position: opt(position)
        case .start: found(.timestamp(Instant(seconds: start)))
        case .end: found(.timestamp(Instant(seconds: end)))
        case .duration: found(.duration(TimeSpan(seconds: end - start)))
        case .kind: found(.string(kind))
        case .engine: opt(engine)
        case .countsInRatio: opt(countsInRatio)
        case .requestedByAdministration: opt(requestedByAdministration)
        case .source: opt(source)
        case .engagement: found(.string(engagement.rawValue))
        case .reachMinutes: opt(reachMinutes)
        }
    }
}

extension Assignment: StringFieldRecord {
    static var schemaName: String { fields.typeName }
    static let stringFields = fields.stringFields
}
