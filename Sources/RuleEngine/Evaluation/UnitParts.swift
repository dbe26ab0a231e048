/// How the engine judges a rule whose units carry their own parameter values (the unit layer,
/// docs/governance.md): the rule is split into parts by unit — one part per unit with values of
/// its own, one for the units without — each part's data restricted to its units and their
/// assignments, attendance slots and carpool requests, judged with the part's values. It
/// composes with versions: each version's part (`VersionParts`) is split again by unit.
/// Kinds know nothing of this: they judge the units and records the context holds.
enum UnitParts {
    /// What a rule judges when it cannot be split by unit (`contributors`, `records across
    /// units`), nil when every version of it judges units or assignments one by one.
    static func unsplittable(_ versions: [Rule]) -> String? {
        for rule in versions {
            switch rule.check.subject {
            case .units?, .assignments?: continue
            case let other?: return other.name
            case nil: return "records across units"
            }
        }
        return nil
    }

    /// `jobs` with every job of a rule that has unit values split into parts by unit.
    static func split(_ jobs: [RuleJob], units: UnitParamSettings) -> [RuleJob] {
        guard !units.isEmpty else { return jobs }
        var out: [RuleJob] = []
        for job in jobs {
            guard let byUnit = units[job.rule.id], !byUnit.isEmpty, unsplittable([job.rule]) == nil else {
                out.append(job)
                continue
            }
            let plan = job.context.data.plan
            // One group per unit with values of its own, in the plan's order; the others together.
            var groups: [(settings: [ParamSetting], units: [Int])] = []
            var rest: [Int] = []
            for (i, unit) in plan.units.enumerated() {
                if let own = byUnit[unit.id], !own.isEmpty {
                    groups.append((own.values.sorted { $0.name < $1.name }, [i]))
                } else {
                    rest.append(i)
                }
            }
            if groups.isEmpty { out.append(job); continue }
            if !rest.isEmpty { groups.append(([], rest)) }
            for (g, (settings, members)) in groups.enumerated() {
                var part = job
                part.settings = settings
                part.params = Dictionary(uniqueKeysWithValues: settings.map { ($0.name, $0.value) })
                if members.count < plan.units.count {
                    // Records naming no unit of the plan go with the units without values.
                    part.context = restricted(job.context, units: members, orphans: rest.isEmpty ? g == 0 : settings.isEmpty)
                    part.unitPositions = members
                    part.restricted = true
                }
                out.append(part)
            }
        }
        return out
    }

    /// `context` holding only the units at `keep` (positions in `plan.units`, renumbered from 0)
    /// and the assignments, attendance slots and carpool requests of those units (with `orphans`,
    /// also those naming no unit of the plan). Contributors stay: a unit's rule reads its
    /// assignments' contributors. The part's tables are its own.
    static func restricted(_ context: EvaluationContext, units keep: [Int], orphans: Bool) -> EvaluationContext {
        var out = context
        var data = context.data
        var plan = data.plan
        let all = plan.units
        var renumbered = [Int](repeating: -1, count: all.count)
        plan.units = keep.enumerated().map { n, i in
            var unit = all[i]
            unit.index = n
            renumbered[i] = n
            return unit
        }
        func position(_ old: Int) -> Int? {
            guard old >= 0, old < renumbered.count else { return orphans ? old : nil }
            return renumbered[old] >= 0 ? renumbered[old] : nil
        }
        data.assignments = data.assignments.compactMap { a in
            guard let n = position(a.unitIndex) else { return nil }
            if n == a.unitIndex { return a }
            // Assignments are shared objects: the part gets its own copy.
            let copy = a.copy()
            copy.unitIndex = n
            return copy
        }
        data.attendance = data.attendance.compactMap { s in
            guard let n = position(s.unitIndex) else { return nil }
            var s = s
            s.unitIndex = n
            return s
        }
        data.carpoolRequests = data.carpoolRequests.compactMap { r in
            guard let n = position(r.lineIndex) else { return nil }
            var r = r
            r.lineIndex = n
            return r
        }
        var index: [String: Int] = [:]
        for unit in plan.units where index[unit.id] == nil { index[unit.id] = unit.index }
        data.unitIndex = index
        data.plan = plan
        out.data = data
        out.tables = nil
        return out
    }

    /// A finding's path as in the whole plan: `units[0]…` of a part is `units[positions[0]]…`.
    static func originalPath(_ path: String?, _ positions: [Int]) -> String? {
        guard let path, path.hasPrefix("units["), let close = path.firstIndex(of: "]"),
              let n = Int(path[path.index(path.startIndex, offsetBy: 6)..<close]), positions.indices.contains(n) else { return path }
        return "units[\(positions[n])" + path[close...]
    }
}
