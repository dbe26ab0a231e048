/// A person who contributes to the service, under a pseudonymous id.
///
/// A class, not a struct: rules read a contributor for each of their assignments, and a
/// reference is one retain where a copy of this record would be twenty. The loaders fill a
/// contributor in and never change it once the data is built; equality compares every field.
public final class Contributor: Hashable, @unchecked Sendable {
    public var id: String
    public var role: String
    public var status: String?
    public var birthDate: CivilDate?
    public var grade: String?
    public var residenceInsee: String?
    public var homeToUnitMinutes: Int?
    /// Unit ids; nil when the roster does not say.
    public var units: [String]?
    public var engagementStart: CivilDate?
    public var employment: String?
    /// nil when no source of qualifications exists for this contributor.
    public var qualifications: [Qualification]?
    public var medical: Document?
    public var backgroundCheck: Document?
    public var licence: Document?
    public var insurance: Document?
    /// Keys and columns the model does not know, as written.
    public var extra: [String: DataValue]
    public var location: Location
    /// Position in `ServiceData.contributors`.
    public var index = 0

    public init(id: String, role: String, location: Location) {
        self.id = id
        self.role = role
        self.extra = [:]
        self.location = location
    }

    public static func == (a: Contributor, b: Contributor) -> Bool {
        a === b || (a.id == b.id && a.role == b.role && a.status == b.status && a.birthDate == b.birthDate
            && a.grade == b.grade && a.residenceInsee == b.residenceInsee && a.homeToUnitMinutes == b.homeToUnitMinutes
            && a.units == b.units && a.engagementStart == b.engagementStart && a.employment == b.employment
            && a.qualifications == b.qualifications && a.medical == b.medical && a.backgroundCheck == b.backgroundCheck
            && a.licence == b.licence && a.insurance == b.insurance && a.extra == b.extra && a.location == b.location
            && a.index == b.index)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(location)
    }
}

/// A dated document of a contributor: medical fitness, background check, licence, insurance.
public struct Document: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case medical, backgroundCheck = "background_check", licence, insurance
    }

    public var kind: Kind
    /// The background check's `type`, the licence's `category` or the insurance's `policy`.
    public var label: String?
    public var validFrom: CivilDate?
    /// The last valid day (inclusive).
    public var validUntil: CivilDate?
    /// Medical fitness verdict.
    public var fit: Bool?

    public init(kind: Kind, label: String? = nil, validFrom: CivilDate? = nil, validUntil: CivilDate? = nil, fit: Bool? = nil) {
        self.kind = kind
        self.label = label
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.fit = fit
    }
}

/// A training or qualification held by a contributor.
public struct Qualification: Hashable, Sendable {
    public var code: String
    public var hours: Double?
    public var obtained: CivilDate?
    public var validUntil: CivilDate?
    public var location: Location

    public init(code: String, hours: Double? = nil, obtained: CivilDate? = nil, validUntil: CivilDate? = nil, location: Location) {
        self.code = code
        self.hours = hours
        self.obtained = obtained
        self.validUntil = validUntil
        self.location = location
    }
}

/// What an assignment commits its contributor to.
///
/// - `duty`: on-site duty (*garde postée*, a crèche shift, a session): the person is there.
/// - `onCall`: on call (*astreinte*): the person answers an alert within `reach_minutes`.
/// - `availability`: declared availability, with no obligation: the person may be called.
///
/// An assignment without an `engagement` value takes it from its other fields, as rosters wrote
/// it before the field existed: `source: declared_availability` is availability, `kind:
/// astreinte` is on call, anything else is duty (docs/data-model.md).
public enum Engagement: String, Sendable, CaseIterable {
    case duty
    case onCall = "on_call"
    case availability

    /// The engagement a roster that does not state one means.
    public static func implied(kind: String, source: String?) -> Engagement {
        if source == "declared_availability" { return .availability }
        return kind == "astreinte" ? .onCall : .duty
    }
}

