import Foundation
import Testing
@testable import RuleEngine

/// Cutting a plan and its CSV rosters down to the records a scaffolded test needs.
@Suite struct ScaffoldDataTests {
    @Test func aCSVKeepsItsHeaderAndTheRecordsOnTheKeptLines() {
        let text = "id,note\na,x\nb,\"two\nlines\"\nc,y\n"
        #expect(ScaffoldData.trimCSV(text, keeping: [3]) == "id,note\nb,\"two\nlines\"\n")
        #expect(ScaffoldData.trimCSV(text, keeping: [2, 5]) == "id,note\na,x\nc,y\n")
        #expect(ScaffoldData.trimCSV(text, keeping: []) == "id,note\n")
    }

    @Test func unitsNotKeptAreCutOutLineByLine() throws {
        let plan = """
            id: p
            name: P
            kind: fire_rescue
            effective_from: 2026-01-01
            period: {start: 2026-03-02, end: 2026-03-09}
            units:
              - id: u1
                kind: station
              - id: u2
                kind: station
                # u2's own comment
            opening_hours: 24/7
            """
        let data = try PlanLoader.load(planBytes: Array(plan.utf8), planFile: "p.yaml") { _ in ("", nil) }
        let cut = try #require(ScaffoldData.trimUnits(plan, units: data.plan.units, keeping: ["u1"]))
        #expect(cut == plan.replacingOccurrences(of: "  - id: u2\n    kind: station\n    # u2's own comment\n", with: ""))
    }
}
