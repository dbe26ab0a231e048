import Testing
@testable import RuleEngine

/// An indeterminate finding names whose data it lacked: the record and where it is written,
/// whenever that record is not the finding's own subject.
@Suite struct MissingDataTests {
    static let plan = """
        id: p
        name: P
        kind: fire_rescue
        effective_from: 2026-01-01
        period: {start: 2026-03-02, end: 2026-03-09}
        units:
          - {id: u1, kind: station}
        rosters: [contributors.csv]
        """
    static let files = [
        "contributors.csv": "id,role,units,qualifications,birth_date\nc-1,spv,u1,FI-A,1990-01-01\nc-2,spv,u1,,\n",
    ]

    func findings(_ rule: String) throws -> [Finding] {
        let data = try serviceData(plan: Self.plan, files: Self.files)
        let set = try RuleLoader.load(sources: [(file: "r.yaml", bytes: Array("rules:\n  - {id: r, principle: continuity, severity: error, title: t, \(rule)}\n".utf8))])
        return Engine.run(set.rules, on: EvaluationContext(data: data, asOf: data.plan.period.start)).findings
    }

    @Test func aUnitsFindingNamesTheContributorWhoseDataIsMissing() throws {
        let found = try findings(#"kind: assert, for_each: units, assert: "members.all(m, m.qualifications.exists(q, q.code == 'FI-A'))", message: "{{unit.id}}""#)
        let f = try #require(found.first)
        #expect(found.count == 1)
        #expect(f.subject == "unit:u1")
        #expect(f.outcome == .indeterminate)
        #expect(f.message == "cannot decide: missing m.qualifications of contributor:c-2 (contributors.csv:3)")
        #expect(f.missing == ["m.qualifications of contributor:c-2 (contributors.csv:3)"])
    }

    @Test func theSubjectsOwnMissingFieldStaysAPlainPath() throws {
        let found = try findings(#"kind: assert, for_each: contributors, assert: "age_at(contributor.birth_date, as_of) >= 18", message: "{{contributor.id}}""#)
        let f = try #require(found.first)
        #expect(found.count == 1)
        #expect(f.subject == "contributor:c-2")
        #expect(f.message == "cannot decide: missing contributor.birth_date")
        #expect(f.missing == ["contributor.birth_date"])
    }

    @Test func renderingIsForTheSubjectAndIdempotent() {
        let contributor = Contributor(id: "c-9", role: "spv", location: Location(file: "people.csv", line: 7, column: 1))
        let raw = MissingData.raw("contributor.medical", of: contributor)
        #expect(raw != "contributor.medical")
        #expect(MissingData.rendered(raw, subject: "contributor:c-9") == "contributor.medical")
        #expect(MissingData.rendered(raw, subject: "unit:u1") == "contributor.medical of contributor:c-9 (people.csv:7)")
        var result = RuleResult(.indeterminate, subject: "unit:u1", message: "cannot decide: missing \(raw)", missing: [raw, raw])
        #expect(result.message == "cannot decide: missing contributor.medical of contributor:c-9 (people.csv:7)")
        #expect(result.missing == ["contributor.medical of contributor:c-9 (people.csv:7)"])
        let before = result
        MissingData.render(&result)
        #expect(result == before)
    }
}
