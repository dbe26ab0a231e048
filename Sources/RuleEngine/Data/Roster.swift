/// A person who contributes to the service, under a pseudonymous id.
public struct Contributor: Hashable, Sendable {
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

/// Who serves where, when, in which position.
public struct Assignment: Hashable, Sendable {
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
    public var extra: [String: DataValue]
    public var location: Location
    /// Index of the contributor in `ServiceData.contributors` (-1 if unresolved).
    public var contributorIndex: Int
    /// Index of the unit in `Plan.units` (-1 if unresolved).
    public var unitIndex: Int
    /// Position in `ServiceData.assignments`.
    public var index = 0

    public var interval: Interval { Interval(start: start, end: end) }
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
