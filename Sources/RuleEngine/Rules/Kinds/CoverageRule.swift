/// `kind: coverage` — at every instant of each unit's promised hours, enough distinct
/// contributors serve.
///
/// ```yaml
/// - id: spv.vsav-crew
///   principle: continuity
///   severity: error
///   title: {fr: Équipage VSAV complet, en: Full VSAV crew}
///   kind: coverage
///   units: unit.kind == 'station'
///   where: assignment.engine == 'VSAV' && contributor.medical.fit == true
///   min: 3                      # or params.crew; absent: the plan's unit.staffing
///   position: chef_agres        # optional, with min
///   hours: "Mo-Fr 08:00-18:00"  # optional; default the unit's promised hours
///   granularity: 1h             # optional: per hour slot an assignment touches
/// ```
/// Ratio form (crèches): `demand: attendance` makes each attendance slot of the unit (those
/// `slots:` selects) a demand of `required:` adults (an int expression over `attendance`, a
/// fraction rounds up) or of `min:`; overlapping slots add up. Without `where:` it counts the
/// assignments with `counts_in_ratio: true`.
///
/// Findings: the maximal gaps per unit and requirement, with the fewest present and the
/// required number, and as fix the unit's contributors (`contributor.units`) free over the gap
/// and matching `where` (at most five). An assignment whose `where` (or position) cannot be
/// decided for missing data may count: gaps that remain even with it are failures, gaps that
/// it would close are indeterminate. A unit with no promised hours, no staffing or no
/// attendance slot in the period passes: nothing was promised.
///
/// With `granularity:` (a duration dividing a day: `15m`, `1h`, `1d`), time is cut into slots
/// of that length from each local midnight (and at the requirement's own boundaries), and a
/// contributor counts in every slot one of their assignments touches: each assignment is
/// widened to the slots it overlaps before the sweep, so a gap is a run of whole slots.
///
/// Complexity: O(n log n) in the unit's assignments per requirement (one sort and one sweep in
/// `Timeline.segments`; with `granularity`, a binary search per assignment to widen it), O(n)
/// to group assignments by unit, plus candidates only for gaps.
public struct CoverageRule: UnitRangedKind {
    public static let identifier = "coverage"
    public static let summary = "Enough distinct contributors serve at every instant (or in every slot of `granularity`) of each unit's promised hours."
    /// Heavy on large data (a timeline per unit and requirement, a `where` per assignment), but
    /// split into ranges of units there: its parts fill the cores after the rules that cannot
    /// split (limit, validity, age), which start first.
    public static let relativeCost = 1
    public static let keys = CoverageSpec.keys + ["granularity", "message", "fix"]

    let spec: CoverageSpec
    let messages: KindMessages
    /// `granularity:` in seconds: count per slot touched instead of at each instant.
    var granularity: Int64? = nil

    public static func parse(_ r: inout MappingReader, context: RuleContext) -> CoverageRule? {
        let spec = CoverageSpec.read(&r, context: context)
        let granularity = RuleDuration.read(&r, "granularity")
        if let g = granularity, 86_400 % g != 0, let node = r.node["granularity"] {
            r.report(.error(at: node.textStart, "'granularity' in \(r.what) must divide a day into equal slots, like 15m, 30m, 1h, 2h or 1d; found '\(node.keyText ?? "")'"))
        }
        let messages = KindMessages.read(&r, context: context, variables: CoverageSpec.messageVariables)
        guard let spec, r.diagnostics.isEmpty else { return nil }
        return CoverageRule(spec: spec, messages: messages, granularity: granularity)
    }

    /// Large data splits into ranges of units (see `CoverageSpec.parts`).
    public func parts(_ context: EvaluationContext) -> Int { spec.parts(context) }

