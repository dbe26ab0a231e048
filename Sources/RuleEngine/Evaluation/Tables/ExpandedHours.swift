import Foundation

/// Opening hours expanded over the plan's period (`ServiceData.expand`), kept by hours: the
/// thousands of units of a national plan share a few distinct opening hours, and each coverage
/// rule expanded every unit's own, day by day with its holidays (1.6 % of a national check's
/// CPU, spread over eight rules).
final class ExpandedHours: @unchecked Sendable {
    private let lock = NSLock()
    private var byHours: [OpeningHours: [Interval]] = [:]

    /// `hours` over the period of `data` (the run's data: the table is not checked against it).
    func intervals(_ hours: OpeningHours, _ data: ServiceData) -> [Interval] {
        if let known = lock.withLock({ byHours[hours] }) { return known }
        // Expanded outside the lock: two rules that meet here both expand, with the same result.
        let expanded = data.expand(hours)
        lock.withLock { byHours[hours] = expanded }
        return expanded
    }
}

extension EvaluationContext {
    /// `hours` over the plan's period: the run's shared expansion, or expanded here.
    func expand(_ hours: OpeningHours) -> [Interval] {
        tables?.expandedHours.intervals(hours, data) ?? data.expand(hours)
    }
}
