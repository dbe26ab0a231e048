import Foundation

/// What one staffing requirement of one unit leaves uncovered: the maximal spans with fewer
/// present than it requires, counting every assignment that may count (`gaps`: failures), and
/// the spans where it is met only if the assignments whose `where:` is undecided count
/// (`undecided`, with the data whose absence left them so).
struct RequirementGaps: Sendable, Hashable {
    var gaps: [Timeline.Gap]
    var undecided: [Timeline.Span]
    var missing: [String]
}

/// Each unit's requirement gaps under one way of counting, worked out once per run and shared
/// by the rules that count the same way (`CoverageRun.gapsKey`): on the national plan,
/// `cont.plan-staffing` (coverage) and `spv.response-time` (response_time) both measure the
/// plan's staffing with duty and on-call assignments, a sweep over a million assignments that
/// the second rule to reach a unit now reads instead of repeating.
///
/// Filled unit by unit, by whichever rule gets there first: two rules that meet on one unit may
/// both work it out and store it, with the same result (nothing waits for another rule).
final class StaffingGaps: @unchecked Sendable {
    private let lock = NSLock()
    /// Unit index → its requirements' gaps, in the order of the unit's requirements.
    private var byUnit: [Int: [RequirementGaps]] = [:]

    /// The gaps of unit `unit`'s requirements, if a rule of the run has stored them.
    func gaps(of unit: Int) -> [RequirementGaps]? {
        lock.withLock { byUnit[unit] }
    }

    /// Stores them for the other rules.
    func store(_ gaps: [RequirementGaps], of unit: Int) {
        lock.withLock { byUnit[unit] = gaps }
    }
}
