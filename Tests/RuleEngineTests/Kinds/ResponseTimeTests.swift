import Testing
@testable import RuleEngine

/// `kind: response_time`, on hand-computed days. The period is Monday 2026-03-02 (Paris, UTC+1);
/// station `near` reaches commune 38053 in 8 min, `far` in 18 min; the target of risk `urbain`
/// is 12 min. Each station needs one person present (its `staffing`).
@Suite struct ResponseTimeTests {
    static let communes = """
        territory:
          zones:
            - id: nord
              communes:
                - {insee: "38053", name: Bourgoin, population: 28000, risk: urbain}
                - {insee: "38193", name: L'Isle, population: 16000, risk: urbain}
        """

    static func plan(response: String, units: String = Self.units) -> String {
        KindTest.plan(communes + "\n" + response + "\n" + units, rosters: ["contributors.csv", "assignments.csv"])
    }

    static let units = """
        units:
          - {id: near, kind: station, staffing: [{min: 1}]}
          - {id: far, kind: station, staffing: [{min: 1}]}
        """

    static let response = """
          response:
            reference: SDACR test
            targets:
              - {risk: urbain, max_minutes: 12}
            travel_times:
              - {unit: near, commune: "38053", minutes: 8}
              - {unit: far, commune: "38053", minutes: 18}
              - {unit: near, commune: "38193", minutes: 5}
              - {unit: far, commune: "38193", minutes: 10}
        """

    static let people = KindTest.contributors([("c1", "near"), ("c2", "far"), ("c3", "near")])

