/// `kind: resilience` — coverage still holds if any one contributor (or any `absences`) is
/// absent, counting the reserve: no unit depends on people nobody can replace.
///
/// ```yaml
/// - id: cont.staffing-resilience
///   principle: continuity
///   severity: warning
///   title: {fr: Pas de dépendance à une seule personne, en: No single point of failure}
///   kind: resilience
///   units: unit.kind == 'station'
///   absences: 1          # default 1; params.x allowed
///   # and every key of coverage: where, min, position, hours, demand, slots, required, engagements
/// ```
/// At each instant where the requirement is certainly met, `absences` absences are absorbed by
/// the people present beyond the minimum, then by the **reserve** — members of the unit who are
/// free then (no duty or on-call assignment), for whom `where` holds, and, where the roster
/// carries declared availability for the unit, who declared themselves available over the
/// whole instant's segment — and otherwise by the unit's declared fallback (any mode but
/// `none`). What remains is reported once per unit, requirement and maximal span, naming the
/// people the span hangs on. Where coverage already fails, that is coverage's finding. Where
/// undecided assignments would change the answer, the result is indeterminate.
///
/// Complexity: that of coverage, O(n log n) in the unit's assignments, plus, for each segment
/// without slack, a walk of the unit's members until enough reserve is found.
public struct ResilienceRule: UnitRangedKind {
    public static let identifier = "resilience"
    public var subject: RecordCollection? { .units }
    public static let summary = "Coverage still holds if any one contributor (or a given number) is absent, counting the free reserve and the fallback."
    /// Heavy on large data (coverage, then every single absence), but split into ranges of
    /// units there, like coverage: its parts fill the cores after the rules that cannot split.
    public static let relativeCost = 1
    public static let properties: [SchemaProperty] = RuleFileSchema.coverageSpec + [
        SchemaProperty("absences", RuleFileSchema.integer, "How many contributors may be absent at once (default 1)."),
        RuleFileSchema.message, RuleFileSchema.fix,
    ]
    static let messageVariables: [String: ExprType] = [
        "unit": .object("unit"), "people": .list(.string), "span": .string, "hours": .double,
        "absences": .int, "position": .string, "candidates": .list(.string), "required": .int, "present": .int,
        "reserve": .int, "availability_declared": .bool,
    ]

    let spec: CoverageSpec
    let absences: RuleNumber
    let messages: KindMessages

    public static func parse(_ r: inout MappingReader, context: RuleContext) -> ResilienceRule? {
        let spec = CoverageSpec.read(&r, context: context)
        let absences = RuleNumber.read(&r, "absences", context: context, integer: true, minimum: 1, maximum: 1000)
        let absencesGiven = r.node["absences"] != nil
        let messages = KindMessages.read(&r, context: context, variables: messageVariables)
        guard let spec, absences != nil || !absencesGiven, r.diagnostics.isEmpty else { return nil }
        return ResilienceRule(spec: spec, absences: absences ?? .literal(1, key: "absences"), messages: messages)
    }

    /// Large data splits into ranges of units (see `CoverageSpec.parts`).
    public func workload(_ context: EvaluationContext) -> Int { spec.workload(context, extra: absences) }

    /// A maximal span where the absences are not absorbed.
    struct Shortfall {
        var span: Timeline.Span
        var people: Set<Int>
        var required: Int
        var present: Int
        var reserve: Int
    }

