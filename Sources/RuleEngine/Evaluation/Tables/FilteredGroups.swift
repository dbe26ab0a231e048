import Foundation

/// Assignments grouped by contributor under a `where:`, kept by what the filter decides
/// (`CompiledExpression.meaningKey`: its checked tree and the values of the parameters it
/// reads): on the national plan three validity rules (`spv.medical-fitness`, `spv.fmpa`,
/// `spv.medical-periodicity`) count `assignment.kind in ['garde', 'astreinte']`, and each
/// decided it on a million assignments and grouped them again.
///
/// A rule that asks while another groups under the same key waits for that grouping instead of
/// repeating it: its core would spend the same time grouping.
final class FilteredGroups: @unchecked Sendable {
    private let condition = NSCondition()
    private var built: [String: ContributorAssignments] = [:]
    private var building: Set<String> = []

    /// The groups stored under `key`, else those `build` makes (stored for the other rules).
    func groups(_ key: String, build: () -> ContributorAssignments) -> ContributorAssignments {
        condition.lock()
        while building.contains(key) { condition.wait() }
        if let known = built[key] {
            condition.unlock()
            return known
        }
        building.insert(key)
        condition.unlock()
        let groups = build()
        condition.lock()
        built[key] = groups
        building.remove(key)
        condition.broadcast()
        condition.unlock()
        return groups
    }
}

extension EvaluationContext {
    /// The assignments `filter` counts, grouped by contributor (see `ContributorAssignments`):
    /// shared by the rules of the run whose filter decides the same, or grouped here.
    func contributorAssignments(filter: CompiledExpression?, activation: inout Activation) -> ContributorAssignments {
        guard let filter, let tables else { return ContributorAssignments(self, filter: filter, activation: &activation) }
        return tables.filteredGroups.groups(filter.meaningKey(params: params)) {
            ContributorAssignments(self, filter: filter, activation: &activation)
        }
    }
}
