/// A record of the data that rules report on: an object expressions can read, with the place
/// it was written and a stable name.
public protocol Record: ObjectValue {
    /// Where the record is written (plan line, roster row).
    var location: Location { get }
    /// A stable name of the record for reports: `contributor:SPV-0042`.
    var subject: String { get }
    /// Its path in the data: `contributors[41]`, `units[2]`.
    var path: String { get }
}

/// A record of a list nested in the plan (a tariff, a channel…), named by its place in it.
struct ListedRecord: Record {
    var base: any ObjectValue
    var location: Location
    var subject: String
    var path: String
    var typeName: String { base.typeName }
    func field(_ name: String) -> FieldLookup { base.field(name) }
}

/// Everything a rule sees when it is evaluated.
public struct EvaluationContext: Sendable {
    /// The plan and its roster.
    public var data: ServiceData
    /// The date the plan is checked at (rules outside their validity are skipped).
    public var asOf: CivilDate
    /// The rule's parameters: defaults overridden by the plan.
    public var params: [String: Value]
    /// The language reports are written in.
    public var lang: String?
    /// Tables shared by the rules of one run (set by `Engine.run`); nil: each kind builds its own.
    var tables: DerivedTables?
    /// The period the rule judges: the plan's, or the part of it one version of the rule is in
    /// force (set by `Engine.run`, which then gives the context only the records of that part).
    /// Kinds read it, never `data.plan.period`.
    public var period: Period

    public init(data: ServiceData, asOf: CivilDate, params: [String: Value] = [:], lang: String? = nil) {
        self.data = data
        self.asOf = asOf
        self.params = params
        self.lang = lang
        self.period = data.plan.period
    }

    /// The records of a collection, in the order of the files.
    public func records(_ collection: RecordCollection) -> [any Record] {
        let plan = data.plan
        func listed<T: ObjectValue>(_ items: [T], _ name: String, _ id: (T) -> String, _ loc: (T) -> Location) -> [any Record] {
            items.enumerated().map { i, item in
                ListedRecord(base: item, location: loc(item), subject: "\(name):\(id(item))", path: "\(collection.name)[\(i)]")
            }
        }
        switch collection {
        case .contributors: return data.contributors
        case .assignments: return data.assignments
        case .units: return plan.units
        case .zones: return plan.territory.zones
        case .communes: return plan.territory.zones.flatMap(\.communes)
        case .tariffs: return listed(plan.tariffs, "tariff", \.category, \.location)
        case .accessChannels: return listed(plan.accessChannels, "channel", \.kind, \.location)
        case .eligibility: return listed(plan.eligibility, "eligibility", \.id, \.location)
        case .policies: return listed(plan.riskCover.policies, "policy", \.id, \.location)
        case .qualifications:
            var out: [any Record] = []
            for (ci, c) in data.contributors.enumerated() {
                for (qi, q) in (c.qualifications ?? []).enumerated() {
                    out.append(ListedRecord(base: q, location: q.location, subject: "contributor:\(c.id)",
                                            path: "contributors[\(ci)].qualifications[\(qi)]"))
                }
            }
            return out
        case .attendance: return data.attendance
        case .carpoolRequests: return data.carpoolRequests
        case .service: return [plan]
        }
    }
}
