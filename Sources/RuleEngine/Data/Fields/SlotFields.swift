/// The fields of crèche attendance slots and carpool requests: their tables (docs/data-model.md,
/// *Crèche attendance* and *Carpool requests*) and accessors.
extension Attendance: ObjectValue, Record, ExtraFieldRecord {
    enum Field: String, CaseIterable, Sendable {
        case id, unit, start, end, walking
        case nonWalking = "non_walking"
        case children, outing
    }

    typealias T = RosterFields.T
    static let fields = FieldTable<Attendance>("attendance", [
        FieldRow(.id, .string, column: T.id, "the slot's id"),
        FieldRow(.unit, .string, column: T.unit, required: true, "the crèche section"),
        FieldRow(.start, .timestamp, column: T.start, required: true, "slot start"),
        FieldRow(.end, .timestamp, column: T.end, required: true, "slot end"),
        FieldRow(.walking, .int, column: T.walking, required: true, "walking children present"),
        FieldRow(.nonWalking, .int, column: T.nonWalking, required: true, "non-walking children present"),
        FieldRow(.children, .int, "walking + non_walking"),
        FieldRow(.outing, .bool, column: T.outing, "the slot is an outing"),
    ])

    public var subject: String { "attendance:\(id ?? "\(unit)@\(start)")" }
    public var path: String { "attendance[\(index)]" }

    func value(_ field: Field) -> FieldLookup {
        switch field {
        case .id: opt(id)
        case .unit: found(.string(unit))
        case .start: found(.timestamp(Instant(seconds: start)))
        case .end: found(.timestamp(Instant(seconds: end)))
        case .walking: found(.int(Int64(walking)))
        case .nonWalking: found(.int(Int64(nonWalking)))
        case .children: found(.int(Int64(walking + nonWalking)))
        case .outing: opt(outing)
        }
    }
}

extension CarpoolRequest: ObjectValue, Record, ExtraFieldRecord, IdentifiedRecord {
    enum Field: String, CaseIterable, Sendable {
        case id, line, stop
        case requestedAt = "requested_at"
        case pickedAt = "picked_at"
        case wait
        case fulfilledBy = "fulfilled_by"
        case driver
    }

    typealias R = RosterFields.R
    static let fields = FieldTable<CarpoolRequest>("carpool_request", [
        FieldRow(.id, .string, column: R.id, required: true, "the request's id"),
        FieldRow(.line, .string, column: R.line, required: true, "the line (a unit)"),
        FieldRow(.stop, .string, column: R.stop, "stop id"),
        FieldRow(.requestedAt, .timestamp, column: R.requestedAt, required: true, "when the passenger asked"),
        FieldRow(.pickedAt, .timestamp, column: R.pickedAt, "when a driver or the fallback picked the passenger up"),
        FieldRow(.wait, .duration, "picked_at − requested_at"),
        FieldRow(.fulfilledBy, .string, column: R.fulfilledBy, "driver, fallback, cancelled"),
        FieldRow(.driver, .string, column: R.driver, "the driver's contributor id (must exist)"),
    ])

    public var path: String { "carpool_requests[\(index)]" }

    func value(_ field: Field) -> FieldLookup {
        switch field {
        case .id: found(.string(id))
        case .line: found(.string(line))
        case .stop: opt(stop)
        case .requestedAt: found(.timestamp(Instant(seconds: requestedAt)))
        case .pickedAt: optInstant(pickedAt)
        case .wait: pickedAt.map { found(.duration(TimeSpan(seconds: $0 - requestedAt))) } ?? .missing
        case .fulfilledBy: opt(fulfilledBy)
        case .driver: opt(driver)
        }
    }
}
