/// An activation for `where:` (over `assignment`, `contributor`, `unit`) that binds records by
/// slot and in place: evaluating a million assignments then costs no name lookup and no copy
/// of the activation.
///
/// The one way kinds bind an assignment with its contributor and unit: in place in a binder
/// (`bind(unit:)` once per unit, then `bind(_:contributor:)` per assignment), or in any
/// activation of an assignment environment (`AssignmentBinder.bind(_:_:_:)`).
struct AssignmentBinder {
    var activation: Activation

    /// The data's units boxed once (`ServiceData.unitValues`).
    private let unitValues: [Value]

    init(_ environment: ExpressionEnvironment, _ context: EvaluationContext) {
        activation = RuleExpressions.activation(environment, context)
        unitValues = context.data.unitValues
    }

    mutating func bind(unit: Unit) {
        activation[slot: activation.unitSlot] = KindValues.unit(unit, unitValues)
    }

    /// Binds an assignment (or a hypothetical one) and its contributor; the unit is bound
    /// separately, once per unit.
    mutating func bind(_ assignment: any ObjectValue, contributor: Contributor?) {
        activation[slot: activation.assignmentSlot] = .object(assignment)
        activation[slot: activation.contributorSlot] = contributor.map { .object($0) }
    }
}

/// Records as expression values without boxing them again.
enum KindValues {
    /// `unit` (one of the plan's units) as a value: its box in `boxes`
    /// (`ServiceData.unitValues`, which follows `plan.units`).
    static func unit(_ unit: Unit, _ boxes: [Value]) -> Value {
        boxes.indices.contains(unit.index) ? boxes[unit.index] : .object(unit)
    }
}

extension AssignmentBinder {
    /// Binds `a` and, unless told they are not read, its contributor and unit.
    static func bind(_ a: Assignment, _ data: ServiceData, _ activation: inout Activation,
                     contributor: Bool = true, unit: Bool = true) {
        activation[slot: activation.assignmentSlot] = .object(a)
        if contributor, let person = data.contributor(of: a) {
            activation[slot: activation.contributorSlot] = .object(person)
        }
        if unit {
            activation[slot: activation.unitSlot] = data.unitValues.indices.contains(a.unitIndex) ? data.unitValues[a.unitIndex] : nil
        }
    }
}
