/// The keys of `coverage` (and `resilience`), read and checked.
struct CoverageSpec: Sendable {
    /// What counts unless `engagements:` says otherwise: people on duty or on call, not those
    /// who merely declared they were available.
    static let defaultEngagements: Set<Engagement> = [.duty, .onCall]
    /// Variables `message:`/`fix:` may use.
    static let messageVariables: [String: ExprType] = [
        "unit": .object("unit"), "gap_start": .timestamp, "gap_end": .timestamp, "span": .string,
        "present": .int, "required": .int, "missing": .int, "position": .string, "candidates": .list(.string),
    ]

    enum Demand: Sendable {
        /// The plan's `unit.staffing`.
        case staffing
        /// `min:` over the promised hours (or `hours:`).
        case minimum(RuleNumber)
        /// Per attendance slot: `required:` (an expression) or `min:`.
        case attendance(slots: KindFilter, required: CompiledExpression?, minimum: RuleNumber?)

        var isAttendance: Bool {
            if case .attendance = self { return true }
            return false
        }
    }

    var units: KindFilter
    /// Which assignments count; nil in attendance mode means `counts_in_ratio == true`.
    var filter: KindFilter?
    var demand: Demand
    var position: String?
    var hours: OpeningHours?
    /// The engagements that count (`engagements:`).
    var engagements: Set<Engagement> = CoverageSpec.defaultEngagements

    /// What staffed means, in keys `coverage` and `response_time` share: `units`, `where`, `min`, `position`.
    struct Staffed {
        let units: KindFilter
        let filter: KindFilter?
        let minimum: RuleNumber?
        let position: String?

        static func read(_ r: inout MappingReader, context: RuleContext) -> Staffed {
            let units = KindKeys.units(&r, context)
            let assignmentEnv = KindKeys.assignmentEnvironment(context)
            let whereNode = r.optional("where")
            let whereExpr = whereNode.flatMap { RuleExpressions.boolean($0, "where", assignmentEnv, &r) }
            let minimum = RuleNumber.read(&r, "min", context: context, integer: true, minimum: 0)
            return Staffed(units: units, filter: whereNode == nil ? nil : KindFilter(expression: whereExpr, environment: assignmentEnv),
                           minimum: minimum, position: r.string("position"))
        }
    }

    static func read(_ r: inout MappingReader, context: RuleContext) -> CoverageSpec? {
        let staffed = Staffed.read(&r, context: context)
        let (minimum, position) = (staffed.minimum, staffed.position)
        let hours = KindKeys.openingHours(&r, "hours")
        let demandNode = r.optional("demand")
        let slotsNode = r.optional("slots")
        let requiredNode = r.optional("required")

        var demand = Demand.staffing
        if let demandNode {
            switch demandNode.string {
            case "attendance":
                let env = RuleEnvironment.make(for: RecordCollection.attendance, params: context.params)
                let slots = KindFilter(expression: slotsNode.flatMap { RuleExpressions.boolean($0, "slots", env, &r) }, environment: env)
                var required: CompiledExpression?
                if let requiredNode { required = number(requiredNode, env, &r) }
                if requiredNode == nil && minimum == nil && r.node["min"] == nil {
                    r.report(.error(at: demandNode.location, "'demand: attendance' needs 'required' (adults per slot, an expression over attendance) or 'min'"))
                }
                if let requiredNode, r.node["min"] != nil {
                    r.report(.error(at: requiredNode.location, "give either 'required' or 'min', not both"))
                }
                if let hoursNode = r.node["hours"] {
                    r.report(.error(at: hoursNode.location, "'hours' does not apply with 'demand: attendance': the slots say when children are present; filter them with 'slots'"))
                }
                demand = .attendance(slots: slots, required: required, minimum: minimum)
            case "hours":
                break
            default:
                let text = demandNode.keyText ?? demandNode.kindName
                r.report(.error(at: demandNode.location, "unknown demand '\(text)'; use 'attendance' (per attendance slot) or leave it out (promised hours)"
                    + Suggestion.hint(for: text, in: ["attendance", "hours"])))
                return nil
            }
        }
        if case .attendance = demand {} else {
            for (key, node) in [("slots", slotsNode), ("required", requiredNode)] {
                if let node { r.report(.error(at: node.location, "'\(key)' goes with 'demand: attendance'")) }
            }
            if let minimum { demand = .minimum(minimum) } else if position != nil, let node = r.node["position"] {
                r.report(.error(at: node.location, "'position' goes with 'min'; without 'min' the plan's staffing gives each position its minimum"))
            }
        }
        return CoverageSpec(units: staffed.units, filter: staffed.filter, demand: demand, position: position, hours: hours,
                            engagements: readEngagements(&r))
    }

    /// `engagements:` — which engagements count (`defaultEngagements` when absent).
    static func readEngagements(_ r: inout MappingReader) -> Set<Engagement> {
        guard let node = r.node["engagements"] else { return defaultEngagements }
        let names = r.strings("engagements")
        var chosen: Set<Engagement> = []
        for name in names {
            if let e = Engagement(rawValue: name) { chosen.insert(e) } else {
                r.report(.error(at: node.location, "unknown engagement '\(name)' in 'engagements'; expected "
                    + Engagement.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                    + Suggestion.hint(for: name, in: Engagement.allCases.map(\.rawValue))))
            }
        }
        if names.isEmpty { r.report(.error(at: node.location, "'engagements' must list at least one of duty, on_call, availability")) }
        return chosen
    }

    /// The workload of a rule over `context` (`RuleKind.workload`): the assignments its units
    /// hold, which the engine may cut into ranges of units; none when a parameter the
    /// requirements need does not evaluate (that failure is the rule's one result, given once).
    func workload(_ context: EvaluationContext, extra: RuleNumber? = nil) -> Int {
        let n = context.data.assignments.count
        var numbers = [extra].compactMap { $0 }
        switch demand {
        case .minimum(let m): numbers.append(m)
        case .attendance(_, _, let m?): numbers.append(m)
        default: break
        }
        for number in numbers {
            if case .failure = number.value(in: context) { return 0 }
        }
        return n
    }

    /// Compiles a number expression (`required:`): int, uint, double or dyn.
    private static func number(_ node: YAMLNode, _ env: ExpressionEnvironment, _ r: inout MappingReader) -> CompiledExpression? {
        guard let source = node.string ?? node.keyText, node.pairs == nil, node.items == nil else {
            r.report(.error(at: node.location, "'required' must be an expression written as a string, found a \(node.kindName)"))
            return nil
        }
        return RuleExpressions.typed(source, node, "required", env, &r, accepting: [.int, .uint, .double, .dyn], must: "a number of adults (int)")
    }
}
