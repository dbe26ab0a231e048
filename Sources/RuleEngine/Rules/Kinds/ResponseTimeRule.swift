import Foundation

/// `kind: response_time` — for every commune and every promised instant, the fastest unit
/// staffed then reaches the commune within the target of its risk level (the plan's
/// `territory.response`: targets by risk, travel times from units to communes).
///
/// ```yaml
/// - id: spv.response-time
///   principle: equality
///   severity: error
///   title: {fr: Délai d'arrivée des secours par commune, en: Response time per commune}
///   references: ["CGCT L1424-7"]
///   kind: response_time
///   units: unit.kind == 'station'   # optional: the units that respond
///   where: contributor.medical.fit == true   # optional: assignments that count in staffing
///   engagements: [duty, on_call]    # optional; default duty and on-call, never declared availability
///   min: 4                          # optional: staffed = at least 4 present; default the plan's unit.staffing
///   hours: "24/7"                   # optional: the promised hours; default the plan's opening hours
/// ```
///
/// A unit responds while it is *staffed*: open, and every staffing requirement the `coverage`
/// kind would check is met (the same keys, read by the same code). For each commune, the spans
/// of the promised hours where no unit within the target of the commune's risk is staffed are
/// findings — one per commune and maximal span — with the first engine's time then (the
/// fastest slower unit staffed over the whole span), the target, the population affected, and
/// the unit whose shortfall caused it (the fastest unit within target open then, which would
/// have been in time had it been staffed). A commune with no risk level, no target for its
/// risk or no travel time is indeterminate, never a pass; so are spans beyond target only if
/// assignments whose `where:` cannot be decided do not count.
///
/// Complexity: one coverage sweep per unit of the travel table (O(n log n) in its assignments),
/// then per commune a union of the staffed spans of its units within target: O(k·s log s) for
/// k units in its table and s staffed spans each. Nothing is computed hour by hour.
public struct ResponseTimeRule: RuleKind {
    public static let identifier = "response_time"
    public var subject: RecordCollection? { .communes }
    public static let summary = "Each commune is reached within the response-time target of its risk level by a unit staffed at that time, at every promised hour."
    public static let properties: [SchemaProperty] = [
        RuleFileSchema.units,
        RuleFileSchema.filter(over: "assignments"),
        SchemaProperty("min", RuleFileSchema.integer, "Staffed means at least this many distinct contributors present (absent: the plan's unit staffing)."),
        SchemaProperty("position", .string(), "The position required, with min."),
        SchemaProperty("hours", .string(), "The promised hours, when the targets must hold (opening-hours syntax); default the plan's opening hours."),
        RuleFileSchema.coverageSpec[8],
        RuleFileSchema.message, RuleFileSchema.fix,
    ]
    public static let relativeCost = 2
    static let messageVariables: [String: ExprType] = [
        "commune": .object("commune"), "span": .string, "span_start": .timestamp, "span_end": .timestamp,
        "minutes": .double, "minutes_text": .string, "reached": .bool, "target": .double, "risk": .string, "cause": .string,
        "cause_minutes": .double, "population_text": .string,
    ]

    let spec: CoverageSpec
    let hours: OpeningHours?
    let messages: KindMessages

    public static func parse(_ r: inout MappingReader, context: RuleContext) -> ResponseTimeRule? {
        // What staffed means: coverage's keys, without its attendance form (a station is staffed
        // by its crew, not by a demand per slot).
        let staffed = CoverageSpec.Staffed.read(&r, context: context)
        if staffed.position != nil, staffed.minimum == nil, r.node["min"] == nil, let node = r.node["position"] {
            r.report(.error(at: node.location, "'position' goes with 'min'; without 'min' the plan's staffing gives each position its minimum"))
        }
        // `hours:` here is when the service promises to respond, not when a requirement applies.
        let hours = KindKeys.openingHours(&r, "hours")
        let engagements = CoverageSpec.readEngagements(&r)
        let messages = KindMessages.read(&r, context: context, variables: messageVariables)
        guard r.diagnostics.isEmpty else { return nil }
        let spec = CoverageSpec(units: staffed.units, filter: staffed.filter,
                                demand: staffed.minimum.map { .minimum($0) } ?? .staffing, position: staffed.position, hours: nil,
                                engagements: engagements)
        return ResponseTimeRule(spec: spec, hours: hours, messages: messages)
    }

    /// The analysis this rule makes of `context`, for reports that draw it.
    func analysis(_ context: EvaluationContext) -> ResponseAnalysis? {
        ResponseAnalysis(spec, hours: hours, context)
    }

    public func evaluate(_ context: EvaluationContext, part: RulePart, into sink: inout ResultSink) {
        sink.add(contentsOf: results(context))
    }

