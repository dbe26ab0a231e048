/// `kind: limit` — how much each contributor serves stays within limits: hours in any rolling
/// window, rest between assignments, length of an unbroken block, weeks served in a year.
///
/// ```yaml
/// - id: risk.weekly-hours
///   principle: risk-coverage
///   severity: warning
///   title: {fr: 48 heures par semaine glissante, en: 48 hours in any 7 days}
///   kind: limit
///   where: assignment.kind in ["garde", "astreinte"]
///   max_hours: 48          # in any rolling `window` (default 7d)
///   window: 7d
///   min_rest_hours: 11     # between consecutive blocks
///   max_block_hours: 13    # an unbroken block (overlapping or touching assignments merged)
///   # max_weeks: 18        # Monday-based weeks with a counted assignment in any `weeks_window` (default 365d)
/// ```
///
/// Windows are rolling and in real time (a 7d window over the spring DST change ends one local
/// hour later than it started); a contributor's overlapping or touching assignments are merged
/// first, so an hour served twice counts once and a day guard followed by a night guard is one
/// 24 h block with no rest between. An assignment counts whole, also where it runs past the
/// checking period. A week counts for `max_weeks` when an assignment starts in it (local date,
/// Monday to Sunday), so a Monday-to-Monday on-call week counts once.
///
/// One result per contributor with counted assignments and per limit given (key: the limit's
/// name); a failure names the worst window in local time and the hours measured.
/// Complexity: O(n log n) in the number of assignments (one grouping by contributor, then
/// sorting, merging and two-pointer sweeps per contributor).
public struct LimitRule: RuleKind {
    public static let identifier = "limit"
    public static let summary = "Each contributor's hours in any rolling window, rests, unbroken blocks and weeks served stay within limits."
    public static let keys = ["where", "max_hours", "window", "min_rest_hours", "max_block_hours", "max_weeks",
                              "weeks_window", "message", "fix"]

    let filter: CompiledExpression?
    let maxHours: RuleNumber?
    let window: Int64
    let minRest: RuleNumber?
    let maxBlock: RuleNumber?
    let maxWeeks: RuleNumber?
    let weeksWindowDays: Int64
    let environment: ExpressionEnvironment
    let message: MessageTemplate?
    let fix: MessageTemplate?

    /// Variables `message:`/`fix:` may use besides `contributor`: `limit_name` (`max_hours`…),
    /// `measured` and `limit` (hours or weeks), `window_start`/`window_end` (local times),
    /// `others` (other short rests or long blocks).
    static let templateVariables: [String: ExprType] = [
        "limit_name": .string, "measured": .double, "limit": .double, "window_start": .string,
        "window_end": .string, "others": .int,
    ]

    public static func parse(_ r: inout MappingReader, context: RuleContext) -> LimitRule? {
        let env = RiskBinding.assignmentEnvironment(context, extra: templateVariables)
        let filter = r.optional("where").flatMap { RuleExpressions.boolean($0, "where", env, &r) }
        let maxHours = RuleNumber.read(&r, "max_hours", context: context, minimum: 0)
        let window = RuleDuration.read(&r, "window")
        let minRest = RuleNumber.read(&r, "min_rest_hours", context: context, minimum: 0)
        let maxBlock = RuleNumber.read(&r, "max_block_hours", context: context, minimum: 0)
        let maxWeeks = RuleNumber.read(&r, "max_weeks", context: context, integer: true, minimum: 0)
        let weeksWindow = RuleDuration.read(&r, "weeks_window")
        let (message, fix, ok) = RiskTemplates.read(&r, env)
        let given = ["max_hours", "min_rest_hours", "max_block_hours", "max_weeks"].filter { r.node[$0] != nil }
        if given.isEmpty {
            r.report(.error(at: r.node.location, "\(r.what) of kind 'limit' sets no limit; give max_hours (with window), min_rest_hours, max_block_hours or max_weeks"))
        }
        if r.node["window"] != nil && r.node["max_hours"] == nil, let node = r.node["window"] {
            r.report(.error(at: node.location, "'window' in \(r.what) applies to 'max_hours', which is not given; add max_hours or remove window"))
        }
        if r.node["weeks_window"] != nil && r.node["max_weeks"] == nil, let node = r.node["weeks_window"] {
            r.report(.error(at: node.location, "'weeks_window' in \(r.what) applies to 'max_weeks', which is not given; add max_weeks or remove weeks_window"))
        }
        if let w = weeksWindow, w % 86_400 != 0, let node = r.node["weeks_window"] {
            r.report(.error(at: node.textStart, "'weeks_window' in \(r.what) counts whole days; write it like 365d or 52w"))
        }
        guard ok, r.diagnostics.isEmpty else { return nil }
        return LimitRule(filter: filter, maxHours: maxHours, window: window ?? 7 * 86_400, minRest: minRest,
                         maxBlock: maxBlock, maxWeeks: maxWeeks, weeksWindowDays: (weeksWindow ?? 365 * 86_400) / 86_400,
                         environment: env, message: message, fix: fix)
    }

