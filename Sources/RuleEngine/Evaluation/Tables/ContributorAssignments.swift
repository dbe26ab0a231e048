/// Assignments filtered by a rule's `where:` and grouped by contributor once (O(n log n)).
struct ContributorAssignments {
    /// Contributor index → indices of its counted assignments, sorted by start then end.
    var counted: [(contributor: Int, assignments: [Int])] = []
    /// Contributor index → assignments whose `where:` could not be decided, with why.
    var unsettled: [Int: [(assignment: Int, outcome: EvalOutcome)]] = [:]

    /// Groups the assignments of `context` for which `filter` (evaluated with `assignment`,
    /// `contributor` and `unit` bound in `activation`) is true.
    init(_ context: EvaluationContext, filter: CompiledExpression?, activation: inout Activation) {
        // Without a filter the grouping depends on the data alone: the run's rules share one.
        if filter == nil, let tables = context.tables {
            self = tables.contributorAssignments(context.data)
            return
        }
        self.init(context.data, filter: filter, decision: filter?.decision(params: context.params), activation: &activation)
    }

    /// Every assignment, grouped (what rules without `where:` count).
    init(_ data: ServiceData) {
        var unused = Activation(ExpressionEnvironment(variables: [:]))
        self.init(data, filter: nil, decision: nil, activation: &unused)
    }

    /// `decision`: the filter decided on the records where it can (`RecordDecision`); only
    /// the assignments it leaves undecided are bound and evaluated.
    private init(_ data: ServiceData, filter: CompiledExpression?, decision: RecordDecision?, activation: inout Activation) {
        let assignments = data.assignments
        let people = data.contributors.count
        // Grouped by a counting sort on the contributor's index (O(n)), not a dictionary.
        var counts = [Int](repeating: 0, count: people + 1)
        var kept: [Int] = []
        kept.reserveCapacity(assignments.count)
        // Only the records the filter reads are bound (most read the assignment alone).
        let reads = filter?.variableNames ?? []
        let binding = (contributor: reads.contains("contributor"), unit: reads.contains("unit"))
        for i in assignments.indices {
            let a = assignments[i]
            let c = a.contributorIndex
            // Declared availability is no obligation: no hours, no document, no age limit
            // applies to it (a rule that must read it uses `for_each: assignments`).
            guard c >= 0 && c < people, a.engagement != .availability else { continue }
            if let decided = decision?.decide(a, data.contributors[c]) {
                guard decided else { continue }
            } else if let filter {
                AssignmentBinder.bind(a, data, &activation, contributor: binding.contributor, unit: binding.unit)
                switch filter.evaluate(activation) {
                case .value(.bool(true)): break
                case .value(.bool(false)): continue
                case let other:
                    unsettled[c, default: []].append((i, other))
                    continue
                }
            }
            kept.append(i)
            counts[c + 1] += 1
        }
        for c in 0..<people { counts[c + 1] += counts[c] }
        var sorted = [Int](repeating: 0, count: kept.count)
        var next = counts
        for i in kept {
            let c = assignments[i].contributorIndex
            sorted[next[c]] = i
            next[c] += 1
        }
        for c in 0..<people where counts[c + 1] > counts[c] || unsettled[c] != nil {
            var list = Array(sorted[counts[c]..<counts[c + 1]])
            // Kept in file order; sorted by start only when the file is not.
            var inOrder = true
            for k in list.indices.dropFirst() {
                let p = assignments[list[k - 1]], q = assignments[list[k]]
                if (p.start, p.end) > (q.start, q.end) { inOrder = false; break }
            }
            if !inOrder {
                list.sort { (assignments[$0].start, assignments[$0].end, $0) < (assignments[$1].start, assignments[$1].end, $1) }
            }
            counted.append((c, list))
        }
    }

    /// The indeterminate result of `person` (contributor `contributor`) when some of their
    /// assignments could not be sorted in or out; nil when all were decided.
    func doubtResult(of contributor: Int, _ person: Contributor, _ data: ServiceData, key: String? = nil) -> RuleResult? {
        doubt(of: contributor, data).map {
            RuleResult(.indeterminate, subject: person.subject, message: $0.message, location: person.location,
                       path: person.path, missing: $0.missing, key: key)
        }
    }

    /// Why the contributor's result cannot be a pass when some assignments could not be
    /// sorted in or out; nil when all were decided.
    func doubt(of contributor: Int, _ data: ServiceData) -> (message: String, missing: [String])? {
        guard let list = unsettled[contributor], let first = list.first else { return nil }
        let id = data.assignments[first.assignment].id
        let more = list.count > 1 ? " (and \(list.count - 1) other assignment\(list.count > 2 ? "s" : ""))" : ""
        switch first.outcome {
        case .indeterminate(let missing):
            return ("cannot decide whether assignment \(id) counts\(more): missing \(missing.joined(separator: ", "))", missing)
        case .error(let message):
            return ("'where' could not be evaluated on assignment \(id)\(more): \(message)", [])
        case .value(let v):
            return ("'where' gave \(v.displayText) on assignment \(id)\(more), not true or false", [])
        }
    }
}
