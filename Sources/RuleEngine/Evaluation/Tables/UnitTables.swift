/// The assignments of each unit, as index arrays into `ServiceData.assignments`, built in one
/// O(n) pass (a counting sort by unit) so that a kind never scans all assignments per unit.
public struct UnitAssignments: Sendable {
    /// `byUnit[u]` = indices of the assignments of `plan.units[u]`, in file order.
    public let byUnit: [[Int]]

    public init(_ data: ServiceData) {
        var out = [[Int]](repeating: [], count: data.plan.units.count)
        for (i, a) in data.assignments.enumerated() where out.indices.contains(a.unitIndex) {
            out[a.unitIndex].append(i)
        }
        byUnit = out
    }
}

/// The contributors who belong to each unit (`contributor.units`), by unit index.
public struct UnitMembers: Sendable {
    public let byUnit: [[Int]]

    public init(_ data: ServiceData) {
        var out = [[Int]](repeating: [], count: data.plan.units.count)
        for (i, c) in data.contributors.enumerated() {
            // A unit listed twice by one contributor makes them a member once.
            var seen: Set<Int> = []
            for id in c.units ?? [] {
                if let u = data.unitIndex[id], seen.insert(u).inserted { out[u].append(i) }
            }
        }
        byUnit = out
    }
}
