/// `kind: resilience` — coverage still holds if any one contributor (or any `absences`) is
/// absent: no unit depends on a single person.
///
/// ```yaml
/// - id: cont.staffing-resilience
///   principle: continuity
///   severity: warning
///   title: {fr: Pas de dépendance à une seule personne, en: No single point of failure}
///   kind: resilience
///   units: unit.kind == 'station'
///   absences: 1          # default 1; params.x allowed
///   # and every key of coverage: where, min, position, hours, demand, slots, required
/// ```
/// Findings name each contributor whose absence (with up to `absences - 1` others) opens a
/// gap, with the merged spans where it would, and as fix who is free over the first of them.
/// Where coverage already fails, that is coverage's finding, not resilience's: only instants
/// where the requirement is certainly met are examined. Where undecided assignments would
/// change the answer, the result is indeterminate.
///
/// Complexity: that of coverage, O(n log n) in the unit's assignments, plus the size of the
/// output (each segment's people).
public struct ResilienceRule: UnitRangedKind {
    public static let identifier = "resilience"
    public static let summary = "Coverage still holds if any one contributor (or a given number) is absent."
    /// Heavy on large data (coverage, then every single absence), but split into ranges of
    /// units there, like coverage: its parts fill the cores after the rules that cannot split.
    public static let relativeCost = 1
    public static let keys = CoverageSpec.keys + ["absences", "message", "fix"]
    static let messageVariables: [String: ExprType] = [
        "unit": .object("unit"), "contributor": .object("contributor"), "spans": .list(.string), "hours": .double,
        "absences": .int, "position": .string, "candidates": .list(.string),
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
    public func parts(_ context: EvaluationContext) -> Int { spec.parts(context, extra: absences) }

    func evaluate(_ context: EvaluationContext, units: Range<Int>) -> [RuleResult] {
        let k: Int
        switch absences.value(in: context) {
        case .failure(let f): return [.failure(f, context)]
        case .success(let v): k = Int(v)
        }
        let zone = context.data.timeZone
        var run = CoverageRun(spec, context)
        var candidates = CandidateFinder(spec: spec, context: context)
        var results: [RuleResult] = []
        // One activation for every finding: each sets all the variables the texts may read.
        var a = messages.activation(context)
        run.forEachRequirement(into: &results, units: units) { unit, requirement, analysis in
            var fragile: [Int: [Timeline.Span]] = [:]
            var undecided: [Timeline.Span] = []
            for (s, segment) in analysis.certain.enumerated() {
                let need = analysis.required(segment.span)
                let sure = segment.present.count
                let maybe = analysis.optimistic[s].present.count
                // Below the requirement: coverage reports it.
                guard need > 0, sure >= need else { continue }
                if maybe < need + k {
                    for who in segment.present { Self.add(segment.span, to: &fragile[who, default: []]) }
                } else if sure < need + k {
                    Self.add(segment.span, to: &undecided)
                }
            }
            var out: [RuleResult] = []
            let people = context.data.contributors
            for (who, spans) in fragile.sorted(by: { $0.key < $1.key }) {
                guard people.indices.contains(who) else { continue }
                let person = people[who]
                let seconds = spans.reduce(Int64(0)) { $0 + $1.length }
                let free = spans.first.map { candidates.find(unit: unit, position: requirement.position, span: $0) } ?? []
                a["unit"] = KindValues.unit(unit, context.data.unitValues)
                a["contributor"] = .object(person)
                a["spans"] = .list(spans.map { .string(KindTime.span($0, zone)) })
                a["hours"] = .double(Double(seconds) / 3600)
                a["absences"] = .int(Int64(k))
                a["position"] = requirement.position.map(Value.string)
                a["candidates"] = .list(free.map { .string($0) })
                // The default texts, only built when the rule has no template of its own.
                func text() -> String {
                    let role = requirement.position.map { " for \($0)" } ?? ""
                    let who = k == 1 ? "\(person.id) alone" : "\(person.id) and \(k - 1) other\(k == 2 ? "" : "s") being absent"
                    return k == 1
                        ? "unit \(unit.id) depends on \(who)\(role) on \(KindTime.list(spans, zone)) (\(KindTime.hours(seconds)) h)"
                        : "unit \(unit.id) falls short\(role) with \(who) on \(KindTime.list(spans, zone)) (\(KindTime.hours(seconds)) h)"
                }
                var firstSpan: String { spans.first.map { KindTime.span($0, zone) } ?? "" }
                out.append(RuleResult(.fail, subject: unit.subject, message: messages.message(a, context, default: text()),
                                      location: requirement.location, path: requirement.path,
                                      measured: "\(KindTime.hours(seconds)) h depend on \(person.id)",
                                      expected: "coverage with \(k) absent",
                                      fix: messages.fix(a, context, default: free.isEmpty
                                          ? "no other contributor of unit \(unit.id) is free and eligible on \(firstSpan); recruit a backup"
                                          : "free to back up on \(firstSpan): \(free.joined(separator: ", "))"),
                                      key: "\(requirement.key) \(person.id)"))
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