    static func run(_ rule: String = "", response: String = Self.response, units: String = Self.units,
                    assignments: [String], header: String = "id,contributor,unit,position,start,end,kind",
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> [RuleResult] {
        try KindTest.results(kind: "response_time", rule, plan: plan(response: response, units: units),
                             files: ["contributors.csv": people,
                                     "assignments.csv": KindTest.assignments(assignments, header: header)],
                             sourceLocation: sourceLocation)
    }

    @Test func aCommuneIsBeyondTargetOnlyDuringItsNearStationsGap() throws {
        // near is staffed 00:00–19:00, far all day: 38053 waits 18 min from 19:00 to 24:00;
        // 38193 has far within 10 min all day.
        let results = try Self.run(assignments: [
            "a1,c1,near,,2026-03-02T00:00,2026-03-02T19:00,garde",
            "a2,c2,far,,2026-03-02T00:00,2026-03-03T00:00,garde",
        ])
        #expect(results.messages == [
            "commune 38053 (Bourgoin), risk urbain, 28000 inhabitants: Mon 2026-03-02 19:00–24:00: first engine in 18 min, target 12 min; near (8 min) is below its staffing then",
        ])
        let f = try #require(results.failures.first)
        #expect(f.subject == "commune:38053")
        #expect(f.measured == "18 min")
        #expect(f.expected == "at most 12 min for risk urbain (SDACR test)")
        #expect(f.fix?.hasPrefix("staff near over Mon 2026-03-02 19:00–24:00") == true)
        #expect(f.key == "beyond 2026-03-02T19:00+01:00/2026-03-03T00:00+01:00")
        #expect(results.passes.map(\.subject) == ["commune:38193"])
    }

    @Test func whileTheNearStationIsStaffedAllDayTheCommuneIsInTarget() throws {
        let results = try Self.run(assignments: [
            "a1,c1,near,,2026-03-02T00:00,2026-03-03T00:00,garde",
        ])
        #expect(results.failures.isEmpty)
        #expect(results.passes.map(\.subject) == ["commune:38053", "commune:38193"])
    }

    @Test func twoGapsAreTwoFindingsAndNobodyStaffedIsSaid() throws {
        // near has gaps 00:00–06:00 and 12:00–24:00; far only 12:00–24:00 is covered: from
        // 00:00 to 06:00 no unit of the table is staffed.
        let results = try Self.run(assignments: [
            "a1,c1,near,,2026-03-02T06:00,2026-03-02T12:00,garde",
            "a2,c2,far,,2026-03-02T12:00,2026-03-03T00:00,garde",
        ])
        let f = results.failures.filter { $0.subject == "commune:38053" }
        #expect(f.map(\.measured) == ["no unit of the travel table staffed", "18 min"])
        #expect(f.first?.message.contains("Mon 2026-03-02 00:00–06:00") == true)
        // 38193: far within target covers 12:00–24:00, near 06:00–12:00: only the night fails.
        #expect(results.failures.filter { $0.subject == "commune:38193" }.map(\.key) == ["beyond 2026-03-02T00:00+01:00/2026-03-02T06:00+01:00"])
    }

    @Test func declaredAvailabilityDoesNotStaffButOnCallDoes() throws {
        let header = "id,contributor,unit,position,start,end,kind,engagement"
        let available = try Self.run(assignments: [
            "a1,c1,near,,2026-03-02T00:00,2026-03-03T00:00,garde,availability",
            "a2,c2,far,,2026-03-02T00:00,2026-03-03T00:00,garde,duty",
        ], header: header)
        #expect(available.failures.map(\.subject) == ["commune:38053"])
        let onCall = try Self.run(assignments: [
            "a1,c1,near,,2026-03-02T00:00,2026-03-03T00:00,astreinte,on_call",
        ], header: header)
        #expect(onCall.failures.isEmpty)
    }

    @Test func missingRiskTargetOrTravelTimeIsIndeterminateNeverAPass() throws {
        let response = """
              response:
                targets:
                  - {risk: rural, max_minutes: 25}
                travel_times:
                  - {unit: near, commune: "38053", minutes: 8}
            """
        let results = try Self.run(response: response, assignments: ["a1,c1,near,,2026-03-02T00:00,2026-03-03T00:00,garde"])
        #expect(results.map(\.outcome) == [.indeterminate, .indeterminate])
        #expect(results.messages == [
            "cannot check the response time of commune 38053: the plan sets no response-time target for risk 'urbain' (territory.response.targets)",
            "cannot check the response time of commune 38193: the plan sets no response-time target for risk 'urbain' (territory.response.targets)",
        ])
        let onlyOne = """
              response:
                targets:
                  - {risk: urbain, max_minutes: 12}
                travel_times:
                  - {unit: near, commune: "38053", minutes: 8}
            """
        let noTravel = try Self.run(response: onlyOne, assignments: ["a1,c1,near,,2026-03-02T00:00,2026-03-03T00:00,garde"])
        #expect(noTravel.undecided.map(\.subject) == ["commune:38193"])
        #expect(noTravel.undecided.first?.missing == ["territory.response.travel_times"])
    }

    @Test func aPlanWithoutResponseDataIsIndeterminate() throws {
        let results = try Self.run(response: "", assignments: ["a1,c1,near,,2026-03-02T00:00,2026-03-03T00:00,garde"])
        #expect(results.map(\.outcome) == [.indeterminate])
        #expect(results.first?.missing == ["territory.response"])
    }

    @Test func aWhereThatCannotBeDecidedLeavesTheSpanUndecided() throws {
        // c3 has no medical record: whether a1 counts is unknown; far covers nothing.
        let results = try Self.run("where: contributor.medical.fit == true", assignments: [
            "a1,c3,near,,2026-03-02T00:00,2026-03-03T00:00,garde",
        ])
        #expect(results.failures.isEmpty)
        #expect(results.undecided.map(\.subject) == ["commune:38053", "commune:38193"])
        #expect(results.undecided.first?.key == "undecided 2026-03-02T00:00+01:00/2026-03-03T00:00+01:00")
    }

    @Test func minAndUnitsSayWhatStaffedMeans() throws {
        // With min 2, near's single person does not staff it.
        let two = try Self.run("min: 2", assignments: ["a1,c1,near,,2026-03-02T00:00,2026-03-03T00:00,garde"])
        #expect(two.failures.count == 2)
        // far left out by `units:`: its crew does not count.
        let onlyNear = try Self.run("units: unit.id == 'near'", assignments: ["a2,c2,far,,2026-03-02T00:00,2026-03-03T00:00,garde"])
        #expect(onlyNear.failures.map(\.measured) == ["no unit of the travel table staffed", "no unit of the travel table staffed"])
    }

    @Test func promisedHoursLimitTheCheck() throws {
        let results = try Self.run("hours: \"Mo 08:00-18:00\"", assignments: ["a1,c1,near,,2026-03-02T08:00,2026-03-02T18:00,garde"])
        #expect(results.failures.isEmpty)
        #expect(results.passes.count == 2)
    }

    @Test func theKindsOwnWordsReadInFrench() {
        #expect(FrenchPhrases.translate("at most 12 min for risk urbain (SDACR test)") == "au plus 12 min pour le risque urbain (SDACR test)")
        #expect(FrenchPhrases.translate("no unit of the travel table staffed") == "aucune unité du tableau des trajets armée")
        #expect(FrenchPhrases.translate("cannot check the response time of commune 38100: commune 38100 has no risk level")
            == "délai d'arrivée de la commune 38100 invérifiable : la commune 38100 n'a pas de niveau de risque")
    }

    @Test func keysThatDoNotApplyAreRefused() {
        let errors = KindTest.loadErrors(kind: "response_time", "demand: attendance\nengagements: [duty, standby]")
        #expect(errors.contains { $0.contains("unknown key 'demand'") })
        #expect(errors.contains { $0.contains("unknown engagement 'standby'") })
    }
}

