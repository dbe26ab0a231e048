/// The data model seen from rule expressions: every record is an `ObjectValue` whose fields
/// follow the snake_case names of the files, missing data is `.missing`, and unknown names fall
/// back to the record's `extra` before being `.noSuchField`. Each record's fields are its table
/// (`Data/Fields/`); here are the readers its accessor uses and the schemas of every type.

@inline(__always) func found(_ v: Value) -> FieldLookup { .value(v) }
@inline(__always) func opt(_ s: String?) -> FieldLookup { s.map { .value(.string($0)) } ?? .missing }
@inline(__always) func opt(_ i: Int?) -> FieldLookup { i.map { .value(.int(Int64($0))) } ?? .missing }
@inline(__always) func opt(_ d: Double?) -> FieldLookup { d.map { .value(.double($0)) } ?? .missing }
@inline(__always) func opt(_ b: Bool?) -> FieldLookup { b.map { .value(.bool($0)) } ?? .missing }
@inline(__always) func opt(_ d: CivilDate?) -> FieldLookup { d.map { .value(.date($0)) } ?? .missing }
@inline(__always) func optInstant(_ t: Int64?) -> FieldLookup { t.map { .value(.timestamp(Instant(seconds: $0))) } ?? .missing }
@inline(__always) func opt(_ l: [String]?) -> FieldLookup { l.map { .value(.list($0.map { .string($0) })) } ?? .missing }
@inline(__always) func opt(_ h: OpeningHours?) -> FieldLookup { h.map { .value(.string($0.source)) } ?? .missing }
@inline(__always) func objects(_ l: [some ObjectValue]) -> FieldLookup { .value(.list(l.map { .object($0) })) }
/// The record's `extra` field: its data of its own (`extra:` in YAML, declared extra CSV columns),
/// as a map; a name missing from it is missing data. Any other unknown name is no field.
@inline(__always) func extraField(_ extra: [String: DataValue], _ name: String) -> FieldLookup {
    guard name == "extra" else { return .noSuchField }
    // An empty cell or a YAML null is missing data: left out, so `has()` is false and a
    // reading of it is missing, as for a declared field.
    if extra.isEmpty { return .value(.map([])) }
    var kept: [(key: String, value: DataValue)] = []
    kept.reserveCapacity(extra.count)
    for (k, v) in extra where v != .null { kept.append((k, v)) }
    if kept.count > 1 { kept.sort { $0.key < $1.key } }
    return .value(.map(kept.map { MapEntry(key: .string($0.key), value: $0.value.value) }))
}

/// Field types of every record type, for the expression checker. The records of `withExtra`
/// also have an `extra` field: a map of their own data (`contributor.extra.notes`).
public enum RecordSchemas {
    /// The record types that keep data of their own under `extra`.
    public static let withExtra: Set<String> = [
        "service", "zone", "unit", "tariff", "access_channel", "eligibility", "policy", "contributor",
        "assignment", "attendance", "carpool_request",
    ]

    public static let all: [String: [String: FieldKind]] = [
        "service": Plan.schema, "zone": Zone.schema, "commune": Commune.schema, "unit": Unit.schema,
        "staffing": StaffingRequirement.schema, "fallback": Fallback.schema, "tariff": Tariff.schema,
        "access_channel": AccessChannel.schema, "eligibility": EligibilityCriterion.schema,
        "policy": InsurancePolicy.schema, "contributor": Contributor.schema, "document": Document.schema,
        "qualification": Qualification.schema, "assignment": Assignment.schema, "attendance": Attendance.schema,
        "carpool_request": CarpoolRequest.schema,
    ]
}

extension ServiceData {
    /// Every record collection by the name rules use.
    public var collections: [String: [any Record]] {
        [
            "contributors": contributors, "assignments": assignments, "units": plan.units,
            "zones": plan.territory.zones, "communes": plan.territory.zones.flatMap(\.communes),
            "attendance": attendance, "carpool_requests": carpoolRequests,
        ]
    }
}