    func evaluate(_ context: EvaluationContext, units: Range<Int>) -> [RuleResult] {
        var run = CoverageRun(spec, context)
        run.granularity = granularity
        var results: [RuleResult] = []
        var candidates = CandidateFinder(spec: spec, context: context)
        // One activation for every gap: each finding sets all the variables the texts may read.
        var activation = messages.activation(context)
        run.forEachRequirement(into: &results, units: units) { unit, requirement, analysis in
            let gaps = Timeline.gaps(analysis.optimistic, required: analysis.required)
            var out: [RuleResult] = []
            for gap in gaps {
                out.append(finding(gap, unit, requirement, &candidates, &activation, context))
            }
            for span in analysis.undecided(certainGaps: gaps) {
                out.append(RuleResult(.indeterminate, subject: unit.subject,
                                      message: "unit \(unit.id), \(KindTime.span(span, context.data.timeZone)): cannot decide whether \(requirement.what) is met: missing \(analysis.missing.joined(separator: ", "))",
                                      location: requirement.location, path: requirement.path,
                                      expected: "at least \(requirement.describeRequired)", missing: analysis.missing,
                                      key: "\(requirement.key) \(KindTime.key(span, context.data.timeZone))"))
            }
            return out
        }
        return results
    }

    private func finding(_ gap: Timeline.Gap, _ unit: Unit, _ requirement: CoverageRequirement,
                         _ candidates: inout CandidateFinder, _ a: inout Activation, _ context: EvaluationContext) -> RuleResult {
        let zone = context.data.timeZone
        let spanText = KindTime.span(gap.span, zone)
        let free = candidates.find(unit: unit, position: requirement.position, span: gap.span)
        a["unit"] = KindValues.unit(unit, context.data.unitValues)
        a["gap_start"] = .timestamp(Instant(seconds: gap.span.start))
        a["gap_end"] = .timestamp(Instant(seconds: gap.span.end))
        a["span"] = .string(spanText)
        a["present"] = .int(Int64(gap.present))
        a["required"] = .int(Int64(gap.required))
        a["missing"] = .int(Int64(gap.required - gap.present))
        a["position"] = requirement.position.map(Value.string)
        a["candidates"] = .list(free.map { .string($0) })
        let who = requirement.position.map { " \($0)" } ?? ""
        let message = messages.message(a, context, default: "unit \(unit.id), \(spanText): \(gap.present) of \(gap.required)\(who) present")
        let fix = messages.fix(a, context, default: free.isEmpty
            ? "no contributor of unit \(unit.id) is free and eligible then; recruit, or assign someone from another unit"
            : "candidates not assigned: \(free.joined(separator: ", "))")
        return RuleResult(.fail, subject: unit.subject, message: message, location: requirement.location,
                          path: requirement.path, measured: "\(gap.present) present",
                          expected: "at least \(gap.required)", fix: fix,
                          key: "\(requirement.key) \(KindTime.key(gap.span, zone))")
    }
}

// MARK: - What coverage and resilience share

/// A kind that evaluates unit by unit (coverage, resilience): the whole rule is the units in
/// order, and its parts (`parts(_:)`, which the kind gives) are ranges of units.
protocol UnitRangedKind: RuleKind {
    /// The results of the units `units` (indexes into the plan's units), in order.
    func evaluate(_ context: EvaluationContext, units: Range<Int>) -> [RuleResult]
}

extension UnitRangedKind {
    public func evaluate(_ context: EvaluationContext) -> [RuleResult] {
        evaluate(context, units: context.data.plan.units.indices)
    }

    public func evaluate(_ context: EvaluationContext, part: Int, of count: Int, into sink: inout ResultSink) {
        if count <= 1 {
            if part == 0 { evaluate(context, into: &sink) }
            return
        }
        sink.add(contentsOf: evaluate(context, units: RecordParts.range(part, of: count, in: context.data.plan.units.count)))
    }
}

/// The keys of `coverage` (and `resilience`), read and checked.
struct CoverageSpec: Sendable {
    static let keys = ["units", "where", "min", "position", "hours", "demand", "slots", "required", "engagements"]
    /// What counts unless `engagements:` says otherwise: people on duty or on call, not those
    /// who merely declared they were available.
    static let defaultEngagements: Set<Engagement> = [.duty, .onCall]

