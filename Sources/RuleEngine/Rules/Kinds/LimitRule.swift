/// `kind: limit` — how much each contributor (or group) serves stays within limits: hours in any
/// rolling window, rest between assignments, length of an unbroken block, weeks served in a year,
/// hours in each calendar week.
///
/// ```yaml
/// - id: risk.weekly-hours
///   principle: risk-coverage
///   severity: warning
///   title: {fr: 48 heures par semaine glissante, en: 48 hours in any 7 days}
///   kind: limit
///   where: assignment.kind in ["garde", "astreinte"]
///   max_hours: 48          # in any rolling `window` (default 7d)
///   window: 7d             # or `calendar: week` (also day, month): in each calendar week
///   min_rest_hours: 11     # between consecutive blocks
///   max_block_hours: 13    # an unbroken block (overlapping or touching assignments merged)
///   # max_weeks: 18        # Monday-based weeks with a counted assignment in any `weeks_window` (default 365d)
///   # min_hours: 4         # in each calendar week with promised hours
///   # group_by: contributor.family   # measure groups (subject `group:VALUE`) instead of people
/// ```
///
/// Windows are rolling and in real time (a 7d window over the spring DST change ends one local
/// hour later than it started); a contributor's overlapping or touching assignments are merged
/// first, so an hour served twice counts once and a day guard followed by a night guard is one
/// 24 h block with no rest between. An assignment counts whole, also where it runs past the
/// checking period. A week counts for `max_weeks` when an assignment starts in it (local date,
/// Monday to Sunday), so a Monday-to-Monday on-call week counts once.
///
/// With `calendar: week` (or `day`, `month`) instead of `window`, `max_hours` is measured per
/// calendar period of the plan's local time (weeks from Monday): each assignment counts whole
/// in the period of its local start (a Sunday 23:00 night counts in the week it starts), and
/// the assignments starting in one period are merged (overlaps count once). One failure per
/// contributor (or group) × period over the limit (key `max_hours 2026-03-23`, the first day); one pass
/// when none is.
///
/// One result per contributor with counted assignments (or per group) and per limit given (key:
/// the limit's name); a failure names the worst window in local time and the hours measured.
/// Complexity: O(n log n) in the number of assignments (one grouping by contributor, then
/// sorting, merging and two-pointer sweeps per contributor).
public struct LimitRule: RuleKind {
    public static let identifier = "limit"
    public var subject: RecordCollection? { .contributors }
    public static let summary = "Each contributor's (or group's) hours in any rolling window or calendar period, rests, unbroken blocks, weeks served and weekly hours stay within limits."
    /// Heavy on large data: every contributor's assignments, windows and rests.
    public static let relativeCost = 3
    public static let properties: [SchemaProperty] = [
        RuleFileSchema.filter(over: "assignments"),
        SchemaProperty("group_by", .expression, "Measure groups (subject group:VALUE) instead of people: an expression over contributor."),
        SchemaProperty("max_hours", RuleFileSchema.number, "The most hours in any rolling window."),
        SchemaProperty("window", RuleFileSchema.duration, "The rolling window of max_hours (default 7d)."),
        SchemaProperty("calendar", .choice([.string("day"), .string("week"), .string("month")]),
                       "Instead of window: max_hours in each calendar day, week (Monday to Sunday) or month, each assignment counted in the period of its start."),
        SchemaProperty("min_rest_hours", RuleFileSchema.number, "The least rest between consecutive blocks, in hours."),
        SchemaProperty("max_block_hours", RuleFileSchema.number, "The longest unbroken block, in hours."),
        SchemaProperty("compensated_block_hours", RuleFileSchema.number, "With max_block_hours: longer blocks up to this many hours are allowed when followed by a rest at least as long (compensatory rest)."),
        SchemaProperty("max_weeks", RuleFileSchema.integer, "The most weeks served in any weeks_window."),
        SchemaProperty("weeks_window", RuleFileSchema.duration, "The window of max_weeks (default 365d)."),
        SchemaProperty("min_hours", RuleFileSchema.number, "The least hours in each calendar week with promised hours."),
        RuleFileSchema.message, RuleFileSchema.fix,
    ]

