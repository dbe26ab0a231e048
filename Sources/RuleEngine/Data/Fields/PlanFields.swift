/// The fields of the plan's records as rules read them: the service, its zones, communes and
/// units, their staffing and fallback; tables (docs/data-model.md, *The plan*) and accessors.
/// The plan's YAML keys are `PlanSchema`'s.
extension Plan: ObjectValue, Record, ExtraFieldRecord, IdentifiedRecord {
    enum Field: String, CaseIterable, Sendable {
        case id, name, kind, version
        case effectiveFrom = "effective_from"
        case effectiveUntil = "effective_until"
        case periodStart = "period_start"
        case periodEnd = "period_end"
        case timeZone = "time_zone"
        case openingHours = "opening_hours"
        case regimes, policies, tariffs
        case accessChannels = "access_channels"
        case eligibility, units, zones, fallback
    }

    static let fields = FieldTable<Plan>("service", [
        FieldRow(.id, .string, "the plan's id"),
        FieldRow(.name, .string, "the service's name"),
        FieldRow(.kind, .string, "fire_rescue, parental_creche, carpool_line, etp_programme"),
        FieldRow(.version, .int, "the plan's version number"),
        FieldRow(.effectiveFrom, .date, "the day the plan takes effect"),
        FieldRow(.effectiveUntil, .date, "the last day it is in effect"),
        FieldRow(.periodStart, .date, "the first day checked"),
        FieldRow(.periodEnd, .date, "the day after the last day checked"),
        FieldRow(.timeZone, .string, "the IANA time zone"),
        FieldRow(.openingHours, .string, "the hours promised for every unit without its own"),
        FieldRow(.regimes, .list(.string), "risk_cover.regimes"),
        FieldRow(.policies, .list(.object("policy")), "risk_cover.policies"),
        FieldRow(.tariffs, .list(.object("tariff")), "what users pay"),
        FieldRow(.accessChannels, .list(.object("access_channel")), "how users reach the service"),
        FieldRow(.eligibility, .list(.object("eligibility")), "who may use the service"),
        FieldRow(.units, .list(.object("unit")), "the units"),
        FieldRow(.zones, .list(.object("zone")), "territory.zones"),
        FieldRow(.fallback, .object("fallback"), "the fallback of units that give none"),
    ])

    public var path: String { "plan" }

    func value(_ field: Field) -> FieldLookup {
        switch field {
        case .id: found(.string(id))
        case .name: found(.string(name))
        case .kind: found(.string(kind.rawValue))
        case .version: opt(version)
        case .effectiveFrom: found(.date(effectiveFrom))
        case .effectiveUntil: opt(effectiveUntil)
        case .periodStart: found(.date(period.start))
        case .periodEnd: found(.date(period.end))
        case .timeZone: found(.string(timeZone.identifier))
        case .openingHours: opt(openingHours)
        case .regimes: found(.list(riskCover.regimes.map { .string($0) }))
        case .policies: objects(riskCover.policies)
        case .tariffs: objects(tariffs)
        case .accessChannels: objects(accessChannels)
        case .eligibility: objects(eligibility)
        case .units: objects(units)
        case .zones: objects(territory.zones)
        case .fallback: fallback.map { found(.object($0)) } ?? .missing
        }
    }
}

extension Zone: ObjectValue, Record, ExtraFieldRecord, IdentifiedRecord {
    enum Field: String, CaseIterable, Sendable {
        case id, name, population, communes
    }

    static let fields = FieldTable<Zone>("zone", [
        FieldRow(.id, .string, "the zone's id"),
        FieldRow(.name, .string, "the zone's name"),
        FieldRow(.population, .int, "the population of its communes"),
        FieldRow(.communes, .list(.object("commune")), "its communes"),
    ])

    public var path: String { "zones[\(index)]" }

    func value(_ field: Field) -> FieldLookup {
        switch field {
        case .id: found(.string(id))
        case .name: opt(name)
        case .population: opt(population)
        case .communes: objects(communes)
        }
    }
}