    /// What one limit measured for one contributor.
    struct Measure {
        var name: String
        var failed: Bool
        /// Hours or weeks measured, and the limit.
        var measured: Double
        var limit: Double
        var window: Timeline.Span?
        var others: Int
        var message: String
        var fix: String?
        var measuredText: String
        var expectedText: String
    }

    public func evaluate(_ context: EvaluationContext) -> [RuleResult] {
        var limits: [String: Double] = [:]
        for number in [maxHours, minRest, maxBlock, maxWeeks].compactMap({ $0 }) {
            switch number.value(in: context) {
            case .success(let v): limits[number.key] = v
            case .failure(let f): return [.failure(f, context)]
            }
        }
        let data = context.data
        var activation = RuleExpressions.activation(environment, context)
        let groups = ContributorAssignments(context, filter: filter, activation: &activation)
        var results: [RuleResult] = []
        for (ci, list) in groups.counted {
            let person = data.contributors[ci]
            let spans = list.map { Timeline.Span(data.assignments[$0].start, data.assignments[$0].end) }
            var measures: [Measure] = []
            if let limit = limits["max_hours"] { measures.append(hoursInWindow(person, spans, limit, data)) }
            if let limit = limits["min_rest_hours"] { measures.append(rests(person, spans, limit, data)) }
            if let limit = limits["max_block_hours"] { measures.append(blocks(person, spans, limit, data)) }
            if let limit = limits["max_weeks"] { measures.append(weeks(person, list, limit, data)) }
            let doubt = groups.doubt(of: ci, data)
            for m in measures {
                // The first counted assignment inside the worst window, for the location.
                // For a rest, the assignment right after it (the one to move).
                let at = m.window.flatMap { w in list.first { data.assignments[$0].end > w.start && data.assignments[$0].start < w.end }
                    ?? list.first { data.assignments[$0].start == w.end } }
                    ?? list.first
                let a = at.map { data.assignments[$0] }
                if m.failed {
                    var text = m.message, fixText = m.fix
                    if message != nil || fix != nil {
                        activation["contributor"] = .object(person)
                        if let a { RiskBinding.bind(a, data, &activation) }
                        activation["limit_name"] = .string(m.name)
                        activation["measured"] = .double(m.measured)
                        activation["limit"] = .double(m.limit)
                        activation["window_start"] = m.window.map { .string(LocalTime.format(utc: $0.start, in: data.timeZone)) }
                        activation["window_end"] = m.window.map { .string(LocalTime.format(utc: $0.end, in: data.timeZone)) }
                        activation["others"] = .int(Int64(m.others))
                        if let message { text = message.render(activation, lang: context.lang) }
                        if let fix { fixText = fix.render(activation, lang: context.lang) }
                    }
                    results.append(RuleResult(.fail, subject: person.subject, message: text, location: a?.location ?? person.location,
                                              path: a?.path ?? person.path, measured: m.measuredText, expected: m.expectedText,
                                              fix: fixText, key: m.name))
                } else if let doubt {
                    results.append(RuleResult(.indeterminate, subject: person.subject, message: doubt.message,
                                              location: person.location, path: person.path, missing: doubt.missing, key: m.name))
                } else {
                    results.append(RuleResult(.pass, subject: person.subject, key: m.name))
                }
            }
        }
        return results
    }

    func hoursInWindow(_ person: Contributor, _ spans: [Timeline.Span], _ limit: Double, _ data: ServiceData) -> Measure {
        let zone = data.timeZone
        let windowText = windowName(window)
        guard let (total, worst) = Timeline.maxLoad(spans, width: window) else {
            return Measure(name: "max_hours", failed: false, measured: 0, limit: limit, window: nil, others: 0, message: "",
                           measuredText: "0 h", expectedText: "")
        }
        let hours = Double(total) / 3600
        let failed = hours > limit
        return Measure(name: "max_hours", failed: failed, measured: hours, limit: limit, window: worst, others: 0,
                       message: "\(person.id) serves \(KindTime.hours(total)) h in the \(windowText) \(KindTime.span(worst, zone)), more than \(numberText(limit)) h",
                       fix: "spread or reassign \(numberText(hours - limit)) h of \(person.id)'s assignments in \(KindTime.span(worst, zone))",
                       measuredText: "\(KindTime.hours(total)) h in \(KindTime.key(worst, zone))",
                       expectedText: "at most \(numberText(limit)) h in any \(windowText)")
    }

