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
    /// The rule's `where`, and the same decided on an assignment and its contributor without
    /// binding them (`RecordDecision`), when it is that simple.
    private let filter: CompiledExpression?
    private let decision: RecordDecision?

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

    /// - Parameter reads: the variables the rule's expressions read (`variableNames`); a related
    ///   variable none of them reads is not computed.
    /// - Parameter environment: the environment the rule's activations are made for.
    /// - Parameter filter: the rule's `where` over the collection's records (see `select`).
    public init(_ context: EvaluationContext, _ collection: RecordCollection, reads: Set<String>,
                environment: ExpressionEnvironment, filter: CompiledExpression? = nil) {
        self.context = context
        self.collection = collection
        self.filter = filter
        // Bound as `assignment` with its contributor as `contributor`: what the decision reads.
        decision = collection == .assignments && environment.slot(of: "assignment") != nil
            ? filter?.decision(params: context.params) : nil
        uses = Set(collection.related.map(\.variable).filter { reads.contains($0) })
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
        case let l as ListedRecord where collection == .qualifications:
            if s.contributor >= 0, let id = l.subject.split(separator: ":", maxSplits: 1).last.map(String.init),
               let i = data.contributorIndex[id] {
                activation[slot: s.contributor] = .object(data.contributors[i])
            }
        default:
            break
        }
    }

    /// Binds `record` (in `slot`) and its related variables in `activation` and gives the
    /// verdict of the `where` given at init (`.yes` without one). A record a simple filter
    /// rejects on its fields alone is not bound.
    public func select<R: Record>(_ record: R, slot: Int, into activation: inout Activation) -> EvalOutcome {
        if let decision, let a = record as? Assignment,
           let verdict = decision.decide(a, context.data.contributor(of: a)) {
            guard verdict else { return .value(.bool(false)) }
            activation[slot: slot] = .object(record)
            bind(record, into: &activation)
            return .value(.bool(true))
        }
        activation[slot: slot] = .object(record)
        bind(record, into: &activation)
        return filter?.evaluate(activation) ?? .value(.bool(true))
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
