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
    public var subject: RecordCollection? { .units }
    public static let summary = "Enough distinct contributors serve at every instant (or in every slot of `granularity`) of each unit's promised hours."
    /// Heavy on large data (a timeline per unit and requirement, a `where` per assignment), but
    /// split into ranges of units there: its parts fill the cores after the rules that cannot
    /// split (limit, validity, age), which start first.
    public static let relativeCost = 1
    public static let properties: [SchemaProperty] = RuleFileSchema.coverageSpec + [
        SchemaProperty("granularity", RuleFileSchema.duration, "Count per slot of this length (15m, 1h, 1d: it divides a day) that an assignment touches, instead of at each instant."),
        RuleFileSchema.message, RuleFileSchema.fix,
    ]

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

    public func workload(_ context: EvaluationContext) -> Int { spec.workload(context) }

    func evaluate(_ context: EvaluationContext, units: Range<Int>) -> [RuleResult] {
        var run = CoverageRun(spec, context)
        run.granularity = granularity
        var results: [RuleResult] = []
        var candidates = CandidateFinder(spec: spec, context: context)
        // One activation for every gap: each finding sets all the variables the texts may read.
        var activation = messages.activation(context)
        run.forEachRequirementGaps(into: &results, units: units) { unit, requirement, analysis in
            var out: [RuleResult] = []
            for gap in analysis.gaps {
                out.append(finding(gap, unit, requirement, &candidates, &activation, context))
            }
            for span in analysis.undecided {
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

/// A kind that evaluates unit by unit (coverage, resilience): the whole rule is the units in
/// order, and its parts are ranges of units.
protocol UnitRangedKind: RuleKind {
    /// The results of the units `units` (indexes into the plan's units), in order.
    func evaluate(_ context: EvaluationContext, units: Range<Int>) -> [RuleResult]
}

extension UnitRangedKind {
    public func evaluate(_ context: EvaluationContext, part: RulePart, into sink: inout ResultSink) {
        sink.add(contentsOf: evaluate(context, units: part.range(in: context.data.plan.units.count)))
    }
}
