/// Finds the contributors of a unit who could fill a gap: members of the unit, with no duty or
/// on-call assignment overlapping it, for whom `where` holds. A member who already serves the
/// unit must meet `where` on one of those assignments (a parent whose shifts do not count in
/// the ratio is not proposed for it); one who does not is judged on a hypothetical assignment,
/// whose own fields (kind, engine…) are the assigner's choice.
struct CandidateFinder {
    static let limit = 5
    let spec: CoverageSpec
    let context: EvaluationContext
    private var members: UnitMembers?
    private var busy: BusySpans?
    private var available: BusySpans?
    private var binder: AssignmentBinder?
    /// The assignments of one unit by contributor index, for the last unit asked about.
    private var own: (unit: Int, byContributor: [Int: [Int]])?

    init(spec: CoverageSpec, context: EvaluationContext) {
        self.spec = spec
        self.context = context
    }

    /// Ids of at most `limit` candidates, in roster order. With `declared`, only those whose
    /// declared availability holds the whole span.
    mutating func find(unit: Unit, position: String?, span: Timeline.Span, limit: Int = CandidateFinder.limit,
                       declared: Bool = false) -> [String] {
        if members == nil { members = context.unitMembers }
        if busy == nil { busy = context.busySpans }
        if declared && available == nil { available = context.availableSpans }
        guard let members, let busy, members.byUnit.indices.contains(unit.index), limit > 0 else { return [] }
        // The contributors alone, not the whole data (copying it retains each of its tables).
        let people = context.data.contributors
        var out: [String] = []
        for c in members.byUnit[unit.index] where out.count < limit {
            guard !busy.isBusy(c, over: span) else { continue }
            if declared, !(available?.covers(c, span) ?? false) { continue }
            let contributor = people[c]
            if let filter = spec.filter {
                if own?.unit != unit.index {
                    var map: [Int: [Int]] = [:]
                    for i in context.unitAssignments.byUnit[unit.index] {
                        let a = context.data.assignments[i]
                        if a.engagement != .availability { map[a.contributorIndex, default: []].append(i) }
                    }
                    own = (unit.index, map)
                }
                if binder == nil { binder = AssignmentBinder(filter.environment, context) }
                binder?.bind(unit: unit)
                var eligible = false
                if let served = own?.byContributor[c], !served.isEmpty {
                    let assignments = context.data.assignments
                    for i in served where !eligible {
                        binder?.bind(assignments[i], contributor: contributor)
                        if case .yes = binder.map({ filter.test($0.activation) }) ?? .yes { eligible = true }
                    }
                } else {
                    let hypothetical = CandidateAssignment(contributor: contributor.id, unit: unit.id, position: position,
                                                           start: span.start, end: span.end)
                    binder?.bind(hypothetical, contributor: contributor)
                    switch binder.map({ filter.test($0.activation) }) ?? .yes {
                    case .yes: eligible = true
                    // What only the assignment would say (its kind, engine…) is the assigner's choice.
                    case .unknown(let missing) where missing.allSatisfy({ $0.hasPrefix("assignment.") }): eligible = true
                    default: break
                    }
                }
                guard eligible else { continue }
            }
            out.append(contributor.id)
        }
        return out
    }
}

/// The assignment a candidate would get over a gap: what it says about who, where and when is
/// known; everything else (kind, engine…) is missing.
struct CandidateAssignment: ObjectValue {
    var contributor: String
    var unit: String
    var position: String?
    var start: Int64
    var end: Int64
    var typeName: String { "assignment" }

    func field(_ name: String) -> FieldLookup {
        switch name {
        case "contributor": .value(.string(contributor))
        case "unit": .value(.string(unit))
        case "position": position.map { .value(.string($0)) } ?? .missing
        case "start": .value(.timestamp(Instant(seconds: start)))
        case "end": .value(.timestamp(Instant(seconds: end)))
        case "duration": .value(.duration(TimeSpan(seconds: end - start)))
        default: .missing
        }
    }
}
