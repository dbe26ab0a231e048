/// The measure behind `kind: response_time`, shared by the kind and the HTML report's territory
/// section: when each unit of the travel table is staffed, and for each commune the spans of the
/// promised hours in which no unit within its target is.
///
/// A unit is *staffed* at an instant when it is open and every staffing requirement the
/// coverage kind would check there is met (`CoverageRun`, the same engagements, `where:` and
/// positions); a unit with no requirement is staffed whenever it is open. Where an assignment's
/// `where:` cannot be decided, the unit is *maybe* staffed: a commune beyond target even if
/// those units were staffed is a failure, one beyond target only without them is undecided.
struct ResponseAnalysis {
    /// When one unit can respond.
    struct Staffing {
        /// Surely staffed: open, every requirement met counting only certain assignments.
        var sure: [Timeline.Span]
        /// Possibly staffed: open, every requirement met counting undecided assignments too.
        var maybe: [Timeline.Span]
    }

    /// One maximal span of a commune's promised hours with no unit within target staffed.
    struct Beyond {
        var span: Timeline.Span
        /// The minutes of the fastest unit staffed over the whole span, counting slower units in
        /// turn; nil when even all the units of the table leave some instant of it uncovered.
        var worstMinutes: Double?
        /// The unit of the table that would have been in time had it been staffed: the fastest
        /// unit within target that is open during the span (nil when none is open then).
        var cause: TravelTimes.Row?
    }

    /// What is known of one commune.
    enum CommuneOutcome {
        /// Measured: spans beyond target (failures) and spans undecided for missing data.
        case measured(target: ResponseTarget, rows: [TravelTimes.Row], beyond: [Beyond], undecided: [Timeline.Span])
        /// Cannot be measured: why, and the data that is missing.
        case unsettled(String, [String])
    }

    let context: EvaluationContext
    let cover: ResponseCover
    /// The promised hours over the period.
    let promised: [Timeline.Span]
    let byCommune: [String: [TravelTimes.Row]]
    /// Staffing of each unit in the table, by unit index.
    private(set) var staffing: [Int: Staffing] = [:]
    /// Open intervals of each unit in the table, by unit index.
    private(set) var open: [Int: [Timeline.Span]] = [:]
    /// Results about units and assignments met while working out staffing (a unit `units:`
    /// cannot select, a `where:` that fails): reported by the rule as they are.
    private(set) var side: [RuleResult] = []

    /// - Parameters:
    ///   - spec: what staffed means (coverage's keys: units, where, min, position, engagements).
    ///   - hours: the promised hours; nil: the plan's opening hours, else 24/7.
    init?(_ spec: CoverageSpec, hours: OpeningHours?, _ context: EvaluationContext) {
        guard let cover = context.data.plan.territory.response else { return nil }
        self.context = context
        self.cover = cover
        let data = context.data
        promised = Timeline.merge(context.expand(hours ?? data.plan.openingHours ?? .alwaysOpen))
        byCommune = cover.travel.byCommune()
        let units = Set(cover.travel.rows.map(\.unit)).sorted()
        var run = CoverageRun(spec, context)
        // Walked from the last unit: the coverage rules that share these gaps walk theirs from
        // the first, so when both run at once they meet once instead of racing over the same
        // units. Side results are reported in unit order all the same.
        var sideByUnit: [Int: [RuleResult]] = [:]
        for u in units.reversed() where data.plan.units.indices.contains(u) {
            let unit = data.plan.units[u]
            // Gaps of every requirement of this unit, through the coverage kind's own machinery
            // (shared with the coverage rules of the run that count the same way).
            var certainGaps: [Timeline.Span] = [], undecided: [Timeline.Span] = []
            var called = false
            var results: [RuleResult] = []
            run.forEachRequirementGaps(into: &results, units: u..<(u + 1)) { _, _, analysis in
                called = true
                certainGaps += analysis.gaps.map(\.span)
                undecided += analysis.undecided
                return []
            }
            var selected = true
            for r in results where r.outcome != .pass {
                if r.key == "units" { selected = false }
                sideByUnit[u, default: []].append(r)
            }
            if results.isEmpty && !called { selected = false } // skipped by `units:`
            let hours = Timeline.merge(context.expand(data.openingHours(of: unit)))
            open[u] = hours
            guard selected else {
                staffing[u] = Staffing(sure: [], maybe: [])
                continue
            }
            let maybe = Timeline.subtract(hours, certainGaps)
            staffing[u] = Staffing(sure: Timeline.subtract(maybe, undecided), maybe: maybe)
        }
        side = units.flatMap { sideByUnit[$0] ?? [] }
    }

    /// The outcome for one commune.
    func outcome(_ commune: Commune) -> CommuneOutcome {
        guard let risk = commune.risk else {
            return .unsettled("commune \(commune.insee) has no risk level", ["commune.risk"])
        }
        guard let target = cover.target(risk: risk) else {
            return .unsettled("the plan sets no response-time target for risk '\(risk)' (territory.response.targets)",
                              ["territory.response.targets"])
        }
        guard let rows = byCommune[commune.insee], !rows.isEmpty else {
            return .unsettled("no travel time from any unit to commune \(commune.insee)", ["territory.response.travel_times"])
        }
        let inTime = rows.filter { $0.minutes <= target.maxMinutes }
        var maybe: [Timeline.Span] = [], sure: [Timeline.Span] = []
        for r in inTime {
            maybe += staffing[r.unit]?.maybe ?? []
            sure += staffing[r.unit]?.sure ?? []
        }
        let beyondSpans = Timeline.subtract(promised, maybe)
        let undecided = Timeline.subtract(Timeline.subtract(promised, sure), beyondSpans)
        let slower = rows.filter { $0.minutes > target.maxMinutes }
        let beyond = beyondSpans.map { span -> Beyond in
            var left = [span]
            var worst: Double?
            for r in slower {
                left = Timeline.subtract(left, staffing[r.unit]?.maybe ?? [])
                if left.isEmpty { worst = r.minutes; break }
            }
            let cause = inTime.first { r in !Timeline.intersect([span], open[r.unit] ?? []).isEmpty }
            return Beyond(span: span, worstMinutes: worst, cause: cause)
        }
        return .measured(target: target, rows: rows, beyond: beyond, undecided: undecided)
    }

    /// The minutes of the fastest unit staffed at instant `t` for a commune (nil: none of its
    /// table), counting units that are maybe staffed.
    func fastest(_ rows: [TravelTimes.Row], at t: Int64) -> Double? {
        for r in rows {
            guard let spans = staffing[r.unit]?.maybe else { continue }
            if spans.contains(where: { $0.start <= t && t < $0.end }) { return r.minutes }
        }
        return nil
    }
}