    func rests(_ person: Contributor, _ spans: [Timeline.Span], _ limit: Double, _ data: ServiceData) -> Measure {
        let zone = data.timeZone
        let minimum = Int64((limit * 3600).rounded())
        let short = Timeline.shortRests(spans, minimum: minimum)
        guard let worst = short.min(by: { ($0.length, $0.start) < ($1.length, $1.start) }) else {
            return Measure(name: "min_rest_hours", failed: false, measured: 0, limit: limit, window: nil, others: 0, message: "",
                           measuredText: "", expectedText: "")
        }
        let others = short.count - 1
        let more = others > 0 ? "; \(others) other rest\(others == 1 ? " is" : "s are") short too" : ""
        return Measure(name: "min_rest_hours", failed: true, measured: Double(worst.length) / 3600, limit: limit, window: worst,
                       others: others,
                       message: "\(person.id) rests only \(KindTime.hours(worst.length)) h (\(KindTime.span(worst, zone))), less than \(numberText(limit)) h\(more)",
                       fix: "move the assignment of \(person.id) starting \(LocalTime.format(utc: worst.end, in: zone)) to \(LocalTime.format(utc: worst.start + minimum, in: zone)) or later, or give it to someone else",
                       measuredText: "rest of \(KindTime.hours(worst.length)) h in \(KindTime.key(worst, zone))",
                       expectedText: "rests of at least \(numberText(limit)) h")
    }

    func blocks(_ person: Contributor, _ spans: [Timeline.Span], _ limit: Double, _ data: ServiceData) -> Measure {
        let zone = data.timeZone
        let maximum = Int64((limit * 3600).rounded())
        let long = Timeline.merge(spans).filter { $0.length > maximum }
        guard let worst = long.max(by: { ($0.length, -$0.start) < ($1.length, -$1.start) }) else {
            return Measure(name: "max_block_hours", failed: false, measured: 0, limit: limit, window: nil, others: 0, message: "",
                           measuredText: "", expectedText: "")
        }
        let others = long.count - 1
        let more = others > 0 ? "; \(others) other block\(others == 1 ? " is" : "s are") too long" : ""
        return Measure(name: "max_block_hours", failed: true, measured: Double(worst.length) / 3600, limit: limit, window: worst,
                       others: others,
                       message: "\(person.id) serves \(KindTime.hours(worst.length)) h without a break (\(KindTime.span(worst, zone))), more than \(numberText(limit)) h\(more)",
                       fix: "split the block of \(person.id) in \(KindTime.span(worst, zone)) between contributors",
                       measuredText: "block of \(KindTime.hours(worst.length)) h in \(KindTime.key(worst, zone))",
                       expectedText: "blocks of at most \(numberText(limit)) h")
    }

    func weeks(_ person: Contributor, _ list: [Int], _ limit: Double, _ data: ServiceData) -> Measure {
        let zone = data.timeZone
        // Monday (day number) of the local week each assignment starts in, distinct, sorted.
        var mondays: [Int64] = []
        for i in list {
            let d = LocalDates.date(data.assignments[i].start, zone)
            mondays.append(d.daysSinceEpoch - Int64(d.weekday))
        }
        mondays.sort()
        var distinct: [Int64] = []
        for m in mondays where distinct.last != m { distinct.append(m) }
        // The most weeks whose Mondays fall in one window of `weeksWindowDays` days.
        var best = 0, bestFrom = 0, j = 0
        for i in distinct.indices {
            while distinct[i] - distinct[j] >= weeksWindowDays { j += 1 }
            if i - j + 1 > best { best = i - j + 1; bestFrom = j }
        }
        let first = CivilDate(daysSinceEpoch: distinct.isEmpty ? 0 : distinct[bestFrom])
        let last = CivilDate(daysSinceEpoch: distinct.isEmpty ? 0 : distinct[bestFrom + max(0, best - 1)])
        let windowSpan = Timeline.Span(zone.startOfDay(first), zone.startOfDay(CivilDate(daysSinceEpoch: last.daysSinceEpoch + 7)))
        let failed = Double(best) > limit
        return Measure(name: "max_weeks", failed: failed, measured: Double(best), limit: limit, window: windowSpan, others: 0,
                       message: "\(person.id) serves in \(best) weeks within \(weeksWindowDays) days (weeks of \(first.iso) to \(last.iso)), more than \(numberText(limit))",
                       fix: "give \(numberText(Double(best) - limit)) of these weeks of \(person.id) to other contributors",
                       measuredText: "\(best) weeks from \(first.iso) to \(last.iso)",
                       expectedText: "at most \(numberText(limit)) weeks in any \(weeksWindowDays) days")
    }

    func windowName(_ seconds: Int64) -> String {
        if seconds % 86_400 == 0 { return "\(seconds / 86_400) days" }
        if seconds % 3600 == 0 { return "\(seconds / 3600) hours" }
        return "\(seconds / 60) minutes"
    }
}
