/// How the engine judges a rule with dated versions: the checking period is split where the
/// law changes and each part is judged by the version in force then, with only the records of
/// that part. Kinds know nothing of this: they judge `context.period` and the records the
/// context holds.
struct RuleJob: Sendable {
    /// The rule as in force over `context.period`.
    var rule: Rule
    /// The version judging this part, nil for a rule without versions.
    var version: String?
    /// The data of this part (the whole run's when the rule is not split).
    var context: EvaluationContext
    /// Whether the rule was split into several parts in this run (findings then carry their
    /// version in their fingerprint, or the parts' findings on one subject would collide).
    var split = false
    /// Whether `context` holds only the records of a part (it then has no shared tables).
    var restricted = false
    /// A part by unit (`UnitParts`): the unit layer's values it is judged with, and where its
    /// units stand in the plan (its context numbers them from 0), nil when not split by unit.
    var settings: [ParamSetting] = []
    var params: [String: Value] = [:]
    var unitPositions: [Int]? = nil
}

enum VersionParts {
    /// The evaluations the rules need over `context`: one per rule in force, or one per
    /// version in force over part of the period. With `split` off (`check --as-of`), a
    /// versioned rule is judged over the whole period by the version in force at `asOf`.
    static func jobs(_ rules: [Rule], on context: EvaluationContext, split: Bool) -> (jobs: [RuleJob], skipped: [String]) {
        var jobs: [RuleJob] = []
        var skipped: [String] = []
        let period = context.period
        for rule in rules {
            guard !rule.versions.isEmpty, split else {
                if rule.applies(at: context.asOf) {
                    jobs.append(RuleJob(rule: rule.inForce(at: context.asOf), version: rule.version(at: context.asOf)?.id, context: context))
                } else {
                    skipped.append(rule.id)
                }
                continue
            }
            // [first, end) in days: the part of the period each version covers.
            var parts: [(RuleVersion, CivilDate, CivilDate)] = []
            for v in rule.versions {
                let first = max(period.start, v.from ?? period.start)
                let end = min(period.end, v.until.map { CivilDate(daysSinceEpoch: $0.daysSinceEpoch + 1) } ?? period.end)
                if first < end { parts.append((v, first, end)) }
            }
            // The rule's own validity dates still bound it, as for a rule without versions.
            parts = parts.filter { part in
                (rule.validFrom.map { part.2 > $0 } ?? true) && (rule.validUntil.map { part.1 <= $0 } ?? true)
            }
            if parts.isEmpty { skipped.append(rule.id); continue }
            for (v, first, end) in parts {
                let isPart = first != period.start || end != period.end
                var part = isPart ? restricted(context, first, end) : context
                if part.asOf < first { part.asOf = first }
                jobs.append(RuleJob(rule: v.rule, version: v.id, context: part, split: parts.count > 1, restricted: isPart))
            }
        }
        return (jobs, skipped)
    }

    /// `context` judging only `[first, end)`: its period, and the assignments, attendance
    /// slots and carpool requests that start in it (each record is judged in one part only).
    /// The part's tables are its own: the run's shared tables hold every record.
    static func restricted(_ context: EvaluationContext, _ first: CivilDate, _ end: CivilDate) -> EvaluationContext {
        var out = context
        let zone = context.data.plan.timeZone
        var period = context.period
        period.start = first
        period.end = end
        period.startInstant = zone.startOfDay(first)
        period.endInstant = zone.startOfDay(end)
        let (lo, hi) = (period.startInstant, period.endInstant)
        var data = context.data
        data.assignments = data.assignments.filter { $0.start >= lo && $0.start < hi }
        data.attendance = data.attendance.filter { $0.start >= lo && $0.start < hi }
        data.carpoolRequests = data.carpoolRequests.filter { $0.requestedAt >= lo && $0.requestedAt < hi }
        // Helpers that take the data rather than the context read the plan's period.
        var plan = data.plan
        plan.period = period
        data.plan = plan
        out.data = data
        out.period = period
        out.tables = nil
        return out
    }

    /// The rule as it judges this run: the versions in force over part of `period`, or the one
    /// in force at `asOf` when the run is judged as of a date; the rule itself without versions.
    static func judging(_ rule: Rule, period: Period, asOf: CivilDate?) -> [Rule] {
        guard !rule.versions.isEmpty else { return [rule] }
        if let asOf { return [rule.inForce(at: asOf)] }
        let last = CivilDate(daysSinceEpoch: period.end.daysSinceEpoch - 1)
        return rule.versions.filter { v in
            (v.from.map { $0 <= last } ?? true) && (v.until.map { $0 >= period.start } ?? true)
        }.map(\.rule)
    }
}