    /// The `engagements:` key (given as `node`, nil when absent): the default when absent, else
    /// the engagements it lists, each unknown name and an empty list reported at the key.
    static func readEngagements(_ node: YAMLNode?, _ r: inout MappingReader) -> Set<Engagement> {
        guard let node else { return defaultEngagements }
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
    }

    var units: KindFilter
    /// Which assignments count; nil in attendance mode means `counts_in_ratio == true`.
    var filter: KindFilter?
    var demand: Demand
    var position: String?
    var hours: OpeningHours?
    /// The engagements that count (`engagements:`).
    var engagements: Set<Engagement> = CoverageSpec.defaultEngagements

    /// The engagements, sorted, as a stable text (part of the key of shared verdicts).
    var engagementsKey: String { engagements.map(\.rawValue).sorted().joined(separator: ",") }

    static func read(_ r: inout MappingReader, context: RuleContext) -> CoverageSpec? {
        let unitEnv = KindKeys.unitEnvironment(context)
        let units = KindFilter(expression: r.optional("units").flatMap { RuleExpressions.boolean($0, "units", unitEnv, &r) },
                               environment: unitEnv)
        let assignmentEnv = KindKeys.assignmentEnvironment(context)
        let whereNode = r.optional("where")
        let whereExpr = whereNode.flatMap { RuleExpressions.boolean($0, "where", assignmentEnv, &r) }
        let minimum = RuleNumber.read(&r, "min", context: context, integer: true, minimum: 0)
        let position = r.string("position")
        let hours = KindKeys.openingHours(&r, "hours")
        let demandNode = r.optional("demand")
        let slotsNode = r.optional("slots")
        let requiredNode = r.optional("required")

        var demand = Demand.staffing
        if let demandNode {
            switch demandNode.string {
            case "attendance":
                let env = RuleEnvironment.make(for: RecordCollection.named("attendance")!, params: context.params)
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
        let filter = whereNode == nil ? nil : KindFilter(expression: whereExpr, environment: assignmentEnv)
        let engagements = readEngagements(r.node["engagements"], &r)
        return CoverageSpec(units: units, filter: filter, demand: demand, position: position, hours: hours,
                            engagements: engagements)
    }

    /// Into how many ranges of units a rule over `context` splits: up to four on a large roster
    /// (one per 100,000 assignments), so that the engine can spread a coverage rule over the
    /// cores; one when a parameter the requirements need does not evaluate (that failure is the
    /// rule's one result, given once).
    func parts(_ context: EvaluationContext, extra: RuleNumber? = nil) -> Int {
        let n = min(4, context.data.assignments.count / 100_000)
        guard n > 1 else { return 1 }
        var numbers = [extra].compactMap { $0 }
        switch demand {
        case .minimum(let m): numbers.append(m)
        case .attendance(_, _, let m?): numbers.append(m)
        default: break
        }
        for number in numbers {
            if case .failure = number.value(in: context) { return 1 }
        }
        return n
    }

    /// Compiles a number expression (`required:`): int, uint, double or dyn.
    private static func number(_ node: YAMLNode, _ env: ExpressionEnvironment, _ r: inout MappingReader) -> CompiledExpression? {
        guard let source = node.string ?? node.keyText, node.pairs == nil, node.items == nil else {
            r.report(.error(at: node.location, "'required' must be an expression written as a string, found a \(node.kindName)"))
            return nil
        }
        do {
            let expr = try env.compile(source, at: node.textStart)
            if ![ExprType.int, .uint, .double, .dyn].contains(expr.type) {
                r.report(.error(at: node.textStart, "'required' must be a number of adults (int), but this expression gives \(expr.type)"))
                return nil
            }
            return expr
        } catch {
            r.report(error)
            return nil
        }
    }
}

/// One requirement of one unit: what it demands, when.
struct CoverageRequirement {
    /// Stable part of result keys: `staffing[1]`, `min`, `attendance`.
    var key: String
    var position: String?
    /// Sorted, disjoint pieces of time with the number required over each.
    var pieces: [(span: Timeline.Span, required: Int)]
    var location: Location
    var path: String

    /// `chef_agres (min 1)` or `the staffing minimum` for messages.
    var what: String {
        position.map { "the \($0) requirement" } ?? "the requirement"
    }

    var describeRequired: String {
        let values = Set(pieces.map(\.required))
        if values.count == 1, let v = values.first { return "\(v)" + (position.map { " \($0)" } ?? "") }
        return "the required number"
    }
}

/// Who is present when for one requirement: the segments counting only assignments known to
/// count (`certain`) and counting also those that might (`optimistic`).
struct CoverageAnalysis {
    var certain: [Timeline.Segment]
    var optimistic: [Timeline.Segment]
    var pieces: [(span: Timeline.Span, required: Int)]
    /// Data paths whose absence left some assignment undecided.
    var missing: [String]

    /// The number required over a segment (segments are cut at piece boundaries).
    func required(_ span: Timeline.Span) -> Int {
        var lo = 0, hi = pieces.count
        while lo < hi {
            let m = (lo + hi) / 2
            if pieces[m].span.start <= span.start { lo = m + 1 } else { hi = m }
        }
        guard lo > 0, pieces[lo - 1].span.end > span.start else { return 0 }
        return pieces[lo - 1].required
    }

    /// The spans that are gaps counting only certain assignments but not with the undecided
    /// ones: neither pass nor fail.
    func undecided(certainGaps optimisticGaps: [Timeline.Gap]) -> [Timeline.Span] {
        guard !missing.isEmpty else { return [] }
        let pessimistic = Timeline.gaps(certain, required: required).map(\.span)
        return Timeline.subtract(pessimistic, optimisticGaps.map(\.span))
    }
}

/// One evaluation of a coverage spec: the indexes built once, then each unit × requirement.
struct CoverageRun {
    let spec: CoverageSpec
    let context: EvaluationContext
    let byUnit: UnitAssignments
    var slotsByUnit: [[Int]] = []
    /// Slot length in seconds (`granularity:` of coverage): presence is widened to whole slots.
    var granularity: Int64?

    /// The `where:` text when its verdicts may be shared with other rules of the run: a filter
    /// that reads no parameter means the same in every rule.
    let sharedFilter: String?
    /// The filter decided on the records' fields where it can.
    let fast: RecordPredicate?

    init(_ spec: CoverageSpec, _ context: EvaluationContext) {
        self.spec = spec
        self.context = context
        byUnit = context.unitAssignments
        fast = RecordPredicate(spec.filter?.expression, params: context.params)
        if let expression = spec.filter?.expression, !expression.variableNames.contains("params") {
            sharedFilter = spec.engagementsKey + " " + expression.source
        } else {
            sharedFilter = nil
        }
        if case .attendance = spec.demand {
            var slots = [[Int]](repeating: [], count: context.data.plan.units.count)
            for (i, s) in context.data.attendance.enumerated() where slots.indices.contains(s.unitIndex) {
                slots[s.unitIndex].append(i)
            }
            slotsByUnit = slots
        }
    }

    /// Calls `body` for each selected unit and requirement with its analysis; a requirement
    /// whose body returns nothing passes.
    mutating func forEachRequirement(into results: inout [RuleResult], units: Range<Int>,
                                     _ body: (Unit, CoverageRequirement, CoverageAnalysis) -> [RuleResult]) {
        let data = context.data
        var binder = spec.filter.map { AssignmentBinder($0.environment, context) }
        for unit in data.plan.units[units] {
            switch UnitSelection.test(spec.units, unit, context) {
            case .skipped: continue
            case .unsettled(let result): results.append(result); continue
            case .selected: break
            }
            let requirements: [CoverageRequirement]
            switch self.requirements(of: unit, into: &results) {
            case .success(let r): requirements = r
            case .failure(let failure): results.append(.failure(failure, context)); return
            }
            if requirements.isEmpty {
                results.append(RuleResult(.pass, subject: unit.subject, key: "nothing promised"))
                continue
            }
            // Each assignment's `where` is decided once per unit, whatever the requirements,
            // and once per run for rules with the same filter (when it reads no parameter).
            let indices = byUnit.byUnit[unit.index]
            let tables = sharedFilter == nil ? nil : context.tables
            var verdicts: [Verdict]
            if let tables, let sharedFilter, let known = tables.unitVerdicts(sharedFilter, unit: unit.index) {
                verdicts = known
            } else {
                binder?.bind(unit: unit)
                verdicts = []
                verdicts.reserveCapacity(indices.count)
                for i in indices { verdicts.append(verdict(data.assignments[i], &binder)) }
                if let tables, let sharedFilter { tables.store(verdicts, sharedFilter, unit: unit.index) }
            }
            for (k, v) in verdicts.enumerated() {
                if case .error(let message) = v {
                    let a = data.assignments[indices[k]]
                    results.append(RuleResult(.fail, subject: a.subject, message: "'where' could not be evaluated on assignment \(a.id): \(message)",
                                              location: a.location, path: a.path, key: "where"))
                }
            }
            for requirement in requirements {
                let analysis = analyse(requirement, indices, verdicts)
                let out = body(unit, requirement, analysis)
                if out.isEmpty {
                    results.append(RuleResult(.pass, subject: unit.subject, key: requirement.key))
                } else {
                    results += out
                }
            }
        }
    }

    private func verdict(_ a: Assignment, _ binder: inout AssignmentBinder?) -> Verdict {
        guard spec.engagements.contains(a.engagement) else { return .no }
        // Optional chaining, not `guard let`: binding the filter would copy it per assignment.
        guard spec.filter != nil else {
            if case .attendance = spec.demand {
                switch a.countsInRatio {
                case true?: return .yes
                case false?: return .no
                case nil: return .unknown(missing: ["assignment.counts_in_ratio"])
                }
            }
            return .yes
        }
        let contributor = context.data.contributor(of: a)
        // Decided on the records' fields when the filter is simple and they are present.
        if let yes = fast?.test(a, contributor) { return yes ? .yes : .no }
        // take() moves the binder out, so that binding mutates it without a copy.
        guard var b = binder.take() else { return .yes }
        defer { binder = b }
        b.bind(a, contributor: contributor)
        return spec.filter?.test(b.activation) ?? .yes
    }

    /// The requirements of a unit, or a bad parameter.
    private func requirements(of unit: Unit, into results: inout [RuleResult]) -> Result<[CoverageRequirement], KindFailure> {
        let data = context.data
        func pieces(_ intervals: [Interval], _ n: Int) -> [(span: Timeline.Span, required: Int)] {
            intervals.filter { !$0.isEmpty }.map { ($0, n) }
        }
        switch spec.demand {
        case .staffing:
            return .success(unit.staffing.enumerated().compactMap { j, s in
                let hours = s.hours ?? spec.hours ?? data.openingHours(of: unit)
                let p = pieces(data.expand(hours), s.min)
                guard !p.isEmpty, s.min > 0 else { return nil }
                return CoverageRequirement(key: "staffing[\(j)]", position: s.position, pieces: p,
                                           location: s.location, path: "\(unit.path).staffing[\(j)]")
            })
        case .minimum(let number):
            switch number.value(in: context) {
            case .failure(let f): return .failure(f)
            case .success(let v):
                let n = Int(v)
                let p = pieces(data.expand(spec.hours ?? data.openingHours(of: unit)), n)
                guard !p.isEmpty, n > 0 else { return .success([]) }
                return .success([CoverageRequirement(key: "min", position: spec.position, pieces: p,
                                                     location: unit.location, path: unit.path)])
            }
        case .attendance(let slots, let required, let minimum):
            var constant: Int?
            if let minimum {
                switch minimum.value(in: context) {
                case .failure(let f): return .failure(f)
                case .success(let v): constant = Int(v)
                }
            }
            var slotActivation = RuleExpressions.activation(slots.environment, context)
            slotActivation["unit"] = KindValues.unit(unit, context.data.unitValues)
            var demands: [(span: Timeline.Span, required: Int)] = []
            let period = Timeline.Span(context.period.startInstant, context.period.endInstant)
            for i in slotsByUnit[unit.index] {
                let slot = data.attendance[i]
                let span = Timeline.Span(max(slot.start, period.start), min(slot.end, period.end))
                guard !span.isEmpty else { continue }
                slotActivation["attendance"] = .object(slot)
                switch slots.test(slotActivation) {
                case .no: continue
                case .yes: break
                case .unknown(let missing):
                    results.append(RuleResult(.indeterminate, subject: slot.subject, message: "cannot decide whether 'slots' selects this slot: missing \(missing.joined(separator: ", "))",
                                              location: slot.location, path: slot.path, missing: missing, key: "slots"))
                    continue
                case .error(let message):
                    results.append(RuleResult(.fail, subject: slot.subject, message: "'slots' could not be evaluated: \(message)",
                                              location: slot.location, path: slot.path, key: "slots"))
                    continue
                }
                if let constant {
                    demands.append((span, constant))
                    continue
                }
                guard let required else { continue }
                switch Self.adults(required.evaluate(slotActivation)) {
                case .success(let n): demands.append((span, n))
                case .failure(let problem):
                    if case .indeterminate(let missing) = required.evaluate(slotActivation) {
                        results.append(RuleResult(.indeterminate, subject: slot.subject, message: "cannot compute the adults required: missing \(missing.joined(separator: ", "))",
                                                  location: slot.location, path: slot.path, missing: missing, key: "required"))
                    } else {
                        results.append(RuleResult(.fail, subject: slot.subject, message: "'required' \(problem.message)",
                                                  location: slot.location, path: slot.path, key: "required"))
                    }
                }
            }
            let p = Self.stack(demands)
            guard !p.isEmpty else { return .success([]) }
            return .success([CoverageRequirement(key: "attendance", position: spec.position, pieces: p,
                                                 location: unit.location, path: unit.path)])
        }
    }

    /// Adults from a `required` value: an int, or a double rounded up (2.1 adults need 3).
    static func adults(_ outcome: EvalOutcome) -> Result<Int, KindFailure> {
        switch outcome {
        case .value(.int(let i)) where i >= 0 && i < 1_000_000: return .success(Int(i))
        case .value(.uint(let u)) where u < 1_000_000: return .success(Int(u))
        case .value(.double(let d)) where d.isFinite && d >= 0 && d < 1_000_000: return .success(Int(d.rounded(.up)))
        case .value(let v): return .failure(KindFailure("gave \(v.displayText), not a number of adults from 0 to 999999"))
        case .error(let message): return .failure(KindFailure("could not be evaluated: \(message)"))
        case .indeterminate(let missing): return .failure(KindFailure("missing \(missing.joined(separator: ", "))"))
        }
    }

    /// Sums overlapping demands into sorted disjoint pieces (a sweep over start/end events).
    static func stack(_ demands: [(span: Timeline.Span, required: Int)]) -> [(span: Timeline.Span, required: Int)] {
        var events: [(Int64, Int)] = []
        events.reserveCapacity(demands.count * 2)
        for d in demands where !d.span.isEmpty {
            events.append((d.span.start, d.required))
            events.append((d.span.end, -d.required))
        }
        events.sort { $0.0 < $1.0 }
        var out: [(span: Timeline.Span, required: Int)] = []
        var level = 0
        var i = 0
        var cursor: Int64 = 0
        while i < events.count {
            let t = events[i].0
            if level > 0, cursor < t {
                if let last = out.last, last.span.end == cursor, last.required == level {
                    out[out.count - 1].span.end = t
                } else {
                    out.append((Timeline.Span(cursor, t), level))
                }
            }
            while i < events.count && events[i].0 == t {
                level += events[i].1
                i += 1
            }
            cursor = t
        }
        return out.filter { $0.required > 0 }
    }

    /// Segments of presence over the requirement's pieces, certain and optimistic.
    private func analyse(_ requirement: CoverageRequirement, _ indices: [Int], _ verdicts: [Verdict]) -> CoverageAnalysis {
        let data = context.data
        let offset = data.contributors.count + data.assignments.count + 1
        let slots = granularity.map { SlotGrid(length: $0, zone: data.timeZone, pieces: requirement.pieces.map(\.span)) }
        var presences: [Timeline.Presence] = []
        presences.reserveCapacity(indices.count)
        var missing: Set<String> = []
        for (k, i) in indices.enumerated() {
            let a = data.assignments[i]
            var verdict = verdicts[k]
            if let position = requirement.position, verdict != .no {
                if let p = a.position {
                    if p != position { verdict = .no }
                } else if verdict == .yes {
                    verdict = .unknown(missing: ["assignment.position"])
                } else if case .unknown(let m) = verdict {
                    verdict = .unknown(missing: m + ["assignment.position"])
                }
            }
            // Unresolved contributors (never after a successful load) count as themselves.
            let who = a.contributorIndex >= 0 ? a.contributorIndex : data.contributors.count + i
            let span = slots?.widen(Timeline.Span(a.start, a.end)) ?? Timeline.Span(a.start, a.end)
            switch verdict {
            case .yes: presences.append(Timeline.Presence(span, who: who))
            case .no: continue
            case .unknown(let m):
                missing.formUnion(m)
                presences.append(Timeline.Presence(span, who: offset + who))
            case .error(let message):
                missing.insert("where on assignment \(a.id) (\(message))")
                presences.append(Timeline.Presence(span, who: offset + who))
            }
        }
        let window = requirement.pieces.map(\.span)
        let raw = Self.split(Timeline.segments(presences, within: window), at: window)
        var certain = raw, optimistic = raw
        if !missing.isEmpty {
            for (s, seg) in raw.enumerated() {
                let sure = seg.present.filter { $0 < offset }
                certain[s].present = sure
                var all = Set(sure)
                for w in seg.present where w >= offset { all.insert(w - offset) }
                optimistic[s].present = all.sorted()
            }
        }
        return CoverageAnalysis(certain: certain, optimistic: optimistic, pieces: requirement.pieces,
                                missing: missing.sorted().prefix(8).map { $0 })
    }

    /// Cuts segments at the boundaries of `pieces`, so that each lies in one piece.
    static func split(_ segments: [Timeline.Segment], at pieces: [Timeline.Span]) -> [Timeline.Segment] {
        var cuts: [Int64] = []
        cuts.reserveCapacity(pieces.count * 2)
        for p in pieces { cuts.append(p.start); cuts.append(p.end) }
        cuts.sort()
        var out: [Timeline.Segment] = []
        out.reserveCapacity(segments.count)
        var j = 0
        for s in segments {
            var start = s.span.start
            while j < cuts.count && cuts[j] <= start { j += 1 }
            var k = j
            while k < cuts.count && cuts[k] < s.span.end {
                // Pieces that touch give the same cut twice: no empty segment.
                if cuts[k] > start {
                    out.append(Timeline.Segment(span: Timeline.Span(start, cuts[k]), present: s.present))
                    start = cuts[k]
                }
                k += 1
            }
            out.append(Timeline.Segment(span: Timeline.Span(start, s.span.end), present: s.present))
        }
        return out
    }
}

/// The slots of `granularity:`: `length` seconds from each local midnight (the day's last slot
/// ends at the next midnight, so a slot never spans two days), cut again at the boundaries of a
/// requirement's pieces so that each slot lies in one piece.
struct SlotGrid {
    let length: Int64
    let zone: ZoneRules
    /// The pieces' starts and ends, sorted.
    let cuts: [Int64]

    init(length: Int64, zone: ZoneRules, pieces: [Timeline.Span]) {
        self.length = length
        self.zone = zone
        var cuts: [Int64] = []
        cuts.reserveCapacity(pieces.count * 2)
        for p in pieces { cuts.append(p.start); cuts.append(p.end) }
        self.cuts = cuts.sorted()
    }

    /// The span widened to the slots it overlaps: from the start of the slot holding its start
    /// to the end of the slot holding its last instant. An empty span stays empty (it touches
    /// no slot).
    func widen(_ span: Timeline.Span) -> Timeline.Span {
        guard span.end > span.start else { return span }
        return Timeline.Span(floor(span.start), ceiling(span.end))
    }

    /// The local day holding `t`: `[midnight, next midnight)`.
    private func day(_ t: Int64) -> (start: Int64, end: Int64) {
        let date = LocalDates.date(t, zone)
        let start = zone.startOfDay(date), end = zone.startOfDay(CivilDate(daysSinceEpoch: date.daysSinceEpoch + 1))
        // A midnight moved forward by a time change never lies after the instants of its day;
        // guard anyway so that the slot always holds t.
        return start <= t ? (start, end) : (zone.startOfDay(CivilDate(daysSinceEpoch: date.daysSinceEpoch - 1)), start)
    }

    /// Index of the first piece boundary after `t`.
    private func firstCut(after t: Int64) -> Int {
        var lo = 0, hi = cuts.count
        while lo < hi {
            let m = (lo + hi) / 2
            if cuts[m] <= t { lo = m + 1 } else { hi = m }
        }
        return lo
    }

    /// The latest slot boundary at or before `t`.
    func floor(_ t: Int64) -> Int64 {
        let d = day(t)
        let grid = d.start &+ (t &- d.start) / length &* length
        let k = firstCut(after: t)
        return k > 0 ? max(grid, cuts[k - 1]) : grid
    }

    /// The earliest slot boundary at or after `t`.
    func ceiling(_ t: Int64) -> Int64 {
        let d = day(t)
        let offset = t &- d.start
        let grid = offset % length == 0 ? t : min(d.start &+ (offset / length + 1) &* length, d.end)
        // A boundary equal to t is one too.
        let k = firstCut(after: t &- 1)
        return k < cuts.count ? min(grid, cuts[k]) : grid
    }
}

// MARK: - Candidates

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
            // Optional chaining, not `if let`: binding the filter would copy it per member.
            if spec.filter != nil {
                if own?.unit != unit.index {
                    var map: [Int: [Int]] = [:]
                    for i in context.unitAssignments.byUnit[unit.index] {
                        let a = context.data.assignments[i]
                        if a.engagement != .availability { map[a.contributorIndex, default: []].append(i) }
                    }
                    own = (unit.index, map)
                }
                // Made once (the filter copied once), then moved in and out.
                if binder == nil { binder = spec.filter.map { AssignmentBinder($0.environment, context) } }
                guard var b = binder.take() else { continue }
                b.bind(unit: unit)
                var eligible = false
                if let served = own?.byContributor[c], !served.isEmpty {
                    for i in served where !eligible {
                        b.bind(context.data.assignments[i], contributor: contributor)
                        if case .yes = spec.filter?.test(b.activation) ?? .yes { eligible = true }
                    }
                } else {
                    let hypothetical = CandidateAssignment(contributor: contributor.id, unit: unit.id, position: position,
                                                           start: span.start, end: span.end)
                    b.bind(hypothetical, contributor: contributor)
                    switch spec.filter?.test(b.activation) ?? .yes {
                    case .yes: eligible = true
                    // What only the assignment would say (its kind, engine…) is the assigner's choice.
                    case .unknown(let missing) where missing.allSatisfy({ $0.hasPrefix("assignment.") }): eligible = true
                    default: break
                    }
                }
                binder = b
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
