/// `kind: average_hours` — each contributor's average weekly hours over a reference period
/// stay within a limit, as directive 2003/88 writes its 48 hours (art. 6(b) with art. 16(b)).
///
/// ```yaml
/// - id: risk.weekly-hours
///   principle: risk-coverage
///   severity: warning
///   title: {fr: 48 heures en moyenne, en: 48 hours on average}
///   kind: average_hours
///   where: assignment.engagement == 'duty'
///   max_average_hours: 48      # per 7 days, on average
///   reference_weeks: 17        # the averaging period in weeks (four months at most in the directive)
/// ```
///
/// Hours are real elapsed time, a contributor's overlapping or touching assignments merged
/// first. When the checking period is at least the reference period, the average is taken over
/// every window of that length (the worst one is reported). When the data covers less — a plan
/// of a few weeks against a four-month reference —, the rule says only what the data decides:
/// - **fail** when the hours in the data already exceed the limit times the reference period's
///   weeks (even with no service in the rest of the period, the average is over);
/// - **pass** when the hours average within the limit over the weeks the data covers;
/// - otherwise **indeterminate**: lawful only if the rest of the reference period averages under
///   a figure the finding gives (`needed_average`), which the data cannot tell.
///
/// One result per contributor with counted assignments. Complexity: O(n log n) in the number of
/// assignments (grouped by contributor once, merged, one two-pointer sweep each).
public struct AverageHoursRule: RuleKind {
    public static let identifier = "average_hours"
    public var subject: RecordCollection? { .contributors }
    public static let summary = "Each contributor's average weekly hours over a reference period (e.g. 48 h over four months) stay within a limit; what shorter data cannot decide is indeterminate."
    public static let relativeCost = 3
    public static let properties: [SchemaProperty] = [
        RuleFileSchema.filter(over: "assignments"),
        SchemaProperty("max_average_hours", RuleFileSchema.number, required: true, "The most hours per 7 days, on average over the reference period."),
        SchemaProperty("reference_weeks", RuleFileSchema.number, "The averaging period in weeks, 1 to 52 (default 17: about four months)."),
        RuleFileSchema.message, RuleFileSchema.fix,
    ]

    /// Variables `message:`/`fix:` may use besides `contributor` and `assignment` (the first
    /// counted assignment of the worst window): the hours in the data or worst window
    /// (`measured`), their weekly `average`, the `limit`, the weeks the data covers
    /// (`covered_weeks`) and the reference period's (`reference_weeks`), the average the rest of
    /// the reference period would have to keep (`needed_average`), `window_start`/`window_end`.
    static let templateVariables: [String: ExprType] = [
        "measured": .double, "average": .double, "limit": .double, "covered_weeks": .double,
        "reference_weeks": .double, "needed_average": .double, "window_start": .string, "window_end": .string,
    ]

    let filter: CompiledExpression?
    let maxAverage: RuleNumber
    /// The reference period in weeks (default 17, about four months).
    let referenceWeeks: RuleNumber?
    let environment: ExpressionEnvironment
    let message: MessageTemplate?
    let fix: MessageTemplate?

    public static func parse(_ r: inout MappingReader, context: RuleContext) -> AverageHoursRule? {
        let env = KindKeys.assignmentEnvironment(context, measures: templateVariables)
        let filter = r.optional("where").flatMap { RuleExpressions.boolean($0, "where", env, &r) }
        let maxAverage = RuleNumber.read(&r, "max_average_hours", context: context, minimum: 0, maximum: 168)
        if r.node["max_average_hours"] == nil, r.node.pairs != nil {
            r.report(.error(at: r.node.location, "\(r.what) of kind 'average_hours' needs 'max_average_hours' (hours per 7 days, on average)"))
        }
        let referenceWeeks = RuleNumber.read(&r, "reference_weeks", context: context, minimum: 1, maximum: 52)
        let (message, fix, ok) = RiskTemplates.read(&r, env)
        guard ok, let maxAverage, r.diagnostics.isEmpty else { return nil }
        return AverageHoursRule(filter: filter, maxAverage: maxAverage, referenceWeeks: referenceWeeks,
                                environment: env, message: message, fix: fix)
    }

    /// What the data decides for one contributor.
    struct Verdict {
        var outcome: Outcome
        /// Hours counted (in the worst window, or in the whole data).
        var seconds: Int64
        var window: Timeline.Span
        /// Weeks the hours are averaged over.
        var weeks: Double
        /// The weekly average the rest of the reference period must keep (indeterminate only).
        var needed: Double
    }

    public func evaluate(_ context: EvaluationContext, part: RulePart, into sink: inout ResultSink) {
        let limit: Double
        switch maxAverage.value(in: context) {
        case .success(let v): limit = v
        case .failure(let f): sink.add(.failure(f, context)); return
        }
        var weeks = 17.0
        if let referenceWeeks {
            switch referenceWeeks.value(in: context) {
            case .success(let v): weeks = v
            case .failure(let f): sink.add(.failure(f, context)); return
            }
        }
        let reference = Int64((weeks * 7 * 86_400).rounded())
        let data = context.data
        var activation = RuleExpressions.activation(environment, context)
        let groups = ContributorAssignments(context, filter: filter, activation: &activation)
        let period = Timeline.Span(context.period.startInstant, context.period.endInstant)
        for (ci, list) in groups.counted {
            let person = data.contributors[ci]
            let spans = Timeline.merge(list.map { Timeline.Span(data.assignments[$0].start, data.assignments[$0].end) })
            let verdict = judge(spans, period: period, limit: limit, reference: reference)
            if verdict.outcome == .pass, let doubt = groups.doubtResult(of: ci, person, data, key: "max_average_hours") {
                sink.add(doubt)
                continue
            }
            guard verdict.outcome != .pass else { sink.pass(person.subject, key: "max_average_hours"); continue }
            sink.add(finding(verdict, person, list, limit, reference: reference, context, &activation))
        }
    }

