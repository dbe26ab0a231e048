/// The territory as the response-time rules measure it, for the HTML report's territory section:
/// per commune the worst first-engine time over the promised hours, the target of its risk, the
/// gap and the time spent beyond target; and for the worst communes, hour of the day by hour of
/// the day, the worst first-engine time seen in that hour over the period.
///
/// It is measured by the `response_time` rules of the run themselves (`ResponseAnalysis`, the
/// same staffing and the same parameters), so the section and the findings cannot disagree.
///
/// Complexity: per rule, the kind's own analysis; per commune, one pass over its units fastest
/// first (interval unions); per drawn commune, one step per hour piece of its time line.
public struct TerritoryMap: Sendable, Hashable {
    /// One commune's measure against its target.
    public struct Row: Sendable, Hashable {
        public var insee: String
        public var name: String?
        public var population: Int?
        public var risk: String
        public var target: Double
        /// The worst first-engine time over the promised hours; nil when, at some time, no unit of
        /// the travel table is staffed.
        public var worstMinutes: Double?
        /// Time beyond target over the period, in seconds.
        public var beyondSeconds: Int64
        /// 24 cells, local hour 0 first: the worst first-engine time in that hour over the period;
        /// `.infinity` when no unit of the table is staffed at some instant of it; nil when nothing
        /// is promised then. Filled only for the communes drawn in the heat table.
        public var hours: [Double?] = []

        /// Minutes over target (worst - target; infinite when nobody is staffed at some time).
        public var gap: Double { (worstMinutes ?? .infinity) - target }
    }

    /// The rule measured (the first `response_time` rule of the run).
    public var rule: String
    /// Every commune measured, most time beyond target first, then by gap and code.
    public var rows: [Row]
    /// Communes the rule could not measure (no risk, target or travel time).
    public var unmeasured: Int

    /// The communes drawn in the heat table.
    public static let heatLimit = 12

    /// The map of the run's first `response_time` rule, or nil when it has none or the plan has
    /// no `territory.response`.
    public init?(_ result: CheckResult) {
        guard let rule = result.rules.rules.first(where: { $0.check is ResponseTimeRule }),
              let kind = rule.check as? ResponseTimeRule else { return nil }
        let data = result.data
        var params: [String: Value] = [:]
        for p in rule.params { params[p.name] = p.defaultValue }
        for (k, v) in data.plan.params[rule.id]?.values ?? [:] { params[k] = v.value }
        let context = EvaluationContext(data: data, asOf: result.run.asOf ?? data.plan.period.start, params: params,
                                        lang: result.run.lang)
        guard let analysis = kind.analysis(context) else { return nil }
        self.init(rule: rule.id, analysis: analysis)
    }

    init(rule: String, analysis: ResponseAnalysis) {
        self.rule = rule
        let data = analysis.context.data
        var rows: [Row] = []
        var unmeasured = 0
        var lines: [[(span: Timeline.Span, minutes: Double?)]] = []
        for commune in data.plan.territory.zones.flatMap(\.communes) {
            guard case .measured(let target, let units, let beyond, _) = analysis.outcome(commune) else {
                unmeasured += 1
                continue
            }
            // The first engine's time line: units fastest first, each taking what is left of
            // the promised hours while it is staffed.
            var left = analysis.promised
            var line: [(span: Timeline.Span, minutes: Double?)] = []
            var worst: Double?
            for u in units where !left.isEmpty {
                let staffed = analysis.staffing[u.unit]?.maybe ?? []
                let taken = Timeline.intersect(left, staffed)
                if !taken.isEmpty {
                    line += taken.map { ($0, u.minutes) }
                    worst = u.minutes
                }
                left = Timeline.subtract(left, staffed)
            }
            if !left.isEmpty { worst = nil }
            line += left.map { ($0, nil) }
            rows.append(Row(insee: commune.insee, name: commune.name, population: commune.population, risk: target.risk,
                            target: target.maxMinutes, worstMinutes: analysis.promised.isEmpty ? 0 : worst,
                            beyondSeconds: beyond.reduce(0) { $0 + $1.span.length }))
            lines.append(line)
        }
        var order = Array(rows.indices)
        order.sort { a, b in
            let (x, y) = (rows[a], rows[b])
            if x.beyondSeconds != y.beyondSeconds { return x.beyondSeconds > y.beyondSeconds }
            if x.gap != y.gap { return x.gap > y.gap }
            return x.insee < y.insee
        }
        let zone = data.timeZone
        for i in order.prefix(Self.heatLimit) where rows[i].beyondSeconds > 0 {
            var cells = [Double?](repeating: nil, count: 24)
            for piece in lines[i] {
                CoverageMap.forEachHour(piece.span, zone) { c, _, _ in
                    let m = piece.minutes ?? .infinity
                    cells[c % 24] = max(cells[c % 24] ?? -1, m)
                }
            }
            rows[i].hours = cells
        }
        self.rows = order.map { rows[$0] }
        self.unmeasured = unmeasured
    }
}