    func results(_ context: EvaluationContext) -> [RuleResult] {
        let data = context.data
        guard let analysis = analysis(context) else {
            return [RuleResult(.indeterminate, subject: data.plan.subject,
                               message: "cannot check response times: the plan gives no response-time targets and travel times (territory.response)",
                               location: data.plan.location, path: "plan.territory", missing: ["territory.response"], key: "response")]
        }
        var results = analysis.side
        var a = messages.activation(context)
        let zone = data.timeZone
        for commune in data.plan.territory.zones.flatMap(\.communes) {
            switch analysis.outcome(commune) {
            case .unsettled(let why, let missing):
                results.append(RuleResult(.indeterminate, subject: commune.subject, message: "cannot check the response time of commune \(commune.insee): \(why)",
                                          location: commune.location, path: commune.path, missing: missing, key: "response"))
            case .measured(let target, _, let beyond, let undecided):
                let before = results.count
                for b in beyond {
                    results.append(finding(b, commune, target, analysis.cover, &a, context))
                }
                for span in undecided {
                    results.append(RuleResult(.indeterminate, subject: commune.subject,
                                              message: "commune \(commune.insee), \(KindTime.span(span, zone)): cannot decide whether a unit within \(minutesText(target.maxMinutes)) min is staffed: some assignments' 'where' cannot be decided",
                                              location: commune.location, path: commune.path, expected: "at most \(minutesText(target.maxMinutes)) min",
                                              missing: ["assignment data of the units within target"], key: "undecided \(KindTime.key(span, zone))"))
                }
                if results.count == before { results.append(RuleResult(.pass, subject: commune.subject, key: "response")) }
            }
        }
        return results
    }

    private func finding(_ b: ResponseAnalysis.Beyond, _ commune: Commune, _ target: ResponseTarget, _ cover: ResponseCover,
                         _ a: inout Activation, _ context: EvaluationContext) -> RuleResult {
        let data = context.data
        let spanText = KindTime.span(b.span, data.timeZone)
        let name = commune.name.map { " (\($0))" } ?? ""
        let people = commune.population.map { "\($0) inhabitants" } ?? "population unknown"
        let measured = b.worstMinutes.map { "\(minutesText($0)) min" } ?? "no unit of the travel table staffed"
        let causeID = b.cause.map { data.plan.units[$0.unit].id }
        var text = "commune \(commune.insee)\(name), risk \(target.risk), \(people): \(spanText): "
        text += b.worstMinutes.map { "first engine in \(minutesText($0)) min" } ?? "no unit of the travel table staffed at some time"
        text += ", target \(minutesText(target.maxMinutes)) min"
        let fix: String
        if let cause = b.cause, let causeID {
            text += "; \(causeID) (\(minutesText(cause.minutes)) min) is below its staffing then"
            fix = "staff \(causeID) over \(spanText), or cover commune \(commune.insee) from another unit within \(minutesText(target.maxMinutes)) min"
        } else {
            text += "; no unit within \(minutesText(target.maxMinutes)) min is open then"
            fix = "no unit reaches commune \(commune.insee) within \(minutesText(target.maxMinutes)) min over \(spanText); open or staff one closer, or review the target with the SDACR"
        }
        a["commune"] = .object(commune)
        a["span"] = .string(spanText)
        a["span_start"] = .timestamp(Instant(seconds: b.span.start))
        a["span_end"] = .timestamp(Instant(seconds: b.span.end))
        a["minutes"] = b.worstMinutes.map { .double($0) }
        a["minutes_text"] = b.worstMinutes.map { .string(minutesText($0)) }
        a["reached"] = .bool(b.worstMinutes != nil)
        a["cause_minutes"] = b.cause.map { .double($0.minutes) }
        a["population_text"] = .string(commune.population.map(String.init) ?? "?")
        a["target"] = .double(target.maxMinutes)
        a["risk"] = .string(target.risk)
        a["cause"] = .string(causeID ?? "")
        let source = cover.reference.map { " (\($0))" } ?? ""
        return RuleResult(.fail, subject: commune.subject, message: messages.message(a, context, default: text),
                          location: commune.location, path: commune.path, measured: measured,
                          expected: "at most \(minutesText(target.maxMinutes)) min for risk \(target.risk)\(source)",
                          fix: messages.fix(a, context, default: fix), key: "beyond \(KindTime.key(b.span, data.timeZone))")
    }
}

/// Minutes as a short decimal: `12`, `7.5`.
func minutesText(_ m: Double) -> String {
    m == m.rounded() && abs(m) < 1e9 ? String(Int(m)) : String(format: "%.1f", m)
}