/// Who serves where, when, in which position.
///
/// A class for the reason `Contributor` is one: a million of them are read by every rule.
/// Equality compares every field; `copy()` gives an independent one.
public final class Assignment: Hashable, @unchecked Sendable {
    public var id: String
    public var contributor: String
    public var unit: String
    public var position: String?
    /// Epoch seconds (UTC), half-open `[start, end)`.
    public var start: Int64
    public var end: Int64
    public var kind: String
    public var engine: String?
    public var countsInRatio: Bool?
    public var requestedByAdministration: Bool?
    public var source: String?
    /// What the assignment commits its contributor to (stated, or implied by `kind` and `source`).
    public var engagement: Engagement
    /// For on-call assignments: the minutes within which the contributor must reach the unit.
    public var reachMinutes: Int?
    public var extra: [String: DataValue]
    public var location: Location
    /// Index of the contributor in `ServiceData.contributors` (-1 if unresolved).
    public var contributorIndex: Int
    /// Index of the unit in `Plan.units` (-1 if unresolved).
    public var unitIndex: Int
    /// Position in `ServiceData.assignments`.
    public var index = 0

    public init(id: String, contributor: String, unit: String, position: String?, start: Int64, end: Int64,
                kind: String, engine: String?, countsInRatio: Bool?, requestedByAdministration: Bool?,
                source: String?, engagement: Engagement? = nil, reachMinutes: Int? = nil,
                extra: [String: DataValue], location: Location, contributorIndex: Int,
                unitIndex: Int, index: Int = 0) {
        self.id = id
        self.contributor = contributor
        self.unit = unit
        self.position = position
        self.start = start
        self.end = end
        self.kind = kind
        self.engine = engine
        self.countsInRatio = countsInRatio
        self.requestedByAdministration = requestedByAdministration
        self.source = source
        self.engagement = engagement ?? .implied(kind: kind, source: source)
        self.reachMinutes = reachMinutes
        self.extra = extra
        self.location = location
        self.contributorIndex = contributorIndex
        self.unitIndex = unitIndex
        self.index = index
    }

    /// An independent assignment with the same fields.
    public func copy() -> Assignment {
        Assignment(id: id, contributor: contributor, unit: unit, position: position, start: start, end: end,
                   kind: kind, engine: engine, countsInRatio: countsInRatio,
                   requestedByAdministration: requestedByAdministration, source: source,
                   engagement: engagement, reachMinutes: reachMinutes, extra: extra,
                   location: location, contributorIndex: contributorIndex, unitIndex: unitIndex, index: index)
    }

    public var interval: Interval { Interval(start: start, end: end) }

    public static func == (a: Assignment, b: Assignment) -> Bool {
        a === b || (a.id == b.id && a.contributor == b.contributor && a.unit == b.unit && a.position == b.position
            && a.start == b.start && a.end == b.end && a.kind == b.kind && a.engine == b.engine
            && a.countsInRatio == b.countsInRatio && a.requestedByAdministration == b.requestedByAdministration
            && a.source == b.source && a.engagement == b.engagement && a.reachMinutes == b.reachMinutes
            && a.extra == b.extra && a.location == b.location
            && a.contributorIndex == b.contributorIndex && a.unitIndex == b.unitIndex && a.index == b.index)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(start)
        hasher.combine(location)
    }
}

/// Children present in a crèche section during a slot.
public struct Attendance: Hashable, Sendable {
    public var id: String?
    public var unit: String
    public var start: Int64
    public var end: Int64
    public var walking: Int
    public var nonWalking: Int
    public var outing: Bool?
    public var extra: [String: DataValue]
    public var location: Location
    public var unitIndex: Int
    /// Position in `ServiceData.attendance`.
    public var index = 0

    public var interval: Interval { Interval(start: start, end: end) }
}

/// A passenger's request on a carpool line.
public struct CarpoolRequest: Hashable, Sendable {
    public var id: String
    public var line: String
    public var stop: String?
    public var requestedAt: Int64
    public var pickedAt: Int64?
    public var fulfilledBy: String?
    public var driver: String?
    public var extra: [String: DataValue]
    public var location: Location
    public var lineIndex: Int
    /// Position in `ServiceData.carpoolRequests`.
    public var index = 0
}
