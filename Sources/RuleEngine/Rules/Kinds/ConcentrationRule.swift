/// `kind: concentration` — no contributor carries more than `max_share` of a unit's served
/// hours; or a group of contributors serves at least `min_share` of them.
///
/// ```yaml
/// - id: cont.concentration
///   principle: continuity
///   severity: warning
///   title: {fr: Charge répartie, en: Load spread across contributors}
///   kind: concentration
///   units: unit.kind == 'station'   # optional
///   where: assignment.kind == 'garde'  # optional: which assignments count
///   max_share: 0.5                  # or params.max_share; 0 < max_share <= 1
///   per: period                     # or month (calendar months, local time)
/// - id: cp.diplome-share
///   kind: concentration
///   where: assignment.counts_in_ratio == true
///   group: contributor.qualifications.exists(q, q.code in ['EJE', 'AP'])
///   min_share: 0.4                  # the group serves at least 40 % of the hours
///   per: month
/// ```
/// A contributor's served hours in a unit are the real elapsed time (DST-aware) of their
/// counted assignments there, merged (two overlapping assignments of one person count once)
/// and cut to the checking period (and to each month with `per: month`); the unit's served
/// hours are the sum over its contributors. A unit with no served hours passes. Assignments
/// whose `where` is undecided, and contributors whose `group` is, may count or not: a share
/// beyond the bound whichever way they go fails, one beyond it only some way is indeterminate.
///
/// Complexity: O(n log n) in the unit's assignments per window (a sort per contributor to
/// merge); one window per period, or per month touched.
public struct ConcentrationRule: RuleKind {
    /// The engagements that carry hours: declared availability is not service.
    static let served: Set<Engagement> = [.duty, .onCall]
    public static let identifier = "concentration"
    public var subject: RecordCollection? { .units }
    public static let summary = "No contributor carries more than a given share of a unit's served hours (or a group serves at least one)."
    public static let properties: [SchemaProperty] = [
        RuleFileSchema.units,
        RuleFileSchema.filter(over: "assignments"),
        SchemaProperty("max_share", RuleFileSchema.number, "The largest share of a unit's served hours one contributor may carry (0 < x ≤ 1)."),
        SchemaProperty("min_share", RuleFileSchema.number, "With group: the smallest share of the hours the group must serve (0 ≤ x ≤ 1)."),
        SchemaProperty("group", .expression, "Which contributors form the group (boolean expression over contributor)."),
        SchemaProperty("per", .choice([.string("period"), .string("month")]), "The window: the whole period (default) or each calendar month."),
        RuleFileSchema.message, RuleFileSchema.fix,
    ]
    static let messageVariables: [String: ExprType] = [
        "unit": .object("unit"), "contributor": .object("contributor"), "share": .double, "hours": .double,
        "unit_hours": .double, "max_share": .double, "min_share": .double, "window": .string,
    ]

    enum Share: Sendable {
        case most(RuleNumber)
        case least(RuleNumber, KindFilter)
    }

    let units: KindFilter
    let filter: KindFilter?
    let bound: Share
    let monthly: Bool
    let messages: KindMessages

    public static func parse(_ r: inout MappingReader, context: RuleContext) -> ConcentrationRule? {
        let units = KindKeys.units(&r, context)
        let assignmentEnv = KindKeys.assignmentEnvironment(context)
        let whereNode = r.optional("where")
        let filter = whereNode.flatMap { RuleExpressions.boolean($0, "where", assignmentEnv, &r) }
        let maxNode = r.node["max_share"], minNode = r.node["min_share"]
        var maxShare = RuleNumber.read(&r, "max_share", context: context, minimum: 0, maximum: 1)
        let minShare = RuleNumber.read(&r, "min_share", context: context, minimum: 0, maximum: 1)
        if let share = maxShare, case .literal(0) = share.source, let node = maxNode {
            r.report(.error(at: node.location, "'max_share' must be above 0 (a share of the hours, like 0.5)"))
            maxShare = nil
        }
        let groupEnv = RuleEnvironment.make(params: context.params, extra: ["contributor": .object("contributor"), "unit": .object("unit")])
        let groupNode = r.optional("group")
        let group = groupNode.flatMap { RuleExpressions.boolean($0, "group", groupEnv, &r) }
        var monthly = false
        if let node = r.optional("per") {
            switch node.string {
            case "period": break
            case "month": monthly = true
            default:
                let text = node.keyText ?? node.kindName
                r.report(.error(at: node.location, "'per' must be period or month, found '\(text)'" + Suggestion.hint(for: text, in: ["period", "month"])))
            }
        }
        var bound: Share?
        switch (maxNode, minNode) {
        case (nil, nil):
            r.report(.error(at: r.node.location, "missing key 'max_share' (or 'min_share' with 'group') in \(r.what)"))
        case (_?, _?):
            r.report(.error(at: minNode?.location ?? r.node.location, "give either 'max_share' (per contributor) or 'min_share' (for a group), not both"))
        case (_?, nil):
            if let node = groupNode { r.report(.error(at: node.location, "'group' goes with 'min_share'")) }
            bound = maxShare.map(Share.most)
        case (nil, let node?):
            if groupNode == nil {
                r.report(.error(at: node.location, "'min_share' needs 'group': the contributors whose hours must make up that share"))
            }
            if let minShare, let group { bound = .least(minShare, KindFilter(expression: group, environment: groupEnv)) }
        }
        let messages = KindMessages.read(&r, context: context, variables: messageVariables)
        guard let bound, r.diagnostics.isEmpty else { return nil }
        return ConcentrationRule(units: units, filter: whereNode == nil ? nil : KindFilter(expression: filter, environment: assignmentEnv),
                                 bound: bound, monthly: monthly, messages: messages)
    }

