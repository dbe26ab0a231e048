import Testing
@testable import RuleEngine

/// Opening hours expanded once per run and shared (`DerivedTables.expandedHours`): the same
/// intervals as expanding them in place, whatever asks first.
@Suite struct ExpandedHoursTests {
    static func data() throws -> ServiceData {
        let plan = KindTest.plan("""
            opening_hours: "Mo-Fr 08:00-18:00"
            units:
              - {id: u1, kind: station}
              - {id: u2, kind: station, opening_hours: "Mo 19:00-24:00; Tu 00:00-07:00"}
              - {id: u3, kind: station, opening_hours: "24/7"}
            """, start: "2026-03-27", end: "2026-04-02", rosters: ["contributors.csv"])
        return try KindTest.data(plan: plan, files: ["contributors.csv": KindTest.contributors([("c1", "u1")])])
    }

    @Test func sharedExpansionsAreThoseOfEachHoursInPlace() throws {
        let data = try Self.data()
        var context = EvaluationContext(data: data, asOf: data.plan.period.start)
        let alone = data.plan.units.map { context.expand(data.openingHours(of: $0)) }
        #expect(context.tables == nil)
        // The spring time change (2026-03-29) is inside the period: a 23-hour Sunday.
        #expect(alone[2].reduce(0) { $0 + $1.length } == 6 * 86_400 - 3_600)
        // Fri, Mon, Tue, Wed from 08:00; Monday evening runs into Tuesday morning: one interval.
        #expect(alone[0].count == 4 && alone[1].count == 1)
        context.tables = DerivedTables()
        for order in [[0, 1, 2, 0, 1, 2], [2, 1, 0, 2]] {
            for u in order {
                #expect(context.expand(data.openingHours(of: data.plan.units[u])) == alone[u], "unit \(u) in \(order)")
            }
        }
        #expect(context.expand(.alwaysOpen) == data.expand(.alwaysOpen))
    }
}
