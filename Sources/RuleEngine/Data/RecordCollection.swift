/// The collections rules iterate over (`for_each:`), with the variable name each record takes in
/// expressions. An enum, so that every switch over the collections is exhaustive: a new
/// collection cannot be forgotten by `EvaluationContext.records` or a kind.
public enum RecordCollection: String, Sendable, Hashable, CaseIterable {
    case contributors, assignments, units, zones, communes, tariffs
    case accessChannels = "access_channels"
    case eligibility, policies, qualifications, attendance
    case carpoolRequests = "carpool_requests"
    case service

    /// Name in `for_each:`.
    public var name: String { rawValue }

    /// The variable a record is bound to.
    public var variable: String {
        switch self {
        case .contributors: "contributor"
        case .assignments: "assignment"
        case .units: "unit"
        case .zones: "zone"
        case .communes: "commune"
        case .tariffs: "tariff"
        case .accessChannels: "access_channel"
        case .eligibility: "eligibility"
        case .policies: "policy"
        case .qualifications: "qualification"
        case .attendance: "attendance"
        case .carpoolRequests: "carpool_request"
        case .service: "service"
        }
    }

    /// The record schema name (see `RecordSchemas`): the variable's name.
    public var schema: String { variable }

    /// Every collection, in the order the docs list them.
    public static let all: [RecordCollection] = allCases

    public static func named(_ name: String) -> RecordCollection? { RecordCollection(rawValue: name) }

    /// What is bound beside a record of this collection, so that rules can say "the
    /// contributor of this assignment", "the members of this unit" or "within the line's hours".
    /// See `RelatedBinder` for the values.
    public var related: [(variable: String, type: ExprType)] {
        switch self {
        case .assignments: [("contributor", .object("contributor")), ("unit", .object("unit")), ("within_hours", .bool)]
        case .qualifications: [("contributor", .object("contributor"))]
        case .attendance: [("unit", .object("unit"))]
        case .carpoolRequests: [("unit", .object("unit")), ("within_hours", .bool)]
        case .units: [("members", .list(.object("contributor"))), ("unit_assignments", .list(.object("assignment"))),
                      ("requests", .list(.object("carpool_request"))), ("attendance_slots", .list(.object("attendance")))]
        case .contributors, .zones, .communes, .tariffs, .accessChannels, .eligibility, .policies, .service: []
        }
    }
}
