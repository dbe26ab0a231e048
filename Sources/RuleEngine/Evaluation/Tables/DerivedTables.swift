import Foundation

/// Tables derived from a run's data that several rules need — each unit's assignments and
/// members, each contributor's busy spans and assignments — built once per run, on first use,
/// and shared by the rules of that run (a national run has six coverage rules and five rules
/// without `where:` over a million assignments).
///
/// `Engine.run` gives every rule of one run the same instance, made for that run's data; a
/// context made elsewhere has none, and its kinds build their own tables. Never reuse one
/// across data: the tables are not checked against it.
public final class DerivedTables: @unchecked Sendable {
    /// One lock per table: a table being built must not hold up rules that need another.
    private let unitAssignmentsLock = NSLock(), unitMembersLock = NSLock(), busySpansLock = NSLock(),
                contributorAssignmentsLock = NSLock(), verdictsLock = NSLock(), availableSpansLock = NSLock()
    private var unitAssignments: UnitAssignments?
    private var unitMembers: UnitMembers?
    private var busySpans: BusySpans?
    private var availableSpans: BusySpans?
    private var contributorAssignments: ContributorAssignments?
    private let assignmentDaysLock = NSLock()
    private var assignmentDays: AssignmentDays?
    /// `where:` verdicts on a unit's assignments, by what the filter decides
    /// (`CompiledExpression.meaningKey`, its parameters' values included) then unit index:
    /// rules with the same filter decide each assignment once.
    private var unitVerdicts: [String: [Int: [Verdict]]] = [:]
    /// Requirement gaps by way of counting (`CoverageRun.gapsKey`).
    private let gapsLock = NSLock()
    private var staffingGaps: [String: StaffingGaps] = [:]
    /// Opening hours expanded over the period, by hours.
    let expandedHours = ExpandedHours()
    /// Assignments grouped by contributor under a `where:`, by what it decides.
    let filteredGroups = FilteredGroups()

    public init() {}

    /// The table `make` builds. Built outside the lock: a caller that asks while another
    /// builds it builds its own rather than leave its core idle (the first one stored wins;
    /// they are equal).
    private func shared<T>(_ slot: ReferenceWritableKeyPath<DerivedTables, T?>, _ lock: NSLock, _ make: () -> T) -> T {
        if let table = lock.withLock({ self[keyPath: slot] }) { return table }
        let table = make()
        return lock.withLock {
            if let first = self[keyPath: slot] { return first }
            self[keyPath: slot] = table
            return table
        }
    }

    func unitAssignments(_ data: ServiceData) -> UnitAssignments { shared(\.unitAssignments, unitAssignmentsLock) { UnitAssignments(data) } }
    func unitMembers(_ data: ServiceData) -> UnitMembers { shared(\.unitMembers, unitMembersLock) { UnitMembers(data) } }
    func busySpans(_ data: ServiceData) -> BusySpans { shared(\.busySpans, busySpansLock) { BusySpans(data) } }
    func availableSpans(_ data: ServiceData) -> BusySpans {
        shared(\.availableSpans, availableSpansLock) { BusySpans(data, availability: true) }
    }
    func assignmentDays(_ data: ServiceData) -> AssignmentDays { shared(\.assignmentDays, assignmentDaysLock) { AssignmentDays(data) } }
    func contributorAssignments(_ data: ServiceData) -> ContributorAssignments {
        shared(\.contributorAssignments, contributorAssignmentsLock) { ContributorAssignments(data) }
    }

    /// The verdicts of the filter keyed `source` on the assignments of unit `unit`, if a rule of
    /// the run has stored them.
    func unitVerdicts(_ source: String, unit: Int) -> [Verdict]? {
        verdictsLock.withLock { unitVerdicts[source]?[unit] }
    }

    /// Stores them for the other rules. Two rules that meet on one unit may both compute and
    /// store them, with the same result.
    func store(_ verdicts: [Verdict], _ source: String, unit: Int) {
        verdictsLock.withLock { unitVerdicts[source, default: [:]][unit] = verdicts }
    }

    /// The requirement gaps of the rules that count the way keyed `key` (filled as they go).
    func staffingGaps(_ key: String) -> StaffingGaps {
        gapsLock.withLock {
            if let table = staffingGaps[key] { return table }
            let table = StaffingGaps()
            staffingGaps[key] = table
            return table
        }
    }
}

extension EvaluationContext {
    /// Each unit's assignments: the run's shared table, or built here.
    var unitAssignments: UnitAssignments { tables?.unitAssignments(data) ?? UnitAssignments(data) }
    /// Each unit's members: the run's shared table, or built here.
    var unitMembers: UnitMembers { tables?.unitMembers(data) ?? UnitMembers(data) }
    /// Each contributor's merged assignment spans: the run's shared table, or built here.
    var busySpans: BusySpans { tables?.busySpans(data) ?? BusySpans(data) }
    /// Each assignment's first and last local day: the run's shared table, or built here.
    var assignmentDays: AssignmentDays { tables?.assignmentDays(data) ?? AssignmentDays(data) }
    /// Each contributor's merged spans of declared availability.
    var availableSpans: BusySpans { tables?.availableSpans(data) ?? BusySpans(data, availability: true) }
}
