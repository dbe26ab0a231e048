/// The data model seen from rule expressions: every record is an `ObjectValue` whose fields
/// follow the snake_case names of the files, missing data is `.missing`, and unknown names fall
/// back to the record's `extra` before being `.noSuchField`.

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

extension Plan: ObjectValue, Record {
    public var typeName: String { "service" }
    public var subject: String { "service:\(id)" }
    public var path: String { "plan" }
    public static let schema: [String: FieldKind] = [
        "id": .string, "name": .string, "kind": .string, "version": .int, "effective_from": .date,
        "effective_until": .date, "period_start": .date, "period_end": .date, "time_zone": .string,
        "opening_hours": .string, "regimes": .list(.string), "policies": .list(.object("policy")),
        "tariffs": .list(.object("tariff")), "access_channels": .list(.object("access_channel")),
        "eligibility": .list(.object("eligibility")), "units": .list(.object("unit")), "zones": .list(.object("zone")),
        "fallback": .object("fallback"),
    ]
    public func field(_ name: String) -> FieldLookup {
        switch name {
        case "id": found(.string(id))
        case "name": found(.string(name))
        case "kind": found(.string(kind.rawValue))
        case "version": opt(version)
        case "effective_from": found(.date(effectiveFrom))
        case "effective_until": opt(effectiveUntil)
        case "period_start": found(.date(period.start))
        case "period_end": found(.date(period.end))
        case "time_zone": found(.string(timeZone.identifier))
        case "opening_hours": opt(openingHours)
        case "regimes": found(.list(riskCover.regimes.map { .string($0) }))
        case "policies": objects(riskCover.policies)
        case "tariffs": objects(tariffs)
        case "access_channels": objects(accessChannels)
        case "eligibility": objects(eligibility)
        case "units": objects(units)
        case "zones": objects(territory.zones)
        case "fallback": fallback.map { found(.object($0)) } ?? .missing
        default: extraField(extra, name)
        }
    }
}

extension Zone: ObjectValue, Record {
    public var typeName: String { "zone" }
    public var subject: String { "zone:\(id)" }
    public var path: String { "zones[\(index)]" }
    public static let schema: [String: FieldKind] = [
        "id": .string, "name": .string, "population": .int, "communes": .list(.object("commune")),
    ]
    public func field(_ name: String) -> FieldLookup {
        switch name {
        case "id": found(.string(id))
        case "name": opt(self.name)
        case "population": opt(population)
        case "communes": objects(communes)
        default: extraField(extra, name)
        }
    }
}

extension Commune: ObjectValue, Record {
    public var typeName: String { "commune" }
    public var subject: String { "commune:\(insee)" }
    public var path: String { "communes[\(insee)]" }
    public static let schema: [String: FieldKind] = ["insee": .string, "name": .string, "population": .int, "zone": .string, "risk": .string]
    public func field(_ name: String) -> FieldLookup {
        switch name {
        case "insee": found(.string(insee))
        case "name": opt(self.name)
        case "population": opt(population)
        case "zone": found(.string(zone))
        case "risk": opt(risk)
        default: .noSuchField
        }
    }
}

extension Unit: ObjectValue, Record {
    public var typeName: String { "unit" }
    public var subject: String { "unit:\(id)" }
    public var path: String { "units[\(index)]" }
    public static let schema: [String: FieldKind] = [
        "id": .string, "kind": .string, "name": .string, "zone": .string, "commune": .string, "capacity": .int,
        "opening_hours": .string, "ratio_mode": .string, "stops": .list(.string),
        "staffing": .list(.object("staffing")), "fallback": .object("fallback"),
    ]
    public func field(_ name: String) -> FieldLookup {
        switch name {
        case "id": found(.string(id))
        case "kind": found(.string(kind.rawValue))
        case "name": opt(self.name)
        case "zone": opt(zone)
        case "commune": opt(commune)
        case "capacity": opt(capacity)
        case "opening_hours": opt(openingHours)
        case "ratio_mode": opt(ratioMode)
        case "stops": found(.list(stops.map { .string($0) }))
        case "staffing": objects(staffing)
        case "fallback": fallback.map { found(.object($0)) } ?? .missing
        default: extraField(extra, name)
        }
    }
}

extension StaffingRequirement: ObjectValue {
    public var typeName: String { "staffing" }
    public static let schema: [String: FieldKind] = ["position": .string, "min": .int, "hours": .string]
    public func field(_ name: String) -> FieldLookup {
        switch name {
        case "position": opt(position)
        case "min": found(.int(Int64(min)))
        case "hours": opt(hours)
        default: .noSuchField
        }
    }
}

extension Fallback: ObjectValue {
    public var typeName: String { "fallback" }
    public static let schema: [String: FieldKind] = ["mode": .string, "max_delay_minutes": .int, "unit": .string, "provider": .string]
    public func field(_ name: String) -> FieldLookup {
        switch name {
        case "mode": found(.string(mode))
        case "max_delay_minutes": opt(maxDelayMinutes)
        case "unit": opt(unit)
        case "provider": opt(provider)
        default: .noSuchField
        }
    }
}

extension Tariff: ObjectValue {
    public var typeName: String { "tariff" }
    public static let schema: [String: FieldKind] = ["category": .string, "amount_eur": .double, "per": .string, "income_based": .bool]
    public func field(_ name: String) -> FieldLookup {
        switch name {
        case "category": found(.string(category))
        case "amount_eur": found(.double(amountEUR))
        case "per": opt(per)
        case "income_based": opt(incomeBased)
        default: extraField(extra, name)
        }
    }
}

extension AccessChannel: ObjectValue {
    public var typeName: String { "access_channel" }
    public static let schema: [String: FieldKind] = ["kind": .string, "description": .string, "hours": .string, "cost_eur": .double]
    public func field(_ name: String) -> FieldLookup {
        switch name {
        case "kind": found(.string(kind))
        case "description": opt(description)
        case "hours": opt(hours)
        case "cost_eur": opt(costEUR)
        default: extraField(extra, name)
        }
    }
}

extension EligibilityCriterion: ObjectValue {
    public var typeName: String { "eligibility" }
    public static let schema: [String: FieldKind] = [
        "id": .string, "description": .string, "min_age": .int, "max_age": .int, "zones": .list(.string),
    ]
    public func field(_ name: String) -> FieldLookup {
        switch name {
        case "id": found(.string(id))
        case "description": opt(description)
        case "min_age": opt(minAge)
        case "max_age": opt(maxAge)
        case "zones": opt(zones)
        default: extraField(extra, name)
        }
    }
}

extension InsurancePolicy: ObjectValue {
    public var typeName: String { "policy" }
    public static let schema: [String: FieldKind] = [
        "id": .string, "insurer": .string, "type": .string, "covered_roles": .list(.string), "valid_from": .date,
        "valid_until": .date,
    ]
    public func field(_ name: String) -> FieldLookup {
        switch name {
        case "id": found(.string(id))
        case "insurer": opt(insurer)
        case "type": found(.string(type))
        case "covered_roles": opt(coveredRoles)
        case "valid_from": opt(validFrom)
        case "valid_until": opt(validUntil)
        default: extraField(extra, name)
        }
    }
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