    /// A stretch of time shares are measured over: the period, or one month of it.
    struct Window {
        var span: Timeline.Span
        /// `""` for the period, `", March 2026"` for a month (in messages).
        var label: String
        /// `""` or `2026-03 ` (in result keys).
        var key: String
    }

    enum Bound {
        case most(Double)
        case least(Double, KindFilter)
    }

    public func evaluate(_ context: EvaluationContext, part: RulePart, into sink: inout ResultSink) {
        sink.add(contentsOf: results(context))
    }

    func results(_ context: EvaluationContext) -> [RuleResult] {
        let share: Bound
        switch bound {
        case .most(let number):
            switch number.value(in: context) {
            case .failure(let f): return [.failure(f, context)]
            case .success(let v): share = .most(v)
            }
        case .least(let number, let group):
            switch number.value(in: context) {
            case .failure(let f): return [.failure(f, context)]
            case .success(let v): share = .least(v, group)
            }
        }
        let windows = Self.windows(context.data, monthly: monthly)
        var groupActivation: Activation?
        var groupCache: [Int: Verdict] = [:]
        func membership(_ c: Int, _ group: KindFilter, _ activation: inout Activation?) -> Verdict {
            if let known = groupCache[c] { return known }
            if activation == nil { activation = RuleExpressions.activation(group.environment, context) }
            activation?["contributor"] = .object(context.data.contributors[c])
            let v = activation.map { group.test($0) } ?? .yes
            groupCache[c] = v
            return v
        }
        let data = context.data
        let byUnit = context.unitAssignments
        var members: UnitMembers?
        let period = Timeline.Span(context.period.startInstant, context.period.endInstant)
        var selection = AssignmentSelection(filter, context)
        var results: [RuleResult] = []
        for (unit, unsettled) in UnitSelection.select(units, data.plan.units, context) {
            if let unsettled { results.append(unsettled); continue }
            groupCache = [:]
            if groupActivation == nil, case .least(_, let group) = share {
                groupActivation = RuleExpressions.activation(group.environment, context)
            }
            groupActivation?["unit"] = .object(unit)
            // Per contributor: spans known to count, and spans that might.
            var sure: [Int: [Timeline.Span]] = [:]
            var maybe: [Int: [Timeline.Span]] = [:]
            var missing: Set<String> = []
            let verdicts = selection.verdicts(of: unit, engagements: Self.served)
            for (k, i) in byUnit.byUnit[unit.index].enumerated() {
                let a = data.assignments[i]
                let span = Timeline.Span(max(a.start, period.start), min(a.end, period.end))
                // Declared availability is not service: it carries no hours.
                guard !span.isEmpty, a.engagement != .availability,
                      data.contributors.indices.contains(a.contributorIndex) else { continue }
                switch verdicts?[k] ?? .yes {
                case .yes: sure[a.contributorIndex, default: []].append(span)
                case .no: continue
                case .unknown(let m):
                    missing.formUnion(m)
                    maybe[a.contributorIndex, default: []].append(span)
                case .error(let message):
                    results.append(RuleResult(.fail, subject: a.subject, message: "'where' could not be evaluated on assignment \(a.id): \(message)",
                                              location: a.location, path: a.path, key: "where"))
                    missing.insert("where on assignment \(a.id)")
                    maybe[a.contributorIndex, default: []].append(span)
                }
            }
            let people = Set(sure.keys).union(maybe.keys).sorted()
            var out: [RuleResult] = []
            var served = false
            for window in windows {
                // Hours per contributor inside the window: known to count, and at most.
                var low: [Int: Int64] = [:], high: [Int: Int64] = [:]
                for c in people {
                    let s = Self.clip(sure[c] ?? [], to: window.span)
                    low[c] = Self.length(Timeline.merge(s))
                    high[c] = maybe[c] == nil ? low[c] : Self.length(Timeline.merge(s + Self.clip(maybe[c] ?? [], to: window.span)))
                }
                let totalLow = low.values.reduce(0, +), totalHigh = high.values.reduce(0, +)
                guard totalHigh > 0 else { continue }
                served = true
                switch share {
                case .most(let bound):
                    for c in people {
                        let l = low[c] ?? 0, h = high[c] ?? 0
                        // The least c's share can be: c's uncertain hours out, everyone else's in.
                        let lowerDen = totalHigh - h + l, upperDen = totalLow - l + h
                        let lower = lowerDen > 0 ? Double(l) / Double(lowerDen) : 0
                        let upper = upperDen > 0 ? Double(h) / Double(upperDen) : 0
                        let person = data.contributors[c]
                        if lower > bound {
                            if members == nil { members = context.unitMembers }
                            out.append(finding(person, unit, window, share: lower, hours: l, unitHours: lowerDen, bound: bound,
                                               others: Self.others(of: c, members?.byUnit[unit.index] ?? [], low, data.contributors), context))
                        } else if upper > bound {
                            out.append(RuleResult(.indeterminate, subject: unit.subject,
                                                  message: "unit \(unit.id)\(window.label): cannot decide whether \(person.id) carries more than \(Self.percent(bound)) of the served hours (between \(Self.percent(lower)) and \(Self.percent(upper))): missing \(missing.sorted().joined(separator: ", "))",
                                                  location: unit.location, path: unit.path, measured: "\(Self.percent(lower))–\(Self.percent(upper))",
                                                  expected: "at most \(Self.percent(bound))", missing: missing.sorted(), key: window.key + person.id))
                        }
                    }
                case .least(let bound, let group):
                    // Who is in the group: yes, no, or undecided (counted on the side that
                    // makes each bound).
                    var inLow: Int64 = 0, inHigh: Int64 = 0, outLow: Int64 = 0, outHigh: Int64 = 0
                    var groupMissing = missing
                    for c in people {
                        let l = low[c] ?? 0, h = high[c] ?? 0
                        switch membership(c, group, &groupActivation) {
                        case .yes: inLow += l; inHigh += h
                        case .no: outLow += l; outHigh += h
                        case .unknown(let m):
                            groupMissing.formUnion(m)
                            inHigh += h; outHigh += h
                        case .error(let message):
                            groupMissing.insert("group of \(data.contributors[c].id) (\(message))")
                            inHigh += h; outHigh += h
                        }
                    }
                    let lower = inLow + outHigh > 0 ? Double(inLow) / Double(inLow + outHigh) : 0
                    let upper = inHigh + outLow > 0 ? Double(inHigh) / Double(inHigh + outLow) : 0
                    if upper < bound {
                        out.append(groupFinding(unit, window, share: upper, hours: inHigh, unitHours: inHigh + outLow, bound: bound, context))
                    } else if lower < bound {
                        out.append(RuleResult(.indeterminate, subject: unit.subject,
                                              message: "unit \(unit.id)\(window.label): cannot decide whether the group serves at least \(Self.percent(bound)) of the hours (between \(Self.percent(lower)) and \(Self.percent(upper))): missing \(groupMissing.sorted().joined(separator: ", "))",
                                              location: unit.location, path: unit.path, measured: "\(Self.percent(lower))–\(Self.percent(upper))",
                                              expected: "at least \(Self.percent(bound))", missing: groupMissing.sorted(), key: window.key + "group"))
                    }
                }
            }
            if !served {
                results.append(RuleResult(.pass, subject: unit.subject, key: "nothing served"))
                continue
            }
            results += out.isEmpty ? [RuleResult(.pass, subject: unit.subject)] : out
        }
        return results
    }

