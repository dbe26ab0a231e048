import Testing
@testable import RuleEngine

/// What an assignment commits its contributor to: stated in `engagement`, or implied by the
/// fields rosters wrote before it existed.
@Suite struct EngagementTests {
    static let contributors = "id,role\nc-1,spv\n"

    func assignments(_ rows: String, header: String = "id,contributor,unit,start,end,kind,source,engagement,reach_minutes") throws -> [Assignment] {
        try loadFiles(withRosters(["contributors.csv": Self.contributors, "assignments.csv": header + "\n" + rows])).assignments
    }

    @Test func aStatedEngagementIsRead() throws {
        let a = try assignments("""
            a-1,c-1,cis-a,2026-03-02T19:00,2026-03-03T07:00,garde,plan,duty,
            a-2,c-1,cis-a,2026-03-03T19:00,2026-03-04T07:00,astreinte,plan,on_call,8
            a-3,c-1,cis-a,2026-03-04T19:00,2026-03-05T07:00,astreinte,declared_availability,availability,
            """)
        #expect(a.map(\.engagement) == [.duty, .onCall, .availability])
        #expect(a.map(\.reachMinutes) == [nil, 8, nil])
        guard case .value(.string("on_call")) = a[1].field("engagement") else { Issue.record("engagement field"); return }
        guard case .value(.int(8)) = a[1].field("reach_minutes") else { Issue.record("reach_minutes field"); return }
        guard case .missing = a[0].field("reach_minutes") else { Issue.record("a missing reach is missing"); return }
    }

    @Test func withoutTheColumnTheEngagementIsImpliedByKindAndSource() throws {
        let a = try assignments("""
            a-1,c-1,cis-a,2026-03-02T19:00,2026-03-03T07:00,garde,plan
            a-2,c-1,cis-a,2026-03-03T19:00,2026-03-04T07:00,astreinte,
            a-3,c-1,cis-a,2026-03-04T19:00,2026-03-05T07:00,garde,declared_availability
            """, header: "id,contributor,unit,start,end,kind,source")
        #expect(a.map(\.engagement) == [.duty, .onCall, .availability])
    }

    @Test func anEmptyCellIsImpliedToo() throws {
        let a = try assignments("a-1,c-1,cis-a,2026-03-02T19:00,2026-03-03T07:00,astreinte,,,\n")
        #expect(a.map(\.engagement) == [.onCall])
    }

    @Test(arguments: [
        ("a-1,c-1,cis-a,2026-03-02T19:00,2026-03-03T07:00,garde,plan,oncall,", "assignments.csv:2:8: error: bad engagement 'oncall' in column 'engagement': expected 'duty', 'on_call', 'availability'; did you mean 'on_call'?"),
        ("a-1,c-1,cis-a,2026-03-02T19:00,2026-03-03T07:00,astreinte,plan,on_call,-3", "assignments.csv:2:9: error: bad reach_minutes '-3' in column 'reach_minutes': expected minutes, 0 or more"),
    ])
    func badValuesAreLocatedErrors(row: String, expected: String) {
        let errors = loadErrors(withRosters(["contributors.csv": Self.contributors,
                                             "assignments.csv": "id,contributor,unit,start,end,kind,source,engagement,reach_minutes\n" + row]))
        #expect(errors.contains(expected), "\(errors)")
    }
}