/// Loading `territory.response`: every bad row is a located error.
@Suite struct ResponseCoverLoadingTests {
    static func load(_ response: String, files: [String: String] = [:]) -> [String] {
        let plan = ResponseTimeTests.plan(response: response)
        var all = files
        all["contributors.csv"] = ResponseTimeTests.people
        all["assignments.csv"] = KindTest.assignments([])
        do {
            _ = try PlanLoader.load(planBytes: Array(plan.utf8), planFile: "plan.yaml") { path in (path, all[path].map { Array($0.utf8) }) }
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func aDecimalCommaInASemicolonTableIsReadAsAPoint() throws {
        let plan = ResponseTimeTests.plan(response: "  response:\n    targets: [{risk: urbain, max_minutes: 12}]\n    travel_times: travel.csv")
        let data = try KindTest.data(plan: plan, files: [
            "contributors.csv": ResponseTimeTests.people, "assignments.csv": KindTest.assignments([]),
            "travel.csv": "unit;commune;minutes\nnear;38053;8\nfar;38053;17,5\nfar;38193;9.25\n",
        ])
        let rows = try #require(data.plan.territory.response?.travel.rows)
        #expect(rows.map(\.minutes) == [8, 17.5, 9.25])
        #expect(rows.map(\.unit) == [0, 1, 1])
        #expect(rows.map(\.location.line) == [2, 3, 4])
    }

    @Test func aCSVTableLoadsAndItsRowsAreChecked() throws {
        let ok = Self.load("  response:\n    targets: [{risk: urbain, max_minutes: 12}]\n    travel_times: travel.csv",
                           files: ["travel.csv": "unit,commune,minutes\nnear,38053,8\nfar,38053,17.5\n"])
        #expect(ok == [])
        let bad = Self.load("  response:\n    targets: [{risk: urbain, max_minutes: 12}]\n    travel_times: travel.csv",
                            files: ["travel.csv": "unit,commune,minutes\nnaer,38053,8\nfar,99999,7\nfar,38053,-1\nfar,3805,4\nnear,38193,5\nnear,38193,6\n"])
        #expect(bad == [
            "travel.csv:2:1: error: unknown unit 'naer' in a travel time; did you mean 'near'?",
            "travel.csv:3:1: error: unknown commune '99999' in a travel time; list it under a zone of 'territory'",
            "travel.csv:4:3: error: bad number of minutes '-1' in column 'minutes'; expected a travel time of 0 or more",
            "travel.csv:5:2: error: " + FieldReader.badINSEEMessage("3805"),
            "travel.csv:7:1: error: duplicate travel time from unit 'near' to commune '38193'\ntravel.csv:6:1: note: first defined here",
        ])
    }

    @Test func aMissingFileOrColumnIsAnError() {
        let missing = Self.load("  response:\n    targets: [{risk: urbain, max_minutes: 12}]\n    travel_times: nope.csv")
        #expect(missing == ["plan.yaml:16:5: error: no such file: travel-time table 'nope.csv' (looked for nope.csv)"])
        let column = Self.load("  response:\n    targets: [{risk: urbain, max_minutes: 12}]\n    travel_times: t.csv",
                               files: ["t.csv": "unit,commune,minuts\nnear,38053,8\n"])
        #expect(column.contains("t.csv:1:3: error: unknown column 'minuts' in the travel-time file; did you mean 'minutes'?"))
    }

    @Test func targetsAreCheckedInline() {
        let errors = Self.load("  response:\n    targets: [{risk: urbain, max_minutes: 0}, {risk: rural, max_minutes: 20}, {risk: rural, max_minutes: 30}]\n    travel_times: []")
        #expect(errors.count == 2)
        #expect(errors.first?.contains("'max_minutes' of a response target must be above 0") == true)
        #expect(errors.last?.contains("duplicate response target for risk 'rural'") == true)
    }
}
