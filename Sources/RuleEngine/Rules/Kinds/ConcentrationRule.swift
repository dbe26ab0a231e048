/// `kind: concentration` — no contributor carries more than `max_share` of a unit's served
/// hours.
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
/// ```
/// A contributor's served hours in a unit are the real elapsed time (DST-aware) of their
/// counted assignments there, merged (two overlapping assignments of one person count once)
/// and cut to the checking period; the unit's served hours are the sum over its contributors.
/// A unit with no served hours passes. Assignments whose `where` is undecided may count or
/// not: a share above the bound whichever way they go fails, one above it only some way is
/// indeterminate.
///
/// Complexity: O(n log n) in the unit's assignments (a sort per contributor to merge).
public struct ConcentrationRule: RuleKind {
    public static let identifier = "concentration"
    public static let summary = "No contributor carries more than a given share of a unit's served hours."
    public static let keys = ["units", "where", "max_share", "message", "fix"]
    static let messageVariables: [String: ExprType] = [
        "unit": .object("unit"), "contributor": .object("contributor"), "share": .double, "hours": .double,
        "unit_hours": .double, "max_share": .double,
    ]

    let units: KindFilter
    let filter: KindFilter?
    let maxShare: RuleNumber
    let messages: KindMessages

    public static func parse(_ r: inout MappingReader, context: RuleContext) -> ConcentrationRule? {
        let unitEnv = KindKeys.unitEnvironment(context)
        let units = KindFilter(expression: r.optional("units").flatMap { RuleExpressions.boolean($0, "units", unitEnv, &r) },
                               environment: unitEnv)
        let assignmentEnv = KindKeys.assignmentEnvironment(context)
        let whereNode = r.optional("where")
        let filter = whereNode.flatMap { RuleExpressions.boolean($0, "where", assignmentEnv, &r) }
        var maxShare = RuleNumber.read(&r, "max_share", context: context, minimum: 0, maximum: 1, required: true)
        if let share = maxShare, case .literal(0) = share.source, let node = r.node["max_share"] {
            r.report(.error(at: node.location, "'max_share' must be above 0 (a share of the hours, like 0.5)"))
            maxShare = nil
        }
        let messages = KindMessages.read(&r, context: context, variables: messageVariables)
        guard let maxShare, r.diagnostics.isEmpty else { return nil }
        return ConcentrationRule(units: units, filter: whereNode == nil ? nil : KindFilter(expression: filter, environment: assignmentEnv),
                                 maxShare: maxShare, messages: messages)
    }

    public func evaluate(_ context: EvaluationContext) -> [RuleResult] {
        let bound: Double
        switch maxShare.value(in: context) {
        case .failure(let f): return [.failure(f, context)]
        case .success(let v): bound = v
        }
        let data = context.data
        let byUnit = UnitAssignments(data)
        var members: UnitMembers?
        let period = Timeline.Span(data.plan.period.startInstant, data.plan.period.endInstant)
        var binder = filter.map { AssignmentBinder($0.environment, context) }
        var results: [RuleResult] = []
        for unit in data.plan.units {
            switch UnitSelection.test(units, unit, context) {
            case .skipped: continue
            case .unsettled(let result): results.append(result); continue
            case .selected: break
            }
            // Per contributor: spans known to count, and spans that might.
            var sure: [Int: [Timeline.Span]] = [:]
            var maybe: [Int: [Timeline.Span]] = [:]
            var missing: Set<String> = []
            binder?.bind(unit: unit)
            for i in byUnit.byUnit[unit.index] {
                let a = data.assignments[i]
                let span = Timeline.Span(max(a.start, period.start), min(a.end, period.end))
                guard !span.isEmpty, a.contributorIndex >= 0 else { continue }
                var verdict = Verdict.yes
                if let filter, var b = binder.take() {
                    b.bind(a, contributor: data.contributors[a.contributorIndex])
                    verdict = filter.test(b.activation)
                    binder = b
                }
                switch verdict {
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
            var low: [Int: Int64] = [:], high: [Int: Int64] = [:]
            for c in people {
                let s = sure[c] ?? []
                low[c] = Self.length(Timeline.merge(s))
                high[c] = maybe[c] == nil ? low[c] : Self.length(Timeline.merge(s + (maybe[c] ?? [])))
            }
            let totalLow = low.values.reduce(0, +), totalHigh = high.values.reduce(0, +)
            guard totalHigh > 0 else {
                results.append(RuleResult(.pass, subject: unit.subject, key: "nothing served"))
                continue
            }
            var out: [RuleResult] = []
            for c in people {
                let l = low[c] ?? 0, h = high[c] ?? 0
                // The least c's share can be: c's uncertain hours out, everyone else's in.
                let lowerDen = totalHigh - h + l, upperDen = totalLow - l + h
                let lower = lowerDen > 0 ? Double(l) / Double(lowerDen) : 0
                let upper = upperDen > 0 ? Double(h) / Double(upperDen) : 0
                let person = data.contributors[c]
                if lower > bound {
                    if members == nil { members = UnitMembers(data) }
                    out.append(finding(person, unit, share: lower, hours: l, unitHours: lowerDen, bound: bound,
                                       others: Self.others(of: c, members?.byUnit[unit.index] ?? [], low, data.contributors), context))
                } else if upper > bound {
                    out.append(RuleResult(.indeterminate, subject: unit.subject,
                                          message: "unit \(unit.id): cannot decide whether \(person.id) carries more than \(Self.percent(bound)) of the served hours (between \(Self.percent(lower)) and \(Self.percent(upper))): missing \(missing.sorted().joined(separator: ", "))",
                                          location: unit.location, path: unit.path, measured: "\(Self.percent(lower))–\(Self.percent(upper))",
                                          expected: "at most \(Self.percent(bound))", missing: missing.sorted(), key: person.id))
                }
            }
            results += out.isEmpty ? [RuleResult(.pass, subject: unit.subject)] : out
        }
        return results
    }

    private func finding(_ person: Contributor, _ unit: Unit, share: Double, hours: Int64, unitHours: Int64, bound: Double,
                         others: String, _ context: EvaluationContext) -> RuleResult {
        var a = messages.activation(context)
        a["unit"] = .object(unit)
        a["contributor"] = .object(person)
        a["share"] = .double(share)
        a["hours"] = .double(Double(hours) / 3600)
        a["unit_hours"] = .double(Double(unitHours) / 3600)
        a["max_share"] = .double(bound)
        let text = "unit \(unit.id): \(person.id) serves \(Self.percent(share)) of the hours (\(KindTime.hours(hours)) of \(KindTime.hours(unitHours)) h), above \(Self.percent(bound))"
        let fix = others.isEmpty
            ? "recruit contributors for unit \(unit.id) to share \(person.id)'s hours"
            : "move some of \(person.id)'s hours to other members of unit \(unit.id): \(others)"
        return RuleResult(.fail, subject: unit.subject, message: messages.message(a, context, default: text),
                          location: unit.location, path: unit.path, measured: Self.percent(share),
                          expected: "at most \(Self.percent(bound))", fix: messages.fix(a, context, default: fix), key: person.id)
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