    func evaluate(_ context: EvaluationContext, units: Range<Int>) -> [RuleResult] {
        let k: Int
        switch absences.value(in: context) {
        case .failure(let f): return [.failure(f, context)]
        case .success(let v): k = Int(v)
        }
        let zone = context.data.timeZone
        var run = CoverageRun(spec, context)
        let byUnit = context.unitAssignments
        var candidates = CandidateFinder(spec: spec, context: context)
        var results: [RuleResult] = []
        // One activation for every finding: each sets all the variables the texts may read.
        var a = messages.activation(context)
        run.forEachRequirement(into: &results, units: units) { unit, requirement, analysis in
            // A declared fallback takes over whatever the unit's people cannot.
            if let fallback = unit.fallback, fallback.mode != "none" { return [] }
            let data = context.data
            let declared = byUnit.byUnit[unit.index].contains { data.assignments[$0].engagement == .availability }
            var shortfalls: [Shortfall] = []
            var undecided: [Timeline.Span] = []
            for (s, segment) in analysis.certain.enumerated() {
                let need = analysis.required(segment.span)
                let sure = segment.present.count
                let maybe = analysis.optimistic[s].present.count
                // Below the requirement: coverage reports it.
                guard need > 0, sure >= need else { continue }
                guard maybe < need + k else {
                    if sure < need + k { Self.add(segment.span, to: &undecided) }
                    continue
                }
                let deficit = need + k - maybe
                let reserve = candidates.find(unit: unit, position: requirement.position, span: segment.span,
                                              limit: deficit, declared: declared).count
                guard reserve < deficit else { continue }
                if let last = shortfalls.last, last.span.end == segment.span.start {
                    shortfalls[shortfalls.count - 1].span.end = segment.span.end
                    shortfalls[shortfalls.count - 1].people.formUnion(segment.present)
                    shortfalls[shortfalls.count - 1].present = min(last.present, sure)
                    shortfalls[shortfalls.count - 1].reserve = min(last.reserve, reserve)
                    shortfalls[shortfalls.count - 1].required = max(last.required, need)
                } else {
                    shortfalls.append(Shortfall(span: segment.span, people: Set(segment.present), required: need,
                                                present: sure, reserve: reserve))
                }
            }
            var out: [RuleResult] = []
            let people = data.contributors
            for short in shortfalls {
                let ids = short.people.filter { people.indices.contains($0) }.sorted().map { people[$0].id }
                let seconds = short.span.length
                let spanText = KindTime.span(short.span, zone)
                let free = candidates.find(unit: unit, position: requirement.position, span: short.span)
                a["unit"] = KindValues.unit(unit, data.unitValues)
                a["people"] = .list(ids.map { .string($0) })
                a["span"] = .string(spanText)
                a["hours"] = .double(Double(seconds) / 3600)
                a["absences"] = .int(Int64(k))
                a["position"] = requirement.position.map(Value.string)
                a["candidates"] = .list(free.map { .string($0) })
                a["required"] = .int(Int64(short.required))
                a["present"] = .int(Int64(short.present))
                a["reserve"] = .int(Int64(short.reserve))
                a["availability_declared"] = .bool(declared)
                // The default texts, only built when the rule has no template of its own.
                func text() -> String {
                    let role = requirement.position.map { " \($0)" } ?? ""
                    let absent = k == 1 ? "one absence" : "\(k) absences"
                    return "unit \(unit.id), \(spanText) (\(KindTime.hours(seconds)) h): \(short.present) present for \(short.required)\(role) required, no \(declared ? "reserve declared available" : "free reserve") and no fallback: \(absent) among \(ids.joined(separator: ", ")) leaves it short"
                }
                let fixText = free.isEmpty
                    ? "no other member of unit \(unit.id) is free and eligible then: recruit, or declare a fallback"
                    : (declared ? "free but not declared available then: \(free.joined(separator: ", "))" : "free then: \(free.joined(separator: ", "))")
                out.append(RuleResult(.fail, subject: unit.subject, message: messages.message(a, context, default: text()),
                                      location: requirement.location, path: requirement.path,
                                      measured: "\(short.present) present, reserve \(short.reserve)",
                                      expected: "\(short.required) + \(k) absent",
                                      fix: messages.fix(a, context, default: fixText),
                                      key: "\(requirement.key) \(KindTime.key(short.span, zone))"))
            }
            if !undecided.isEmpty {
                out.append(RuleResult(.indeterminate, subject: unit.subject,
                                      message: "unit \(unit.id): cannot decide whether coverage survives \(k) absence\(k == 1 ? "" : "s") on \(KindTime.list(undecided, zone)): missing \(analysis.missing.joined(separator: ", "))",
                                      location: requirement.location, path: requirement.path,
                                      missing: analysis.missing, key: "\(requirement.key) undecided"))
            }
            return out
        }
        return results
    }

    /// Appends a span, joining it to the last one when they touch.
    private static func add(_ span: Timeline.Span, to spans: inout [Timeline.Span]) {
        if let last = spans.last, last.end == span.start {
            spans[spans.count - 1].end = span.end
        } else {
            spans.append(span)
        }
    }
}
