/// The staffing of each unit against the plan's requirement (`unit.staffing`, as the coverage
/// kind reads it without `min:`), folded onto a week: for each weekday × hour, the worst ratio
/// present / required over the checking period's occurrences of that hour.
///
/// Each requirement of a unit counts the distinct contributors assigned to the unit (with the
/// requirement's position when it names one) over the requirement's hours, exactly as the
/// coverage kind does; an assignment without a position does not count for a position
/// requirement here (the kind calls that indeterminate; a map has to draw something, and it
/// draws what is known). A cell's state is the worst over every requirement and every
/// occurrence of its hour.
///
/// Complexity: per unit and requirement, one `Timeline.segments` sweep (O(n log n) in the
/// unit's assignments) plus one step per promised hour of the period; O(n) to group
/// assignments by unit; a sort of the units by gap hours.
public struct CoverageMap: Sendable, Hashable {
    /// How a weekday × hour cell is staffed.
    public enum State: String, Sendable, Hashable, CaseIterable {
        /// Every occurrence meets every requirement.
        case met
        /// Some occurrence has fewer than required, but someone counted.
        case below
        /// Some occurrence has nobody for a requirement.
        case none
        /// The plan promises nothing at that hour.
        case notPromised = "closed"

        /// Fewer than required at some occurrence.
        public var isGap: Bool { self == .below || self == .none }
    }

    /// One weekday × hour of a unit's week.
    public struct Cell: Sendable, Hashable {
        /// 0 = Monday … 6 = Sunday.
        public var weekday: Int
        /// 0…23, local time.
        public var hour: Int
        /// Occurrences of this hour in the period where something is required.
        public var promised = 0
        /// Occurrences where fewer than required are present, for some requirement.
        public var gapOccurrences = 0
        /// Total time below the requirement in this cell over the period, in seconds.
        public var gapSeconds: Int64 = 0
        /// The worst present / required seen (nil when nothing is promised).
        public var worstPresent: Int?
        public var worstRequired: Int?
        /// The position of the worst requirement, when it names one.
        public var worstPosition: String?

        public var state: State {
            guard promised > 0, let p = worstPresent, let r = worstRequired else { return .notPromised }
            if p >= r { return .met }
            return p == 0 ? .none : .below
        }
    }

    /// One unit's week.
    public struct UnitWeek: Sendable, Hashable {
        public var unit: String
        public var name: String?
        /// 168 cells, Monday 00:00 first, hour by hour.
        public var cells: [Cell]
        /// Total time below the requirement over the period (the union over requirements).
        public var gapSeconds: Int64

        /// The cell of `weekday` (0 = Monday) at `hour`.
        public func cell(weekday: Int, hour: Int) -> Cell { cells[weekday * 24 + hour] }
    }

    /// The units drawn, most gap time first (then by id), at most `limit`.
    public var units: [UnitWeek]
    /// Units with a staffing requirement that were left out by the limit.
    public var omitted: Int
    /// Units with no staffing requirement (nothing to draw).
    public var withoutStaffing: Int

    /// The default number of units drawn.
    public static let defaultLimit = 40

    /// The map of `data`'s units with a staffing requirement over the checking period.
    /// - Parameter limit: the most units drawn (those with the most gap hours).
    public init(_ data: ServiceData, limit: Int = CoverageMap.defaultLimit) {
        let byUnit = UnitAssignments(data)
        var weeks: [UnitWeek] = []
        var withoutStaffing = 0
        for unit in data.plan.units {
            let requirements = unit.staffing.filter { $0.min > 0 }
            guard !requirements.isEmpty else { withoutStaffing += 1; continue }
            let indices = unit.index < byUnit.byUnit.count ? byUnit.byUnit[unit.index] : []
            weeks.append(Self.week(unit, requirements, indices, data))
        }
        weeks.sort { $0.gapSeconds != $1.gapSeconds ? $0.gapSeconds > $1.gapSeconds : $0.unit < $1.unit }
        let kept = max(0, limit)
        units = Array(weeks.prefix(kept))
        omitted = weeks.count - units.count
        self.withoutStaffing = withoutStaffing
    }

    static func week(_ unit: Unit, _ requirements: [StaffingRequirement], _ indices: [Int], _ data: ServiceData) -> UnitWeek {
        let zone = data.timeZone
        var cells = (0..<168).map { Cell(weekday: $0 / 24, hour: $0 % 24) }
        var windows: [Timeline.Span] = []
        var gaps: [Timeline.Span] = []
        for requirement in requirements {
            let window = Timeline.merge(data.intervals(of: requirement, in: unit).map { $0 })
            guard !window.isEmpty else { continue }
            windows += window
            var presences: [Timeline.Presence] = []
            presences.reserveCapacity(indices.count)
            for i in indices {
                let a = data.assignments[i]
                if let position = requirement.position, a.position != position { continue }
                // Unresolved contributors (never after a successful load) count as themselves.
                let who = a.contributorIndex >= 0 ? a.contributorIndex : data.contributors.count + i
                presences.append(Timeline.Presence(Timeline.Span(a.start, a.end), who: who))
            }
            let required = requirement.min
            for segment in Timeline.segments(presences, within: window) {
                let present = segment.present.count
                if present < required { gaps.append(segment.span) }
                forEachHour(segment.span, zone) { c, _, _ in
                    // present / required < worstPresent / worstRequired, without division.
                    if let wp = cells[c].worstPresent, let wr = cells[c].worstRequired, present * wr >= wp * required { return }
                    cells[c].worstPresent = present
                    cells[c].worstRequired = required
                    cells[c].worstPosition = requirement.position
                }
            }
        }
        // Occurrences are counted over the unions, so that two requirements over one hour
        // count it once; spans come sorted, so the last local hour seen per cell dedupes.
        var lastPromised = [Int64](repeating: .min, count: 168)
        for span in Timeline.merge(windows) {
            forEachHour(span, zone) { c, hourIndex, _ in
                if lastPromised[c] != hourIndex { cells[c].promised += 1; lastPromised[c] = hourIndex }
            }
        }
        var lastGap = [Int64](repeating: .min, count: 168)
        var total: Int64 = 0
        for span in Timeline.merge(gaps) {
            total += span.length
            forEachHour(span, zone) { c, hourIndex, seconds in
                cells[c].gapSeconds += seconds
                if lastGap[c] != hourIndex { cells[c].gapOccurrences += 1; lastGap[c] = hourIndex }
            }
        }
        return UnitWeek(unit: unit.id, name: unit.name, cells: cells, gapSeconds: total)
    }

    /// Calls `body(cell, local hour index, seconds)` for each piece of `span` cut at local hour
    /// boundaries. A piece that straddles a change of offset is given to the hour it starts in.
    static func forEachHour(_ span: Timeline.Span, _ zone: ZoneRules, _ body: (Int, Int64, Int64) -> Void) {
        var cursor = span.start
        while cursor < span.end {
            let local = zone.local(utc: cursor)
            let hourIndex = local >= 0 ? local / 3600 : (local - 3599) / 3600
            let day = hourIndex >= 0 ? hourIndex / 24 : (hourIndex - 23) / 24
            let hour = Int(hourIndex - day * 24)
            let weekday = CivilCalendar.weekday(days: day)
            // Each step moves forward by at least one second.
            let next = min(span.end, cursor + ((hourIndex + 1) * 3600 - local))
            body(weekday * 24 + hour, hourIndex, next - cursor)
            cursor = next
        }
    }
}
