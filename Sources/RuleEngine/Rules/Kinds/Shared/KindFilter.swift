/// The answer of a filter on one record.
public enum Verdict: Sendable, Hashable {
    case yes
    case no
    /// Data it needs is missing (paths named).
    case unknown(missing: [String])
    /// It could not be evaluated (overflow, bad conversion…), or gave no bool.
    case error(String)

    init(_ outcome: EvalOutcome) {
        switch outcome {
        case .value(.bool(true)): self = .yes
        case .value(.bool(false)): self = .no
        case .value(let v): self = .error("gave \(v.displayText), not true or false")
        case .indeterminate(let missing): self = .unknown(missing: missing)
        case .error(let message): self = .error(message)
        }
    }
}

/// A compiled `where:`/`units:` condition with the activation it runs in.
struct KindFilter: Sendable {
    let expression: CompiledExpression?
    let environment: ExpressionEnvironment

    /// True when absent.
    func test(_ activation: Activation) -> Verdict {
        guard let outcome = expression?.evaluate(activation) else { return .yes }
        return Verdict(outcome)
    }
}

/// Whether a unit filter selects a unit; an unsettled filter becomes a result for the unit.
enum UnitSelection {
    case selected
    case skipped
    case unsettled(RuleResult)

    /// The units of `units` that `filter` does not skip, in order, each with the result of an
    /// unsettled filter (which takes the unit's place in the results).
    static func select(_ filter: KindFilter, _ units: some Sequence<Unit>, _ context: EvaluationContext) -> [(unit: Unit, unsettled: RuleResult?)] {
        units.compactMap { unit in
            switch test(filter, unit, context) {
            case .selected: (unit, nil)
            case .skipped: nil
            case .unsettled(let result): (unit, result)
            }
        }
    }

    static func test(_ filter: KindFilter, _ unit: Unit, _ context: EvaluationContext) -> UnitSelection {
        guard filter.expression != nil else { return .selected }
        var a = RuleExpressions.activation(filter.environment, context)
        a["unit"] = .object(unit)
        switch filter.test(a) {
        case .yes: return .selected
        case .no: return .skipped
        case .unknown(let missing):
            return .unsettled(RuleResult(.indeterminate, subject: unit.subject,
                                         message: "cannot decide whether 'units' selects unit \(unit.id): missing \(missing.joined(separator: ", "))",
                                         location: unit.location, path: unit.path, missing: missing, key: "units"))
        case .error(let message):
            return .unsettled(RuleResult(.fail, subject: unit.subject,
                                         message: "'units' could not be evaluated on unit \(unit.id): \(message)",
                                         location: unit.location, path: unit.path, key: "units"))
        }
    }
}
