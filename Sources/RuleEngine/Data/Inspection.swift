/// What `spp-check inspect PLAN` shows: the plan and its roster as the engine read them.
public struct Inspection: Codable, Hashable, Sendable {
    public struct Count: Codable, Hashable, Sendable {
        public var record: String
        public var count: Int
    }

    /// One open interval in local time, with its length.
    public struct OpenSpan: Codable, Hashable, Sendable {
        public var start: String
        public var end: String
        public var hours: Double
    }

    public struct UnitHours: Codable, Hashable, Sendable {
        public var unit: String
        public var kind: String
        public var openingHours: String
        /// The open intervals of the first seven days of the period.
        public var firstWeek: [OpenSpan]
        /// Open hours over the whole period.
        public var periodHours: Double

        enum CodingKeys: String, CodingKey {
            case unit, kind, openingHours = "opening_hours", firstWeek = "first_week", periodHours = "period_hours"
        }
    }

    public var id: String
    public var name: String
    public var kind: String
    public var files: [String]
    public var timeZone: String
    public var periodStart: String
    /// Excluded.
    public var periodEnd: String
    public var periodDays: Int
    public var counts: [Count]
    public var units: [UnitHours]
    public var warnings: [String]

    /// snake_case in JSON, like every other key spp-check writes.
    enum CodingKeys: String, CodingKey {
        case id, name, kind, files, counts, units, warnings
        case timeZone = "time_zone", periodStart = "period_start", periodEnd = "period_end", periodDays = "period_days"
    }

    /// Gathers the inspection of loaded data.
    public init(_ data: ServiceData) {
        let plan = data.plan
        id = plan.id
        name = plan.name
        kind = plan.kind.rawValue
        files = data.files
        timeZone = plan.timeZone.identifier
        periodStart = plan.period.start.iso
        periodEnd = plan.period.end.iso
        periodDays = Int(plan.period.end.daysSinceEpoch - plan.period.start.daysSinceEpoch)
        let quals = data.contributors.reduce(0) { $0 + ($1.qualifications?.count ?? 0) }
        counts = [
            Count(record: "units", count: plan.units.count),
            Count(record: "zones", count: plan.territory.zones.count),
            Count(record: "communes", count: plan.territory.zones.reduce(0) { $0 + $1.communes.count }),
            Count(record: "contributors", count: data.contributors.count),
            Count(record: "qualifications", count: quals),
            Count(record: "assignments", count: data.assignments.count),
            Count(record: "attendance", count: data.attendance.count),
            Count(record: "carpool_requests", count: data.carpoolRequests.count),
        ]
        let zone = plan.timeZone
        let weekEndDate = min(plan.period.end.daysSinceEpoch, plan.period.start.daysSinceEpoch + 7)
        let weekEnd = zone.startOfDay(CivilDate(daysSinceEpoch: weekEndDate))
        units = plan.units.map { unit in
            let all = data.openIntervals(of: unit)
            let week = Interval.intersect(all, [Interval(start: plan.period.startInstant, end: weekEnd)])
            return UnitHours(
                unit: unit.id, kind: unit.kind.rawValue, openingHours: data.openingHours(of: unit).source,
                firstWeek: week.map {
                    OpenSpan(start: LocalTime.format(local: zone.local(utc: $0.start)),
                             end: LocalTime.format(local: zone.local(utc: $0.end)), hours: Double($0.duration) / 3600)
                },
                periodHours: Double(Interval.totalDuration(all)) / 3600)
        }
        warnings = data.warnings.map(\.description)
    }

    /// The human-readable rendering.
    public var text: String {
        func num(_ d: Double) -> String { d == d.rounded() ? String(Int(d)) : String(format2(d)) }
        var out: [String] = []
        out.append("plan \(id) (\(kind)): \(name)")
        out.append("files: \(files.joined(separator: ", "))")
        out.append("time zone: \(timeZone)")
        out.append("period: \(periodStart) to \(periodEnd) (\(periodDays) days, end excluded)")
        out.append("records:")
        for c in counts { out.append("  \(c.record): \(c.count)") }
        out.append("opening hours, first week:")
        for u in units {
            out.append("  \(u.unit) (\(u.kind)) \"\(u.openingHours)\": \(num(u.periodHours)) h over the period")
            if u.firstWeek.isEmpty { out.append("    closed") }
            for s in u.firstWeek { out.append("    \(s.start) → \(s.end) (\(num(s.hours)) h)") }
        }
        if !warnings.isEmpty {
            out.append("warnings:")
            for w in warnings { out.append("  \(w)") }
        }
        return out.joined(separator: "\n")
    }
}

/// Two decimals without Foundation's formatter.
private func format2(_ d: Double) -> String {
    let scaled = (d * 100).rounded()
    let whole = Int(scaled / 100)
    let frac = Int(abs(scaled).truncatingRemainder(dividingBy: 100))
    return "\(whole).\(frac < 10 ? "0" : "")\(frac)"
}
