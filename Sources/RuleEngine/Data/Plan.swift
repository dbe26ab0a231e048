/// What a shared public service promised, as its plan file says.
public struct Plan: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case fireRescue = "fire_rescue", parentalCreche = "parental_creche", carpoolLine = "carpool_line",
             etpProgramme = "etp_programme"
    }

    public var id: String
    public var name: String
    public var kind: Kind
    public var operatorInfo: Operator?
    public var version: Int?
    public var effectiveFrom: CivilDate
    public var effectiveUntil: CivilDate?
    public var period: Period
    public var timeZone: ZoneRules
    public var publicHolidays: PublicHolidays
    public var openingHours: OpeningHours?
    public var territory: Territory
    public var units: [Unit]
    public var fallback: Fallback?
    public var tariffs: [Tariff]
    public var accessChannels: [AccessChannel]
    public var eligibility: [EligibilityCriterion]
    public var riskCover: RiskCover
    /// Rule id → its parameter overrides.
    public var params: [String: RuleParams]
    public var rosters: [RosterReference]
    public var extra: [String: DataValue]
    /// The plan file as the user named it.
    public var file: String
    public var location: Location
    /// Territory override files the plan names (`overrides:`), applied before its own `params`.
    public var overrideFiles: [OverrideFileReference] = []
}

public struct Operator: Hashable, Sendable {
    public var name: String?
    public var legalForm: String?
    public var siren: String?
}

/// The checking period: `[start, end)` in local days, and the same as instants.
public struct Period: Hashable, Sendable {
    public var start: CivilDate
    public var end: CivilDate
    /// Local midnight starting `start`, epoch seconds.
    public var startInstant: Int64
    /// Local midnight starting `end`, epoch seconds (excluded).
    public var endInstant: Int64
    public var location: Location

    public var interval: Interval { Interval(start: startInstant, end: endInstant) }
}

public struct Territory: Hashable, Sendable {
    public var cogVintage: Int?
    public var zones: [Zone]
    /// Response-time targets and travel times (`territory.response`, see `ResponseCover`).
    public var response: ResponseCover? = nil
}

public struct Zone: Hashable, Sendable {
    public var id: String
    public var name: String?
    public var communes: [Commune]
    /// Keys the data model does not name, kept for rule expressions.
    public var extra: [String: DataValue] = [:]
    public var location: Location
    /// Position in `Territory.zones`.
    public var index = 0

    /// The sum of the communes' populations; nil if any is unknown.
    public var population: Int? {
        var total = 0
        for c in communes {
            guard let p = c.population else { return nil }
            total += p
        }
        return total
    }
}

public struct Commune: Hashable, Sendable {
    /// Five characters: `38053`, `01001`, `2A004`.
    public var insee: String
    public var name: String?
    public var population: Int?
    /// Id of the zone the commune is in.
    public var zone: String
    /// Keys the data model does not name, kept for rule expressions.
    public var extra: [String: DataValue] = [:]
    public var location: Location
    /// Its risk level in the response-time targets (`territory.response`): `urbain`, `rural`…
    public var risk: String? = nil
}

public struct Unit: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case station, crecheSection = "creche_section", line, programme
    }

    public var id: String
    public var kind: Kind
    public var name: String?
    public var zone: String?
    public var commune: String?
    public var capacity: Int?
    /// The unit's own hours; `ServiceData.openingHours(of:)` gives the effective ones.
    public var openingHours: OpeningHours?
    public var ratioMode: String?
    public var staffing: [StaffingRequirement]
    public var fallback: Fallback?
    public var stops: [String]
    public var extra: [String: DataValue]
    public var location: Location
    /// Position in `Plan.units`.
    public var index = 0
    /// The unit layer of parameter overrides (`params:`, as the plan's): docs/governance.md.
    public var params: [String: RuleParams] = [:]
}

/// At every instant of `hours` at least `min` assignments of the unit in `position`.
public struct StaffingRequirement: Hashable, Sendable {
    public var position: String?
    public var min: Int
    /// When it applies; nil: the unit's opening hours.
    public var hours: OpeningHours?
    public var location: Location
}

public struct Fallback: Hashable, Sendable {
    public var mode: String
    public var maxDelayMinutes: Int?
    public var unit: String?
    public var provider: String?
    public var location: Location
}

public struct Tariff: Hashable, Sendable {
    public var category: String
    public var amountEUR: Double
    public var per: String?
    public var incomeBased: Bool?
    /// Keys the data model does not name, kept for rule expressions.
    public var extra: [String: DataValue] = [:]
    public var location: Location
}

public struct AccessChannel: Hashable, Sendable {
    public var kind: String
    public var description: String?
    public var hours: OpeningHours?
    public var costEUR: Double?
    /// Keys the data model does not name, kept for rule expressions.
    public var extra: [String: DataValue] = [:]
    public var location: Location
}

public struct EligibilityCriterion: Hashable, Sendable {
    public var id: String
    public var description: String?
    public var minAge: Int?
    public var maxAge: Int?
    public var zones: [String]?
    /// Keys the data model does not name, kept for rule expressions.
    public var extra: [String: DataValue] = [:]
    public var location: Location
}

public struct RiskCover: Hashable, Sendable {
    public var regimes: [String]
    public var policies: [InsurancePolicy]
}

public struct InsurancePolicy: Hashable, Sendable {
    public var id: String
    public var insurer: String?
    public var type: String
    public var coveredRoles: [String]?
    public var validFrom: CivilDate?
    public var validUntil: CivilDate?
    /// Keys the data model does not name, kept for rule expressions.
    public var extra: [String: DataValue] = [:]
    public var location: Location
}

/// The parameter overrides a plan gives one rule: `params: {C-14: {max_wait_minutes: 10}}`.
public struct RuleParams: Hashable, Sendable {
    public var ruleID: String
    public var values: [String: DataValue]
    /// Where each value was written, for messages about a bad parameter.
    public var locations: [String: Location]
    public var location: Location
}

/// A roster file named by the plan.
public struct RosterReference: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case contributors, assignments, qualifications, attendance, carpoolRequests = "carpool_requests", roster
    }

    /// As written (relative to the plan's folder).
    public var path: String
    public var kind: Kind
    public var location: Location
    /// CSV columns the plan declares as data of its own (`extra_columns: [notes]`): kept as the
    /// records' `extra`; any other column the record type does not know is an error.
    public var extraColumns: [String] = []
}