    /// The verdict over merged spans: a sliding reference window when the period holds one,
    /// else the bounds above.
    func judge(_ spans: [Timeline.Span], period: Timeline.Span, limit: Double, reference: Int64) -> Verdict {
        let limitSeconds = limit * 3600
        let referenceWeeks = Double(reference) / (7 * 86_400)
        if period.length >= reference {
            let (seconds, window) = Timeline.maxLoad(spans, width: reference) ?? (0, period)
            let over = Double(seconds) > limitSeconds * referenceWeeks
            return Verdict(outcome: over ? .fail : .pass, seconds: seconds, window: window, weeks: referenceWeeks, needed: 0)
        }
        let seconds = spans.reduce(Int64(0)) { $0 &+ $1.length }
        let coveredWeeks = Double(max(period.length, 1)) / (7 * 86_400)
        let window = Timeline.Span(spans.first?.start ?? period.start, spans.last?.end ?? period.end)
        if Double(seconds) > limitSeconds * referenceWeeks {
            return Verdict(outcome: .fail, seconds: seconds, window: window, weeks: coveredWeeks, needed: 0)
        }
        if Double(seconds) <= limitSeconds * coveredWeeks {
            return Verdict(outcome: .pass, seconds: seconds, window: window, weeks: coveredWeeks, needed: 0)
        }
        let needed = (limitSeconds * referenceWeeks - Double(seconds)) / 3600 / (referenceWeeks - coveredWeeks)
        return Verdict(outcome: .indeterminate, seconds: seconds, window: window, weeks: coveredWeeks, needed: needed)
    }

    private func finding(_ v: Verdict, _ person: Contributor, _ list: [Int], _ limit: Double, reference: Int64,
                         _ context: EvaluationContext, _ activation: inout Activation) -> RuleResult {
        let data = context.data
        let zone = data.timeZone
        let hours = Double(v.seconds) / 3600
        let average = hours / max(v.weeks, 1e-9)
        let referenceWeeks = Double(reference) / (7 * 86_400)
        let first = list.first { data.assignments[$0].end > v.window.start && data.assignments[$0].start < v.window.end } ?? list.first
        let a = first.map { data.assignments[$0] }
        let weeks = numberText(referenceWeeks)
        var text: String
        switch v.outcome {
        case .fail where v.weeks >= referenceWeeks:
            text = "\(person.id) averages \(numberText(average)) h a week over the \(weeks) weeks from \(LocalTime.format(utc: v.window.start, in: zone)), more than \(numberText(limit)) h"
        case .fail:
            text = "\(person.id) serves \(numberText(hours)) h in the \(numberText(v.weeks)) weeks of the data: even with no service in the rest of a \(weeks)-week reference period the average exceeds \(numberText(limit)) h a week"
        default:
            text = "\(person.id) averages \(numberText(average)) h a week over the \(numberText(v.weeks)) weeks of the data, more than \(numberText(limit)) h; lawful only if the rest of the \(weeks)-week reference period averages at most \(numberText(v.needed)) h a week, which the data does not show"
        }
        var fixText: String? = "reduce \(person.id)'s hours, or show the hours of the rest of the reference period"
        if message != nil || fix != nil {
            activation[slot: activation.contributorSlot] = .object(person)
            activation[slot: activation.assignmentSlot] = nil
            activation[slot: activation.unitSlot] = nil
            if let a { AssignmentBinder.bind(a, data, &activation) }
            activation["measured"] = .double((hours * 100).rounded() / 100)
            activation["average"] = .double((average * 100).rounded() / 100)
            activation["limit"] = .double(limit)
            activation["covered_weeks"] = .double((v.weeks * 100).rounded() / 100)
            activation["reference_weeks"] = .double((referenceWeeks * 100).rounded() / 100)
            activation["needed_average"] = .double((v.needed * 100).rounded() / 100)
            activation["window_start"] = .string(LocalTime.format(utc: v.window.start, in: zone))
            activation["window_end"] = .string(LocalTime.format(utc: v.window.end, in: zone))
            if let message { text = message.render(activation, lang: context.lang, planZone: zone) }
            if let fix { fixText = fix.render(activation, lang: context.lang, planZone: zone) }
        }
        return RuleResult(v.outcome, subject: person.subject, message: text, location: a?.location ?? person.location,
                          path: a?.path ?? person.path,
                          measured: "\(numberText(hours)) h in \(numberText(v.weeks)) weeks (average \(numberText(average)) h)",
                          expected: "an average of at most \(numberText(limit)) h a week over \(weeks) weeks",
                          fix: fixText, key: "max_average_hours")
    }
}
