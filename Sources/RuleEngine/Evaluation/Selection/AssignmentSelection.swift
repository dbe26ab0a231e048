/// Which assignments a rule's `where:` (over `assignment`, `contributor`, `unit`) selects: the
/// one way kinds filter assignments. It owns how: a simple filter is decided on the records
/// themselves (`RecordDecision`), only the assignments it leaves undecided are bound
/// (`AssignmentBinder`) and evaluated, and a unit's verdicts are shared with the run's other
/// rules whose filter means the same (`CompiledExpression.meaningKey`, parameters included).
///
/// ```swift
/// var selection = AssignmentSelection(filter, context)
/// for (unit, verdicts) in … { let verdicts = selection.verdicts(of: unit) … }
/// selection.verdict(assignment, contributor: person)   // one assignment
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

    /// The verdicts on the assignments of `unit`, in the order of `context.unitAssignments`;
    /// nil without a filter. Decided once per run for the rules whose filters mean the same.
    mutating func verdicts(of unit: Unit) -> [Verdict]? {
        guard filters, let byUnit else { return nil }
        if let sharedKey, let tables = context.tables, let known = tables.unitVerdicts(sharedKey, unit: unit.index) {
            return known
        }
        let indices = byUnit.byUnit[unit.index]
        bind(unit: unit)
        var verdicts: [Verdict] = []
        verdicts.reserveCapacity(indices.count)
        for i in indices {
            let c = assignments[i].contributorIndex
            verdicts.append(verdict(assignments[i], contributor: contributors.indices.contains(c) ? contributors[c] : nil))
        }
        if let sharedKey, let tables = context.tables { tables.store(verdicts, sharedKey, unit: unit.index) }
        return verdicts
    }
}
