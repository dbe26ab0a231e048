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
        switch collection.name {
        case "contributors": return data.contributors
        case "assignments": return data.assignments
        case "units": return plan.units
        case "zones": return plan.territory.zones
        case "communes": return plan.territory.zones.flatMap(\.communes)
        case "tariffs": return listed(plan.tariffs, "tariff", \.category, \.location)
        case "access_channels": return listed(plan.accessChannels, "channel", \.kind, \.location)
        case "eligibility": return listed(plan.eligibility, "eligibility", \.id, \.location)
        case "policies": return listed(plan.riskCover.policies, "policy", \.id, \.location)
        case "qualifications":
            var out: [any Record] = []
            for (ci, c) in data.contributors.enumerated() {
                for (qi, q) in (c.qualifications ?? []).enumerated() {
                    out.append(ListedRecord(base: q, location: q.location, subject: "contributor:\(c.id)",
                                            path: "contributors[\(ci)].qualifications[\(qi)]"))
                }
            }
            return out
        case "attendance": return data.attendance
        case "carpool_requests": return data.carpoolRequests
        case "service": return [plan]
        default: return []
        }
    }
}

/// Binds what `RecordCollection.related` declares beside each record: an assignment's
/// contributor and unit, a unit's members and assignments, whether a record lies within its
/// unit's promised hours. Lists and hours are computed once per rule evaluation, and only when
/// the rule's expressions name them.
public struct RelatedBinder {
    let context: EvaluationContext
    let collection: RecordCollection
    private var membersByUnit: [[Value]] = []
    private var assignmentsByUnit: [[Value]] = []
    private var requestsByUnit: [[Value]] = []
    private var attendanceByUnit: [[Value]] = []
    private var openByUnit: [[Interval]] = []
    /// Contributors and units boxed once as values, so that binding them to a million
    /// assignments costs a retain each, not a copy of the record into a new box.
    private var contributorValues: [Value] = []
    private var unitValues: [Value] = []
    private let uses: Set<String>
    /// Which related variables are used, and their slots in the activation (-1: none), worked
    /// out once: `bind` runs for every record.
    private let slots: Slots

    struct Slots {
        var contributor = -1, unit = -1, withinHours = -1, members = -1, unitAssignments = -1, requests = -1,
            attendanceSlots = -1

        init(_ uses: Set<String>, _ environment: ExpressionEnvironment?) {
            func slot(_ name: String) -> Int {
                guard uses.contains(name), let environment else { return -1 }
                return environment.slot(of: name) ?? -1
            }
            contributor = slot("contributor")
            unit = slot("unit")
            withinHours = slot("within_hours")
            members = slot("members")
            unitAssignments = slot("unit_assignments")
            requests = slot("requests")
            attendanceSlots = slot("attendance_slots")
        }
    }

    /// - Parameter sources: the texts of the rule's expressions; a related variable none of them
    ///   mentions is not computed.
    /// - Parameter environment: the environment the rule's activations are made for.
    public init(_ context: EvaluationContext, _ collection: RecordCollection, sources: [String],
                environment: ExpressionEnvironment) {
        self.context = context
        self.collection = collection
        uses = Set(collection.related.map(\.variable).filter { name in sources.contains { $0.contains(name) } })
        slots = Slots(uses, environment)
        let data = context.data
        let units = data.plan.units
        func grouped(_ indexes: some Sequence<(Int, Value)>) -> [[Value]] {
            var out = [[Value]](repeating: [], count: units.count)
            for (u, v) in indexes where out.indices.contains(u) { out[u].append(v) }
            return out
        }
        if uses.contains("members") {
            membersByUnit = grouped(data.contributors.lazy.flatMap { c in
                (c.units ?? []).compactMap { id in data.unitIndex[id].map { ($0, Value.object(c)) } }
            })
        }
        if uses.contains("unit_assignments") {
            assignmentsByUnit = grouped(data.assignments.lazy.map { ($0.unitIndex, Value.object($0)) })
        }
        if uses.contains("requests") {
            requestsByUnit = grouped(data.carpoolRequests.lazy.map { ($0.lineIndex, Value.object($0)) })
        }
        if uses.contains("attendance_slots") {
            attendanceByUnit = grouped(data.attendance.lazy.map { ($0.unitIndex, Value.object($0)) })
        }
        if uses.contains("within_hours") {
            openByUnit = units.map { data.openIntervals(of: $0) }
        }
        if uses.contains("contributor") { contributorValues = data.contributors.map { .object($0) } }
        if uses.contains("unit") { unitValues = units.map { .object($0) } }
    }

    /// Sets the related variables of `record` in `activation`.
    public func bind<R: Record>(_ record: R, into activation: inout Activation) {
        let data = context.data
        let s = slots
        func value(_ list: [Value], _ i: Int) -> Value? { list.indices.contains(i) ? list[i] : nil }
        switch record {
        case let a as Assignment:
            if s.contributor >= 0 { activation[slot: s.contributor] = value(contributorValues, a.contributorIndex) }
            if s.unit >= 0 { activation[slot: s.unit] = value(unitValues, a.unitIndex) }
            if s.withinHours >= 0 {
                activation[slot: s.withinHours] = openByUnit.indices.contains(a.unitIndex)
                    ? .bool(Self.inside(a.start, a.end, openByUnit[a.unitIndex])) : nil
            }
        case let x as Attendance:
            if s.unit >= 0 { activation[slot: s.unit] = value(unitValues, x.unitIndex) }
        case let r as CarpoolRequest:
            if s.unit >= 0 { activation[slot: s.unit] = value(unitValues, r.lineIndex) }
            if s.withinHours >= 0 {
                activation[slot: s.withinHours] = openByUnit.indices.contains(r.lineIndex)
                    ? .bool(Self.inside(r.requestedAt, r.requestedAt + 1, openByUnit[r.lineIndex])) : nil
            }
        case let u as Unit:
            let i = u.index
            if s.members >= 0 { activation[slot: s.members] = .list(membersByUnit.indices.contains(i) ? membersByUnit[i] : []) }
            if s.unitAssignments >= 0 { activation[slot: s.unitAssignments] = .list(assignmentsByUnit.indices.contains(i) ? assignmentsByUnit[i] : []) }
            if s.requests >= 0 { activation[slot: s.requests] = .list(requestsByUnit.indices.contains(i) ? requestsByUnit[i] : []) }
            if s.attendanceSlots >= 0 { activation[slot: s.attendanceSlots] = .list(attendanceByUnit.indices.contains(i) ? attendanceByUnit[i] : []) }
        case let l as ListedRecord where collection.name == "qualifications":
            if s.contributor >= 0, let id = l.subject.split(separator: ":", maxSplits: 1).last.map(String.init),
               let i = data.contributorIndex[id] {
                activation[slot: s.contributor] = .object(data.contributors[i])
            }
        default:
            break
        }
    }

    /// Whether `[start, end)` lies inside one of the sorted, merged `open` intervals.
    static func inside(_ start: Int64, _ end: Int64, _ open: [Interval]) -> Bool {
        var lo = 0, hi = open.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if open[mid].end <= start { lo = mid + 1 } else { hi = mid }
        }
        return lo < open.count && open[lo].start <= start && end <= open[lo].end
    }
}
