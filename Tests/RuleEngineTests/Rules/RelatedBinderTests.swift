import Testing
@testable import RuleEngine

/// What an `assert` sees beside each record: a unit's members, assignments and requests, and
/// whether an assignment or a request lies within its unit's promised hours.
@Suite struct RelatedBinderTests {
    static let plan = """
        id: p
        name: P
        kind: carpool_line
        effective_from: 2026-01-01
        period: {start: 2026-03-02, end: 2026-03-09}
        units:
          - {id: l1, kind: line, opening_hours: "Mo-Fr 07:00-09:00"}
          - {id: l2, kind: line, opening_hours: "Mo-Fr 07:00-09:00"}
        rosters: [{path: contributors.csv, extra_columns: [profession]}, assignments.csv, carpool_requests.csv]
        """
    static let files = [
        "contributors.csv": "id,role,units,profession\nd-1,driver,l1,nurse\nd-2,driver,l1,physician\nd-3,driver,l2,nurse\n",
        "assignments.csv": "id,contributor,unit,start,end,kind\na-1,d-1,l1,2026-03-02T07:00,2026-03-02T09:00,driver_availability\na-2,d-3,l2,2026-03-02T08:30,2026-03-02T09:30,driver_availability\n",
        "carpool_requests.csv": "id,line,requested_at,fulfilled_by\nr-1,l1,2026-03-02T07:10,driver\nr-2,l1,2026-03-02T23:30,fallback\nr-3,l2,2026-03-03T08:00,fallback\n",
    ]

    func run(_ rule: String) throws -> [String] {
        let data = try serviceData(plan: Self.plan, files: Self.files)
        let set = try RuleLoader.load(sources: [(file: "r.yaml", bytes: Array("rules:\n  - {id: r, principle: continuity, severity: error, title: t, \(rule)}\n".utf8))])
        return Engine.run(set.rules, on: EvaluationContext(data: data, asOf: data.plan.period.start)).findings.map { "\($0.subject): \($0.message)" }
    }

    @Test func aUnitSeesItsMembers() throws {
        let findings = try run(#"kind: assert, for_each: units, assert: "members.map(m, m.extra.profession).exists(p, p == 'physician')", message: "{{unit.id}} has no physician among {{size(members)}}""#)
        #expect(findings == ["unit:l2: l2 has no physician among 1"])
    }

    @Test func aUnitSeesItsAssignmentsAndRequests() throws {
        let findings = try run(#"kind: assert, for_each: units, assert: "size(requests.filter(q, q.fulfilled_by == 'fallback')) * 2 <= size(requests)", message: "{{unit.id}}: {{size(requests.filter(q, q.fulfilled_by == 'fallback'))}} of {{size(requests)}} by fallback, {{size(unit_assignments)}} assignments""#)
        #expect(findings == ["unit:l2: l2: 1 of 1 by fallback, 1 assignments"])
    }

    @Test func withinHoursTellsWhetherARequestFallsInTheLinesPromisedHours() throws {
        let findings = try run(#"kind: assert, for_each: carpool_requests, assert: within_hours, message: "{{carpool_request.id}} outside the line's hours""#)
        #expect(findings == ["carpool_request:r-2: r-2 outside the line's hours"])
    }

    @Test func withinHoursForAnAssignmentMeansWhollyInside() throws {
        let findings = try run(#"kind: assert, for_each: assignments, assert: within_hours, message: "{{assignment.id}} overruns""#)
        #expect(findings == ["assignment:a-2: a-2 overruns"])
    }

    @Test func listsAreOnlyBuiltWhenARuleNamesThem() throws {
        let data = try serviceData(plan: Self.plan, files: Self.files)
        let context = EvaluationContext(data: data, asOf: data.plan.period.start)
        let units = RecordCollection.named("units")!
        let environment = RuleEnvironment.make(for: units, params: [])
        var activation = Activation(environment)
        func reads(_ source: String) throws -> Set<String> { try environment.compile(source, at: .start(of: "t")).variableNames }
        RelatedBinder(context, units, reads: try reads("unit.id != ''"), environment: environment).bind(data.plan.units[0], into: &activation)
        #expect(activation["members"] == nil)
        // A name in a string or a field is no reading of the variable.
        RelatedBinder(context, units, reads: try reads("unit.id != 'members'"), environment: environment).bind(data.plan.units[0], into: &activation)
        #expect(activation["members"] == nil)
        RelatedBinder(context, units, reads: try reads("size(members) > 0"), environment: environment).bind(data.plan.units[0], into: &activation)
        if case .list(let l)? = activation["members"] { #expect(l.count == 2) } else { Issue.record("members not bound") }
    }
}