    let filter: CompiledExpression?
    let groupBy: CompiledExpression?
    let maxHours: RuleNumber?
    let window: Int64
    /// `calendar:`: `max_hours` per calendar period instead of in a rolling window.
    let calendar: CalendarPeriod?
    let minRest: RuleNumber?
    let maxBlock: RuleNumber?
    /// `compensated_block_hours:`: a block longer than `max_block_hours` but at most this long is
    /// lawful when followed by a rest at least as long (directive 2003/88 art. 17(3)(c)(iii)).
    let compensatedBlock: RuleNumber?
    let maxWeeks: RuleNumber?
    let weeksWindowDays: Int64
    let minHours: RuleNumber?
    let environment: ExpressionEnvironment
    let message: MessageTemplate?
    let fix: MessageTemplate?

    /// Variables `message:`/`fix:` may use besides `contributor`: `limit_name` (`max_hours`…),
    /// `measured` and `limit` (hours or weeks), `window_start`/`window_end` (local times),
    /// `others` (other short rests or long blocks), `calendar_start` (with `calendar:`, the
    /// period's first day: `2026-03-23`).
    static let templateVariables: [String: ExprType] = [
        "limit_name": .string, "measured": .double, "limit": .double, "window_start": .string,
        "window_end": .string, "others": .int, "group": .string, "calendar_start": .string,
    ]

    /// The calendar periods of `calendar:`, in the plan's local time.
    enum CalendarPeriod: String, CaseIterable, Sendable {
        case day, week, month

        /// The first day of the period holding `date`.
        func first(of date: CivilDate) -> CivilDate {
            switch self {
            case .day: date
            case .week: CivilDate(daysSinceEpoch: date.daysSinceEpoch - Int64(date.weekday))
            case .month: CivilDate(year: date.year, month: date.month, day: 1)
            }
        }

        /// The first day of the next period, from a period's first day.
        func next(after first: CivilDate) -> CivilDate {
            switch self {
            case .day: CivilDate(daysSinceEpoch: first.daysSinceEpoch + 1)
            case .week: CivilDate(daysSinceEpoch: first.daysSinceEpoch + 7)
            case .month: first.month == 12 ? CivilDate(year: first.year + 1, month: 1, day: 1)
                : CivilDate(year: first.year, month: first.month + 1, day: 1)
            }
        }

        /// `the week of 2026-03-23`, `2026-03-23` (a day), `the month of 2026-03`.
        func name(_ first: CivilDate) -> String {
            switch self {
            case .day: first.iso
            case .week: "the week of \(first.iso)"
            case .month: "the month of \(first.iso.prefix(7))"
            }
        }

        /// Reads `calendar:`; a located error for anything but day, week or month.
        static func read(_ r: inout MappingReader) -> CalendarPeriod? {
            guard let node = r.optional("calendar") else { return nil }
            let text = node.string ?? node.keyText ?? node.kindName
            guard let calendar = CalendarPeriod(rawValue: text) else {
                r.report(.error(at: node.textStart, "unknown calendar '\(text)' in \(r.what); use day, week (Monday to Sunday) or month"
                    + Suggestion.hint(for: text, in: allCases.map(\.rawValue))))
                return nil
            }
            return calendar
        }
    }

