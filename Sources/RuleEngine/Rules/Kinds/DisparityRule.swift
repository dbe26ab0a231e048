/// `kind: disparity` — a measure taken per group of the territory (zones, communes or units)
/// stays within a bounded spread: no group far below the best one (`max_ratio`) or below a share
/// of the mean (`min_share_of_mean`).
///
/// ```yaml
/// - id: eq.zone-disparity
///   principle: equality
///   severity: warning
///   title: {fr: Écart de service entre zones, en: Service gap between zones}
///   kind: disparity
///   group: zones                      # zones | communes | units
///   measure: served_hours_per_1000    # a named measure, or an expression over the group and them
///   where: assignment.kind == "garde" # which assignments count as served hours
///   max_ratio: 5                      # best group / this group ≤ 5
///   # min_share_of_mean: 0.5          # this group ≥ 0.5 × the mean over the groups
///   # min_groups: 2                   # fewer groups: nothing to compare
/// ```
///
/// Named measures of a group (the units of a zone are those with `unit.zone` = its id, of a
/// commune those with `unit.commune` = its INSEE code, a unit is its own group):
/// `served_hours` (assignments of its units, clipped to the checking period, real elapsed time,
/// a person's overlapping assignments in a unit counted once),
/// `promised_hours` (its units' opening hours over the period, summed per unit), `places` (sum of
/// its units' `capacity`), `population` (zone: sum of its communes; commune: its own; unit: its
/// commune's), and per inhabitant `served_hours_per_1000`, `promised_hours_per_1000`,
/// `places_per_100`. An expression measure sees the group (`zone`, `commune` or `unit`) and
/// these names as doubles (`served_hours / promised_hours`).
///
/// A group whose measure cannot be taken (missing population or capacity, population 0) is
/// indeterminate, not left out; the others are compared among themselves. One result per group
/// and per bound given (key: `max_ratio` or `min_share_of_mean`). Complexity: O(n log n + g·p)
/// for n assignments (grouped by unit and person, then merged), g groups and the p opening
/// intervals of their units.
public struct DisparityRule: RuleKind {
    public static let identifier = "disparity"
    public static let summary = "A measure per zone, commune or unit stays within a bounded ratio to the best group or a share of the mean."
    public static let properties: [SchemaProperty] = [
        SchemaProperty("group", .choice(DisparityRule.GroupKind.allCases.map { .string($0.rawValue) }), required: true,
                       "The groups compared."),
        SchemaProperty("measure", .string(), required: true,
                       "A named measure (served_hours_per_1000…) or an expression over the group and them."),
        RuleFileSchema.filter(over: "assignments"),
        SchemaProperty("max_ratio", RuleFileSchema.number, "Best group / this group at most this (≥ 1)."),
        SchemaProperty("min_share_of_mean", RuleFileSchema.number, "This group at least this × the mean over the groups."),
        SchemaProperty("min_groups", RuleFileSchema.integer, "Fewer groups: nothing to compare (default 2)."),
        RuleFileSchema.message, RuleFileSchema.fix,
    ]

    enum GroupKind: String, CaseIterable, Sendable {
        case zones, communes, units
        var variable: String {
            switch self {
            case .zones: "zone"
            case .communes: "commune"
            case .units: "unit"
            }
        }
    }

    static let namedMeasures: [String: String] = [
        "served_hours": "served hours", "served_hours_per_1000": "served hours per 1,000 inhabitants",
        "promised_hours": "promised hours", "promised_hours_per_1000": "promised hours per 1,000 inhabitants",
        "places": "places", "places_per_100": "places per 100 inhabitants", "population": "population",
    ]
    /// The base measures an expression measure may read.
    static let baseMeasures = ["served_hours", "promised_hours", "places", "population"]

    enum Measure: Sendable {
        case named(String)
        case expression(CompiledExpression)
    }

    let group: GroupKind
    let measure: Measure
    let filter: CompiledExpression?
    let filterEnvironment: ExpressionEnvironment
    let maxRatio: RuleNumber?
    let minShare: RuleNumber?
    let minGroups: RuleNumber?
    let environment: ExpressionEnvironment
    let message: MessageTemplate?
    let fix: MessageTemplate?

    /// Variables `message:`/`fix:` may use besides the group's variable: `value`, `reference`
    /// (the best value or the mean), `reference_group`, `ratio` (reference / value), `bound` (the
    /// rule's `max_ratio` or `min_share_of_mean`), `lowest` (the lowest value allowed),
    /// `measure_name`.
    static let templateVariables: [String: ExprType] = [
        "value": .double, "reference": .double, "reference_group": .string, "ratio": .double, "bound": .double,
        "lowest": .double, "measure_name": .string,
    ]