    /// The variables of a share's `message:`/`fix:`, one contributor's or the group's.
    private func activation(_ unit: Unit, _ window: Window, share: Double, hours: Int64, unitHours: Int64,
                            _ context: EvaluationContext) -> Activation {
        var a = messages.activation(context)
        a["unit"] = KindValues.unit(unit, context.data.unitValues)
        a["share"] = .double(share)
        a["hours"] = .double(Double(hours) / 3600)
        a["unit_hours"] = .double(Double(unitHours) / 3600)
        a["window"] = .string(window.label.isEmpty ? "period" : String(window.label.dropFirst(2)))
        return a
    }

    private func finding(_ person: Contributor, _ unit: Unit, _ window: Window, share: Double, hours: Int64, unitHours: Int64,
                         bound: Double, others: String, _ context: EvaluationContext) -> RuleResult {
        var a = activation(unit, window, share: share, hours: hours, unitHours: unitHours, context)
        a["contributor"] = .object(person)
        a["max_share"] = .double(bound)
        let text = "unit \(unit.id)\(window.label): \(person.id) serves \(Self.percent(share)) of the hours (\(KindTime.hours(hours)) of \(KindTime.hours(unitHours)) h), above \(Self.percent(bound))"
        let fix = others.isEmpty
            ? "recruit contributors for unit \(unit.id) to share \(person.id)'s hours"
            : "move some of \(person.id)'s hours to other members of unit \(unit.id): \(others)"
        return RuleResult(.fail, subject: unit.subject, message: messages.message(a, context, default: text),
                          location: unit.location, path: unit.path, measured: Self.percent(share),
                          expected: "at most \(Self.percent(bound))", fix: messages.fix(a, context, default: fix),
                          key: window.key + person.id)
    }