    public static func parse(_ r: inout MappingReader, context: RuleContext) -> LimitRule? {
        let env = KindKeys.assignmentEnvironment(context, measures: templateVariables)
        let filter = r.optional("where").flatMap { RuleExpressions.boolean($0, "where", env, &r) }
        // Bounded so that hours in seconds never overflow.
        let maxHours = RuleNumber.read(&r, "max_hours", context: context, minimum: 0, maximum: 1_000_000)
        let window = RuleDuration.read(&r, "window")
        let calendar = CalendarPeriod.read(&r)
        let minRest = RuleNumber.read(&r, "min_rest_hours", context: context, minimum: 0, maximum: 1_000_000)
        let maxBlock = RuleNumber.read(&r, "max_block_hours", context: context, minimum: 0, maximum: 1_000_000)
        let compensatedBlock = RuleNumber.read(&r, "compensated_block_hours", context: context, minimum: 0, maximum: 1_000_000)
        if let node = r.node["compensated_block_hours"], r.node["max_block_hours"] == nil {
            r.report(.error(at: node.location, "'compensated_block_hours' in \(r.what) applies to 'max_block_hours', which is not given; add max_block_hours or remove it"))
        }
        let maxWeeks = RuleNumber.read(&r, "max_weeks", context: context, integer: true, minimum: 0, maximum: 1_000_000)
        let weeksWindow = RuleDuration.read(&r, "weeks_window")
        let minHours = RuleNumber.read(&r, "min_hours", context: context, minimum: 0, maximum: 168)
        var groupBy: CompiledExpression?
        if let node = r.optional("group_by") {
            if let text = node.string {
                do { groupBy = try env.compile(text, at: node.textStart) } catch { r.report(error) }
            } else {
                r.report(.error(at: node.location, "'group_by' in \(r.what) must be an expression written as a string, found a \(node.kindName)"))
            }
        }
        let (message, fix, ok) = RiskTemplates.read(&r, env)
        let given = ["max_hours", "min_rest_hours", "max_block_hours", "max_weeks", "min_hours"].filter { r.node[$0] != nil }
        if given.isEmpty && r.node.pairs != nil {
            r.report(.error(at: r.node.location, "\(r.what) of kind 'limit' sets no limit; give max_hours (with window), min_rest_hours, max_block_hours, max_weeks or min_hours"))
        }
        if r.node["window"] != nil && r.node["max_hours"] == nil, let node = r.node["window"] {
            r.report(.error(at: node.location, "'window' in \(r.what) applies to 'max_hours', which is not given; add max_hours or remove window"))
        }
        if let node = r.node["calendar"] {
            if r.node["max_hours"] == nil {
                r.report(.error(at: node.location, "'calendar' in \(r.what) applies to 'max_hours', which is not given; add max_hours or remove calendar"))
            } else if r.node["window"] != nil {
                r.report(.error(at: node.location, "'calendar' and 'window' in \(r.what) both say where max_hours is measured; keep calendar (each calendar period) or window (any rolling window), not both"))
            }
        }
        if r.node["weeks_window"] != nil && r.node["max_weeks"] == nil, let node = r.node["weeks_window"] {
            r.report(.error(at: node.location, "'weeks_window' in \(r.what) applies to 'max_weeks', which is not given; add max_weeks or remove weeks_window"))
        }
        if let w = weeksWindow, w % 86_400 != 0, let node = r.node["weeks_window"] {
            r.report(.error(at: node.textStart, "'weeks_window' in \(r.what) counts whole days; write it like 365d or 52w"))
        }
        guard ok, r.diagnostics.isEmpty else { return nil }
        return LimitRule(filter: filter, groupBy: groupBy, maxHours: maxHours, window: window ?? 7 * 86_400, calendar: calendar, minRest: minRest,
                         maxBlock: maxBlock, compensatedBlock: compensatedBlock, maxWeeks: maxWeeks, weeksWindowDays: (weeksWindow ?? 365 * 86_400) / 86_400, minHours: minHours,
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
        /// The default message and fix, built only when the rule gives no template of its own.
        var message: () -> String
        var fix: () -> String?
        var measuredText: String
        var expectedText: String
        /// With `calendar:`: the period's first day, and the first counted assignment starting
        /// in it (the finding's location).
        var period: CivilDate?
        var first: Int?

        init(name: String, failed: Bool, measured: Double, limit: Double, window: Timeline.Span?, others: Int,
             message: @autoclosure @escaping () -> String, fix: @autoclosure @escaping () -> String? = nil,
             measuredText: String, expectedText: String, period: CivilDate? = nil, first: Int? = nil) {
            self.name = name
            self.failed = failed
            self.measured = measured
            self.limit = limit
            self.window = window
            self.others = others
            self.message = message
            self.fix = fix
            self.measuredText = measuredText
            self.expectedText = expectedText
            self.period = period
            self.first = first
        }

        /// A limit kept: what the subject's pass is made of.
        static func kept(_ name: String, limit: Double, measured: Double = 0, window: Timeline.Span? = nil,
                         measuredText: String = "") -> Measure {
            Measure(name: name, failed: false, measured: measured, limit: limit, window: window, others: 0, message: "",
                    measuredText: measuredText, expectedText: "")
        }

        /// The result key: the limit's name, with the calendar period if any.
        var key: String {
            period.map { "\(name) \($0.iso)" } ?? name
        }
    }

    /// Who a result is about: a contributor, or a group of `group_by`.
    struct Subject {
        /// A group's subject and path; a contributor's are read from it when needed (most
        /// contributors pass, and a pass needs neither).
        var group: (subject: String, path: String)?
        /// In messages: the contributor's id or `group VALUE`.
        var name: String
        /// The contributor's id or the group's value, for templates (`{{group}}`).
        var key: String
        var location: Location
        var contributor: Contributor?
        var subject: String { group?.subject ?? contributor?.subject ?? "" }
        var path: String { group?.path ?? contributor?.path ?? "" }
        /// Counted assignments, sorted by start.
        var assignments: [Int]
        var doubt: (message: String, missing: [String])?
    }

    /// Passes go to the sink uncounted-for texts: most of a national run's 200,000 people pass.
    public func evaluate(_ context: EvaluationContext, part: RulePart, into sink: inout ResultSink) {
        var limits: [String: Double] = [:]
        for number in [maxHours, minRest, maxBlock, compensatedBlock, maxWeeks, minHours].compactMap({ $0 }) {
            switch number.value(in: context) {
            case .success(let v): limits[number.key] = v
            case .failure(let f): sink.add(.failure(f, context)); return
            }
        }
        let data = context.data
        var activation = RuleExpressions.activation(environment, context)
        let groups = ContributorAssignments(context, filter: filter, activation: &activation)
        var results: [RuleResult] = []
        var subjects: [Subject] = []
        if let groupBy {
            subjects = self.groups(groupBy, groups, context, &activation, &results)
            sink.add(contentsOf: results)
        } else {
            for (ci, list) in groups.counted {
                let person = data.contributors[ci]
                subjects.append(Subject(group: nil, name: person.id, key: person.id, location: person.location,
                                        contributor: person, assignments: list, doubt: groups.doubt(of: ci, data)))
            }
        }
        let weeks = limits["min_hours"] == nil ? [] : promisedWeeks(data)
        // The template variables' slots, looked up once rather than by name for each finding.
        let slots = (limitName: environment.slot(of: "limit_name") ?? -1, measured: environment.slot(of: "measured") ?? -1,
                     limit: environment.slot(of: "limit") ?? -1, windowStart: environment.slot(of: "window_start") ?? -1,
                     windowEnd: environment.slot(of: "window_end") ?? -1, others: environment.slot(of: "others") ?? -1,
                     group: environment.slot(of: "group") ?? -1, calendarStart: environment.slot(of: "calendar_start") ?? -1)
        for who in subjects {
            let list = who.assignments
            let spans = list.map { Timeline.Span(data.assignments[$0].start, data.assignments[$0].end) }
            var measures: [Measure] = []
            if let limit = limits["max_hours"] {
                if let calendar {
                    let over = hoursPerPeriod(calendar, who.name, list, limit, data)
                    measures += over
                    // A period over the limit says nothing of the others: with an undecided
                    // assignment, the contributor is also indeterminate; else one pass.
                    if over.isEmpty || who.doubt != nil {
                        measures.append(.kept("max_hours", limit: limit))
                    }
                } else {
                    measures.append(hoursInWindow(who.name, spans, limit, data))
                }
            }
            if let limit = limits["min_rest_hours"] { measures.append(rests(who.name, spans, limit, data)) }
            if let limit = limits["max_block_hours"] {
                measures.append(blocks(who.name, spans, limit, compensated: limits["compensated_block_hours"], data))
            }
            if let limit = limits["max_weeks"] { measures.append(self.weeks(who.name, list, limit, data)) }
            if let limit = limits["min_hours"] { measures.append(weeklyHours(who.name, spans, weeks, limit, data)) }
            for m in measures {
                // A minimum missed might be met by an assignment that may count: not a failure yet.
                if m.failed && !(m.name == "min_hours" && who.doubt != nil) {
                    // The first counted assignment inside the worst window, for the location.
                    // For a rest, the assignment right after it (the one to move).
                    let at = m.first ?? m.window.flatMap { w in list.first { data.assignments[$0].end > w.start && data.assignments[$0].start < w.end }
                        ?? list.first { data.assignments[$0].start == w.end } }
                        ?? (m.name == "min_hours" ? nil : list.first)
                    let a = at.map { data.assignments[$0] }
                    var text = message == nil ? m.message() : "", fixText = fix == nil ? m.fix() : nil
                    if message != nil || fix != nil {
                        activation[slot: activation.contributorSlot] = who.contributor.map { .object($0) }
                        activation[slot: activation.assignmentSlot] = nil
                        activation[slot: activation.unitSlot] = nil
                        if let a { AssignmentBinder.bind(a, data, &activation) }
                        activation[slot: slots.limitName] = .string(m.name)
                        activation[slot: slots.measured] = .double(m.measured)
                        activation[slot: slots.limit] = .double(m.limit)
                        activation[slot: slots.windowStart] = m.window.map { .string(LocalTime.format(utc: $0.start, in: data.timeZone)) }
                        activation[slot: slots.windowEnd] = m.window.map { .string(LocalTime.format(utc: $0.end, in: data.timeZone)) }
                        activation[slot: slots.others] = .int(Int64(m.others))
                        activation[slot: slots.group] = .string(who.key)
                        activation[slot: slots.calendarStart] = m.period.map { .string($0.iso) }
                        if let message { text = message.render(activation, lang: context.lang, planZone: data.timeZone) }
                        if let fix { fixText = fix.render(activation, lang: context.lang, planZone: data.timeZone) }
                    }
                    sink.add(RuleResult(.fail, subject: who.subject, message: text, location: a?.location ?? who.location,
                                        path: a?.path ?? who.path, measured: m.measuredText, expected: m.expectedText,
                                        fix: fixText, key: m.key))
                } else if let doubt = who.doubt {
                    sink.add(RuleResult(.indeterminate, subject: who.subject, message: doubt.message,
                                        location: who.location, path: who.path, missing: doubt.missing, key: m.name))
                } else {
                    sink.pass(who.subject, key: m.name)
                }
            }
        }
    }

    /// The groups of `group_by`: each counted assignment goes to the group its expression
    /// names; with `min_hours`, a contributor whose group the expression gives without an
    /// assignment names that group too (so a group with no assignment at all is measured).
    /// An assignment whose group cannot be decided is an indeterminate result of its contributor.
    func groups(_ groupBy: CompiledExpression, _ counted: ContributorAssignments, _ context: EvaluationContext,
                _ activation: inout Activation, _ results: inout [RuleResult]) -> [Subject] {
        let data = context.data
        var order: [String] = []
        var members: [String: [Int]] = [:]
        var firstRecord: [String: (Location, String)] = [:]
        func add(_ key: String, _ location: Location, _ path: String) {
            if members[key] == nil { order.append(key); members[key] = []; firstRecord[key] = (location, path) }
        }
        var doubts: [String: (message: String, missing: [String])] = [:]
        for (ci, list) in counted.counted {
            let person = data.contributors[ci]
            // An assignment that may count doubts its group's result, or its contributor's when
            // its group is unknown too.
            for (ai, outcome) in counted.unsettled[ci] ?? [] {
                let a = data.assignments[ai]
                AssignmentBinder.bind(a, data, &activation)
                let why: (message: String, missing: [String])
                switch outcome {
                case .indeterminate(let missing): why = ("cannot decide whether assignment \(a.id) counts: missing \(missing.joined(separator: ", "))", missing)
                case .error(let m): why = ("'where' could not be evaluated on assignment \(a.id): \(m)", [])
                case .value(let v): why = ("'where' gave \(v.displayText) on assignment \(a.id), not true or false", [])
                }
                if case .value(let v) = groupBy.evaluate(activation) {
                    add(v.displayText, person.location, person.path)
                    if doubts[v.displayText] == nil { doubts[v.displayText] = why }
                } else {
                    results.append(RuleResult(.indeterminate, subject: person.subject, message: why.message,
                                              location: a.location, path: a.path, missing: why.missing, key: "where"))
                }
            }
            for ai in list {
                let a = data.assignments[ai]
                AssignmentBinder.bind(a, data, &activation)
                switch groupBy.evaluate(activation) {
                case .value(let v):
                    let key = v.displayText
                    add(key, person.location, person.path)
                    members[key, default: []].append(ai)
                case .indeterminate(let missing):
                    results.append(RuleResult(.indeterminate, subject: person.subject,
                                              message: "cannot decide the group of assignment \(a.id): missing \(missing.joined(separator: ", "))",
                                              location: a.location, path: a.path, missing: missing, key: "group_by"))
                case .error(let m):
                    results.append(RuleResult(.fail, subject: person.subject,
                                              message: "'group_by' could not be evaluated on assignment \(a.id): \(m)",
                                              location: a.location, path: a.path, key: "group_by"))
                }
            }
        }
        if minHours != nil {
            activation["assignment"] = nil
            activation["unit"] = nil
            for person in data.contributors {
                activation["contributor"] = .object(person)
                if case .value(let v) = groupBy.evaluate(activation) { add(v.displayText, person.location, person.path) }
            }
        }
        let assignments = data.assignments
        return order.map { key in
            let list = (members[key] ?? []).sorted { (assignments[$0].start, assignments[$0].end, $0) < (assignments[$1].start, assignments[$1].end, $1) }
            let (location, path) = firstRecord[key] ?? (data.plan.location, "plan")
            return Subject(group: ("group:\(key)", path), name: "group \(key)", key: key, location: location,
                           contributor: nil, assignments: list, doubt: doubts[key])
        }
    }
}