    public static func parse(_ r: inout MappingReader, context: RuleContext) -> DisparityRule? {
        var group: GroupKind?
        if let node = r.required("group") {
            if let text = node.string, let g = GroupKind(rawValue: text) { group = g } else {
                let text = node.keyText ?? node.kindName
                let hint = Suggestion.hint(for: text, in: GroupKind.allCases.map(\.rawValue))
                r.report(.error(at: node.textStart, "unknown group '\(text)' in 'group' of \(r.what)"
                    + (hint.isEmpty ? "; use zones, communes or units" : hint)))
            }
        }
        var vars = templateVariables
        for g in group.map({ [$0] }) ?? GroupKind.allCases { vars[g.variable] = .object(g.variable) }
        for m in baseMeasures { vars[m] = .double }
        let env = RuleEnvironment.make(params: context.params, extra: vars)
        let assignmentEnv = KindKeys.assignmentEnvironment(context, measures: [:])
        var measure: Measure?
        if let node = r.required("measure") {
            if let text = node.string, namedMeasures[text] != nil {
                measure = .named(text)
            } else if let text = node.string {
                do {
                    let expr = try env.compile(text, at: node.textStart)
                    if expr.type.isNumeric || expr.type == .dyn {
                        measure = .expression(expr)
                    } else {
                        r.report(.error(at: node.textStart, "'measure' in \(r.what) must be a number, but this expression gives \(expr.type)"))
                    }
                } catch {
                    if text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                        r.report(.error(at: node.textStart, "unknown measure '\(text)' in \(r.what)"
                            + Suggestion.hint(for: text, in: namedMeasures.keys.sorted())
                            + "; named measures: \(namedMeasures.keys.sorted().joined(separator: ", "))"))
                    } else {
                        r.report(error)
                    }
                }
            } else {
                r.report(.error(at: node.location, "'measure' in \(r.what) must be a measure name or an expression, found a \(node.kindName)"))
            }
        }
        let filter = r.optional("where").flatMap { RuleExpressions.boolean($0, "where", assignmentEnv, &r) }
        let maxRatio = RuleNumber.read(&r, "max_ratio", context: context, minimum: 1)
        let minShare = RuleNumber.read(&r, "min_share_of_mean", context: context, minimum: 0, maximum: 1)
        let minGroups = RuleNumber.read(&r, "min_groups", context: context, integer: true, minimum: 2, maximum: 1_000_000)
        if r.node.pairs != nil && r.node["max_ratio"] == nil && r.node["min_share_of_mean"] == nil {
            r.report(.error(at: r.node.location, "\(r.what) of kind 'disparity' sets no bound; give max_ratio, min_share_of_mean or both"))
        }
        let (message, fix, ok) = RiskTemplates.read(&r, env)
        guard let group, let measure, ok, r.diagnostics.isEmpty else { return nil }
        return DisparityRule(group: group, measure: measure, filter: filter, filterEnvironment: assignmentEnv, maxRatio: maxRatio, minShare: minShare,
                             minGroups: minGroups, environment: env, message: message, fix: fix)
    }

    struct Pair: Hashable {
        var unit: Int
        var contributor: Int
    }

    /// One group: its record and its units.
    struct Group {
        var record: any Record
        var units: [Int]
        var population: Int?
        var name: String
    }

    func groups(_ data: ServiceData) -> [Group] {
        let plan = data.plan
        switch group {
        case .zones:
            var byZone: [String: [Int]] = [:]
            for (i, u) in plan.units.enumerated() { if let z = u.zone { byZone[z, default: []].append(i) } }
            return plan.territory.zones.map { Group(record: $0, units: byZone[$0.id] ?? [], population: $0.population, name: "zone \($0.id)") }
        case .communes:
            var byCommune: [String: [Int]] = [:]
            for (i, u) in plan.units.enumerated() { if let c = u.commune { byCommune[c, default: []].append(i) } }
            return plan.territory.zones.flatMap(\.communes).map {
                Group(record: $0, units: byCommune[$0.insee] ?? [], population: $0.population, name: "commune \($0.insee)")
            }
        case .units:
            var population: [String: Int?] = [:]
            for c in plan.territory.zones.flatMap(\.communes) { population[c.insee] = c.population }
            return plan.units.enumerated().map { i, u in
                Group(record: u, units: [i], population: u.commune.flatMap { population[$0] ?? nil }, name: "unit \(u.id)")
            }
        }
    }

    var measureName: String {
        switch measure {
        case .named(let n): Self.namedMeasures[n] ?? n
        case .expression(let e): "'\(e.source)'"
        }
    }

    enum Taken {
        case value(Double)
        case unsettled(String, [String])
    }

    public func evaluate(_ context: EvaluationContext, part: RulePart, into sink: inout ResultSink) {
        sink.add(contentsOf: results(context))
    }

    func results(_ context: EvaluationContext) -> [RuleResult] {
        var bounds: [String: Double] = [:]
        for n in [maxRatio, minShare, minGroups].compactMap({ $0 }) {
            switch n.value(in: context) {
            case .success(let v): bounds[n.key] = v
            case .failure(let f): return [.failure(f, context)]
            }
        }
        let data = context.data
        let all = groups(data)
        let needed = Int(bounds["min_groups"] ?? 2)
        guard all.count >= needed else { return [] }

        // Served hours per unit, clipped to the period: one pass over the assignments.
        var served = [Int64](repeating: 0, count: data.plan.units.count)
        var servedDoubt: [Int: (String, [String])] = [:]
        var selection = AssignmentSelection(filter.map { KindFilter(expression: $0, environment: filterEnvironment) }, context)
        let period = context.period
        var spans: [Pair: [Timeline.Span]] = [:]
        // Declared availability is not service: only duty and on-call hours are served.
        for a in data.assignments where served.indices.contains(a.unitIndex) && a.engagement != .availability {
            if selection.filters {
                switch selection.outcome(a) {
                case .value(.bool(true)): break
                case .value(.bool(false)): continue
                case .indeterminate(let missing):
                    if servedDoubt[a.unitIndex] == nil { servedDoubt[a.unitIndex] = ("cannot decide whether assignment \(a.id) counts", missing) }
                    continue
                case .error(let m):
                    if servedDoubt[a.unitIndex] == nil { servedDoubt[a.unitIndex] = ("'where' could not be evaluated on assignment \(a.id): \(m)", []) }
                    continue
                case .value(let v):
                    if servedDoubt[a.unitIndex] == nil { servedDoubt[a.unitIndex] = ("'where' gave \(v.displayText) on assignment \(a.id)", []) }
                    continue
                }
            }
            let s = max(a.start, period.startInstant), e = min(a.end, period.endInstant)
            if e > s { spans[Pair(unit: a.unitIndex, contributor: a.contributorIndex), default: []].append(Timeline.Span(s, e)) }
        }
        // A person's overlapping assignments in one unit serve those hours once.
        for (pair, list) in spans {
            for span in Timeline.merge(list) { served[pair.unit] &+= span.length }
        }

        var activation = RuleExpressions.activation(environment, context)
        var taken: [Taken] = []
        for g in all { taken.append(take(g, served: served, servedDoubt: servedDoubt, data, &activation)) }

        var values: [(index: Int, value: Double)] = []
        for (i, t) in taken.enumerated() { if case .value(let v) = t { values.append((i, v)) } }
        var results: [RuleResult] = []
        let criteria = [("max_ratio", bounds["max_ratio"]), ("min_share_of_mean", bounds["min_share_of_mean"])]
            .compactMap { k, v in v.map { (k, $0) } }
        for (key, bound) in criteria {
            for (i, g) in all.enumerated() {
                if case .unsettled(let why, let missing) = taken[i] {
                    results.append(RuleResult(.indeterminate, subject: g.record.subject,
                                              message: "cannot take the \(measureName) of \(g.name): \(why)",
                                              location: g.record.location, path: g.record.path, missing: missing, key: key))
                }
            }
            guard values.count >= needed else {
                for v in values {
                    let g = all[v.index]
                    results.append(RuleResult(.indeterminate, subject: g.record.subject,
                                              message: "cannot compare \(g.name): only \(values.count) of \(all.count) groups could be measured, fewer than \(needed)",
                                              location: g.record.location, path: g.record.path, missing: ["population"], key: key))
                }
                continue
            }
            guard let best = values.max(by: { ($0.value, -$0.index) < ($1.value, -$1.index) }) else { continue }
            let mean = values.reduce(0) { $0 + $1.value } / Double(values.count)
            for v in values {
                let g = all[v.index]
                let lowest: Double
                let fails: Bool
                if key == "max_ratio" {
                    lowest = best.value / bound
                    fails = best.value > 0 && v.value * bound < best.value
                } else {
                    lowest = mean * bound
                    fails = v.value < lowest
                }
                guard fails else {
                    results.append(RuleResult(.pass, subject: g.record.subject, key: key))
                    continue
                }
                let reference = key == "max_ratio" ? best.value : mean
                let ratio = v.value > 0 ? reference / v.value : Double.infinity
                let refName = key == "max_ratio" ? all[best.index].name : "the mean of \(values.count) groups"
                var text: String
                if key == "max_ratio" {
                    text = "\(g.name) has \(numberText(v.value)) \(measureName), \(ratio.isFinite ? numberText(ratio) + " times" : "infinitely") less than \(refName) (\(numberText(best.value))), more than the ratio \(numberText(bound)) allowed"
                } else {
                    text = "\(g.name) has \(numberText(v.value)) \(measureName), \(numberText(v.value / max(mean, .leastNonzeroMagnitude))) of \(refName) (\(numberText(mean))), below the share \(numberText(bound))"
                }
                var fixText = "raise the \(measureName) of \(g.name) to at least \(numberText(lowest))"
                if case .named(let n) = measure, n == "served_hours_per_1000", let p = g.population {
                    fixText += " (about \(numberText((lowest - v.value) * Double(p) / 1000)) more served hours)"
                }
                if message != nil || fix != nil {
                    activation[group.variable] = .object(g.record)
                    activation["value"] = .double(v.value)
                    activation["reference"] = .double(reference)
                    activation["reference_group"] = .string(refName)
                    activation["ratio"] = .double(ratio)
                    activation["bound"] = .double(bound)
                    activation["lowest"] = .double(lowest)
                    activation["measure_name"] = .string(measureName)
                    if let message { text = message.render(activation, lang: context.lang) }
                    if let fix { fixText = fix.render(activation, lang: context.lang) }
                }
                results.append(RuleResult(.fail, subject: g.record.subject, message: text, location: g.record.location,
                                          path: g.record.path, measured: numberText(v.value),
                                          expected: "at least \(numberText(lowest))", fix: fixText, key: key))
            }
        }
        return results
    }

    /// The measure of one group.
    func take(_ g: Group, served: [Int64], servedDoubt: [Int: (String, [String])], _ data: ServiceData,
              _ activation: inout Activation) -> Taken {
        var needs: Set<String>
        switch measure {
        case .named(let n):
            needs = [n.replacingOccurrences(of: "_per_1000", with: "").replacingOccurrences(of: "_per_100", with: "")]
            if n.hasSuffix("_per_1000") || n.hasSuffix("_per_100") { needs.insert("population") }
        case .expression:
            needs = Set(Self.baseMeasures)
        }
        var base: [String: Double] = [:]
        var missing: [String: (String, [String])] = [:]
        if needs.contains("served_hours") {
            if let u = g.units.first(where: { servedDoubt[$0] != nil }), let d = servedDoubt[u] {
                missing["served_hours"] = d
            } else {
                base["served_hours"] = Double(g.units.reduce(Int64(0)) { $0 &+ served[$1] }) / 3600
            }
        }
        if needs.contains("promised_hours") {
            var total: Int64 = 0
            for u in g.units {
                for i in data.openIntervals(of: data.plan.units[u]) { total &+= i.end - i.start }
            }
            base["promised_hours"] = Double(total) / 3600
        }
        if needs.contains("places") {
            let units = g.units.map { data.plan.units[$0] }
            if let u = units.first(where: { $0.capacity == nil }) {
                missing["places"] = ("unit \(u.id) has no capacity", ["unit.capacity"])
            } else {
                base["places"] = Double(units.reduce(0) { $0 + ($1.capacity ?? 0) })
            }
        }
        if needs.contains("population") {
            if let p = g.population {
                base["population"] = Double(p)
            } else {
                missing["population"] = ("its population is missing", ["\(group.variable).population"])
            }
        }
        switch measure {
        case .named(let n):
            // Every missing input, in a fixed order (not the dictionary's).
            let gaps = Self.baseMeasures.compactMap { missing[$0] }
            if let first = gaps.first { return .unsettled(first.0, gaps.flatMap(\.1)) }
            let population = base["population"] ?? 0
            if (n.hasSuffix("_per_1000") || n.hasSuffix("_per_100")) && population <= 0 {
                return .unsettled("its population is 0", ["\(group.variable).population"])
            }
            switch n {
            case "served_hours_per_1000": return .value((base["served_hours"] ?? 0) * 1000 / population)
            case "promised_hours_per_1000": return .value((base["promised_hours"] ?? 0) * 1000 / population)
            case "places_per_100": return .value((base["places"] ?? 0) * 100 / population)
            default: return .value(base[n] ?? 0)
            }
        case .expression(let e):
            activation[group.variable] = .object(g.record)
            for m in Self.baseMeasures { activation[m] = base[m].map { .double($0) } }
            switch e.evaluate(activation) {
            case .value(let v):
                guard let d = v.asDouble, d.isFinite else { return .unsettled("the measure gave \(v.displayText), not a number", []) }
                return .value(d)
            case .indeterminate(let names):
                let why = names.compactMap { missing[$0]?.0 }.first ?? "missing \(names.joined(separator: ", "))"
                return .unsettled(why, names.flatMap { missing[$0]?.1 ?? [$0] })
            case .error(let m):
                return .unsettled("the measure could not be evaluated: \(m)", [])
            }
        }
    }
}
