/// Which assignments a rule's `where:` (over `assignment`, `contributor`, `unit`) selects: the
/// one way kinds filter assignments. It owns how: a simple filter is decided on the records
/// themselves (`RecordDecision`), only the assignments it leaves undecided are bound
/// (`AssignmentBinder`) and evaluated, and a unit's verdicts are shared with the run's other
/// rules, of any kind, whose filter means the same over the same engagements
/// (`CompiledExpression.meaningKey`, parameters included).
///
/// ```swift
/// var selection = AssignmentSelection(filter, context)
/// let verdicts = selection.verdicts(of: unit, engagements: [.duty, .onCall])  // a unit's, in order
/// selection.verdict(assignment, contributor: person)                          // one assignment
/// selection.outcome(assignment)          // one assignment with its own unit, as an EvalOutcome
/// ```
struct AssignmentSelection {
    /// The filter's expression; nil: every assignment is selected.
    private let expression: CompiledExpression?
    private let context: EvaluationContext
    private var binder: AssignmentBinder
    private let decision: RecordDecision?
    /// The key of the filter's verdicts in the run's shared tables; nil without a filter or
    /// shared tables.
    private let sharedKey: String?
    /// Each unit's assignments (the run's shared table), when there is a filter.
    private let byUnit: UnitAssignments?
    /// The data's records, taken out of `context` once (a copy of `ServiceData` per unit
    /// costs a retain per field).
    private let assignments: [Assignment], contributors: [Contributor]
    /// The shared key of the last engagements asked for (a rule asks for the same each time).
    private var keyed: (engagements: Set<Engagement>, key: String?)?

    init(_ filter: KindFilter?, _ context: EvaluationContext) {
        let expression = filter?.expression
        self.expression = expression
        self.context = context
        binder = AssignmentBinder(filter?.environment ?? ExpressionEnvironment(variables: [:]), context)
        decision = expression?.decision(params: context.params)
        sharedKey = context.tables == nil ? nil : Self.sharedKey(expression, context)
        byUnit = expression == nil ? nil : context.unitAssignments
        assignments = context.data.assignments
        contributors = context.data.contributors
    }

    /// The key under which the run's rules share a filter's verdicts: what it decides, with the
    /// values of the parameters it reads; nil without a filter.
    static func sharedKey(_ expression: CompiledExpression?, _ context: EvaluationContext) -> String? {
        expression?.meaningKey(params: context.params)
    }

    /// The key of the verdicts over the assignments of `engagements` (the others are `.no`).
    static func sharedKey(_ expression: CompiledExpression?, _ context: EvaluationContext, engagements: Set<Engagement>) -> String? {
        sharedKey(expression, context).map { key($0, engagements) }
    }

    private static func key(_ meaning: String, _ engagements: Set<Engagement>) -> String {
        meaning + "\u{0}engagements=" + engagements.map(\.rawValue).sorted().joined(separator: ",")
    }

    /// Whether there is a filter (without one every assignment is selected).
    var filters: Bool { expression != nil }

    /// Binds the unit the next assignments belong to (read by filters over `unit`).
    mutating func bind(unit: Unit) {
        binder.bind(unit: unit)
    }

    /// The verdict on `a`, whose contributor is `contributor`, in the unit last bound.
    mutating func verdict(_ a: Assignment, contributor: Contributor?) -> Verdict {
        guard let expression else { return .yes }
        if let decided = decision?.decide(a, contributor) { return decided ? .yes : .no }
        binder.bind(a, contributor: contributor)
        return Verdict(expression.evaluate(binder.activation))
    }

    /// The filter's outcome on `a` with its contributor and its own unit bound (for kinds that
    /// walk assignments across units and word a non-bool outcome themselves); true without a
    /// filter.
    mutating func outcome(_ a: Assignment) -> EvalOutcome {
        guard let expression else { return .value(.bool(true)) }
        let c = a.contributorIndex
        let contributor = contributors.indices.contains(c) ? contributors[c] : nil
        if let decided = decision?.decide(a, contributor) { return .value(.bool(decided)) }
        AssignmentBinder.bind(a, context.data, &binder.activation)
        return expression.evaluate(binder.activation)
    }

    /// The verdicts on the assignments of `unit`, in the order of `context.unitAssignments`;
    /// nil without a filter. An assignment whose engagement is not in `engagements` is `.no`
    /// without being evaluated. Decided once per run for the rules whose filters mean the same
    /// over the same engagements.
    mutating func verdicts(of unit: Unit, engagements: Set<Engagement>) -> [Verdict]? {
        guard filters, let byUnit else { return nil }
        if sharedKey != nil, keyed?.engagements != engagements {
            keyed = (engagements, sharedKey.map { Self.key($0, engagements) })
        }
        let key = keyed?.key
        if let key, let tables = context.tables, let known = tables.unitVerdicts(key, unit: unit.index) {
            return known
        }
        let indices = byUnit.byUnit[unit.index]
        bind(unit: unit)
        var verdicts: [Verdict] = []
        verdicts.reserveCapacity(indices.count)
        for i in indices {
            guard engagements.contains(assignments[i].engagement) else {
                verdicts.append(.no)
                continue
            }
            let c = assignments[i].contributorIndex
            verdicts.append(verdict(assignments[i], contributor: contributors.indices.contains(c) ? contributors[c] : nil))
        }
        if let key, let tables = context.tables { tables.store(verdicts, key, unit: unit.index) }
        return verdicts
    }
}
