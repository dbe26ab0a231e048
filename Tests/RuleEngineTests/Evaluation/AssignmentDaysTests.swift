import Testing
@testable import RuleEngine

/// Each assignment's first and last local day, worked out once per run (`AssignmentDays`):
/// the days `LocalDates` gives from the assignment itself.
@Suite struct AssignmentDaysTests {
    @Test func theTableGivesTheLocalDaysOfEachAssignment() throws {
        let data = try KindTest.data(plan: KindTest.plan(), contributors: """
            id,role
            c1,spv
            """, assignments: """
            id,contributor,unit,start,end,kind
            a1,c1,u1,2026-03-24T08:00,2026-03-24T12:00,garde
            a2,c1,u1,2026-03-28T19:00,2026-03-29T07:00,garde
            a3,c1,u1,2026-03-29T00:30,2026-03-30T00:00,garde
            a4,c1,u1,2026-03-31T10:00,2026-03-31T10:30,garde
            a5,c1,u1,2026-04-01T23:30,2026-04-03T00:30,astreinte
            """)
        let zone = data.timeZone
        let days = AssignmentDays(data)
        // a2 crosses the spring time change; a3 starts at 00:30 local (23:30 UTC the day before)
        // and ends at midnight, which it does not need.
        #expect(data.assignments.indices.map { CivilDate(dayNumber: days.first($0)).iso }
            == ["2026-03-24", "2026-03-28", "2026-03-29", "2026-03-31", "2026-04-01"])
        #expect(data.assignments.indices.map { CivilDate(dayNumber: days.last($0)).iso }
            == ["2026-03-24", "2026-03-29", "2026-03-29", "2026-03-31", "2026-04-03"])
        for (i, a) in data.assignments.enumerated() {
            #expect(days.first(i) == LocalDates.day(a.start, zone))
            #expect(days.last(i) == LocalDates.lastDayNumber(start: a.start, end: a.end, zone))
        }
        var context = EvaluationContext(data: data, asOf: data.plan.period.start)
        context.tables = DerivedTables()
        #expect(data.assignments.indices.allSatisfy { context.assignmentDays.last($0) == days.last($0) })
    }
}