    private func groupFinding(_ unit: Unit, _ window: Window, share: Double, hours: Int64, unitHours: Int64, bound: Double,
                              _ context: EvaluationContext) -> RuleResult {
        var a = activation(unit, window, share: share, hours: hours, unitHours: unitHours, context)
        a["min_share"] = .double(bound)
        let text = "unit \(unit.id)\(window.label): the group serves \(Self.percent(share)) of the hours (\(KindTime.hours(hours)) of \(KindTime.hours(unitHours)) h), below \(Self.percent(bound))"
        return RuleResult(.fail, subject: unit.subject, message: messages.message(a, context, default: text),
                          location: unit.location, path: unit.path, measured: Self.percent(share),
                          expected: "at least \(Self.percent(bound))",
                          fix: messages.fix(a, context, default: "give more of unit \(unit.id)'s hours to contributors of the group, or bring more of them in"),
                          key: window.key + "group")
    }

    /// The period, or each calendar month of it (local midnights), cut to the period.
    static func windows(_ data: ServiceData, monthly: Bool) -> [Window] {
        let period = data.plan.period
        let whole = Timeline.Span(period.startInstant, period.endInstant)
        guard monthly else { return [Window(span: whole, label: "", key: "")] }
        var out: [Window] = []
        var year = period.start.year, month = period.start.month
        // A period of centuries still ends: at most one window per month it spans.
        while out.count < 12 * 200 {
            let first = CivilDate(year: year, month: month, day: 1)
            guard first < period.end else { break }
            let (ny, nm) = month == 12 ? (year + 1, 1) : (year, month + 1)
            let start = data.timeZone.startOfDay(first)
            let end = data.timeZone.startOfDay(CivilDate(year: ny, month: nm, day: 1))
            let span = Timeline.Span(max(start, whole.start), min(end, whole.end))
            if !span.isEmpty {
                let name = CivilCalendar.monthNames[month - 1]
                let mm = month < 10 ? "0\(month)" : "\(month)"
                out.append(Window(span: span, label: ", \(name) \(year)", key: "\(year)-\(mm) "))
            }
            (year, month) = (ny, nm)
        }
        return out
    }

    static func clip(_ spans: [Timeline.Span], to window: Timeline.Span) -> [Timeline.Span] {
        spans.compactMap { s in
            let c = Timeline.Span(max(s.start, window.start), min(s.end, window.end))
            return c.isEmpty ? nil : c
        }
    }

    /// The unit's other members with the fewest hours: `B (2 h), C (0 h)`, at most five.
    private static func others(of c: Int, _ members: [Int], _ hours: [Int: Int64], _ people: [Contributor]) -> String {
        let ranked = members.filter { $0 != c }.map { ($0, hours[$0] ?? 0) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        return ranked.prefix(5).map { "\(people[$0.0].id) (\(KindTime.hours($0.1)) h)" }.joined(separator: ", ")
    }

    static func length(_ spans: [Timeline.Span]) -> Int64 { spans.reduce(0) { $0 + $1.length } }

    /// `62.5%`, `50%`.
    static func percent(_ share: Double) -> String {
        Value.double((share * 1000).rounded() / 10).displayText + "%"
    }
}