extension Commune: ObjectValue, Record, TabledRecord {
    enum Field: String, CaseIterable, Sendable {
        case insee, name, population, zone, risk
    }

    static let fields = FieldTable<Commune>("commune", [
        FieldRow(.insee, .string, "the INSEE code"),
        FieldRow(.name, .string, "the commune's name"),
        FieldRow(.population, .int, "its population"),
        FieldRow(.zone, .string, "the id of its zone"),
        FieldRow(.risk, .string, "its risk level in the response-time targets"),
    ])

    public var subject: String { "commune:\(insee)" }
    public var path: String { "communes[\(insee)]" }

    func value(_ field: Field) -> FieldLookup {
        switch field {
        case .insee: found(.string(insee))
        case .name: opt(name)
        case .population: opt(population)
        case .zone: found(.string(zone))
        case .risk: opt(risk)
        }
    }
}

extension Unit: ObjectValue, Record, ExtraFieldRecord, IdentifiedRecord {
    enum Field: String, CaseIterable, Sendable {
        case id, kind, name, zone, commune, capacity
        case openingHours = "opening_hours"
        case ratioMode = "ratio_mode"
        case stops, staffing, fallback
    }

    static let fields = FieldTable<Unit>("unit", [
        FieldRow(.id, .string, "the unit's id"),
        FieldRow(.kind, .string, "station, creche_section, line, programme"),
        FieldRow(.name, .string, "the unit's name"),
        FieldRow(.zone, .string, "the id of its zone"),
        FieldRow(.commune, .string, "the INSEE code of its commune"),
        FieldRow(.capacity, .int, "places offered"),
        FieldRow(.openingHours, .string, "its own hours"),
        FieldRow(.ratioMode, .string, "crèches: the ratio rule"),
        FieldRow(.stops, .list(.string), "carpool lines: the stops served"),
        FieldRow(.staffing, .list(.object("staffing")), "the minimum staffing promised"),
        FieldRow(.fallback, .object("fallback"), "its own fallback"),
    ])

    public var path: String { "units[\(index)]" }

    func value(_ field: Field) -> FieldLookup {
        switch field {
        case .id: found(.string(id))
        case .kind: found(.string(kind.rawValue))
        case .name: opt(name)
        case .zone: opt(zone)
        case .commune: opt(commune)
        case .capacity: opt(capacity)
        case .openingHours: opt(openingHours)
        case .ratioMode: opt(ratioMode)
        case .stops: found(.list(stops.map { .string($0) }))
        case .staffing: objects(staffing)
        case .fallback: fallback.map { found(.object($0)) } ?? .missing
        }
    }
}

extension StaffingRequirement: ObjectValue, TabledRecord {
    enum Field: String, CaseIterable, Sendable {
        case position, min, hours
    }

    static let fields = FieldTable<StaffingRequirement>("staffing", [
        FieldRow(.position, .string, "the position required"),
        FieldRow(.min, .int, "how many people at least"),
        FieldRow(.hours, .string, "when (opening-hours syntax)"),
    ])

    func value(_ field: Field) -> FieldLookup {
        switch field {
        case .position: opt(position)
        case .min: found(.int(Int64(min)))
        case .hours: opt(hours)
        }
    }
}

extension Fallback: ObjectValue, TabledRecord {
    enum Field: String, CaseIterable, Sendable {
        case mode
        case maxDelayMinutes = "max_delay_minutes"
        case unit, provider
    }

    static let fields = FieldTable<Fallback>("fallback", [
        FieldRow(.mode, .string, "taxi, neighbour_unit, none…"),
        FieldRow(.maxDelayMinutes, .int, "how soon the fallback acts, in minutes"),
        FieldRow(.unit, .string, "the unit that takes over"),
        FieldRow(.provider, .string, "who provides it"),
    ])

    func value(_ field: Field) -> FieldLookup {
        switch field {
        case .mode: found(.string(mode))
        case .maxDelayMinutes: opt(maxDelayMinutes)
        case .unit: opt(unit)
        case .provider: opt(provider)
        }
    }
}
