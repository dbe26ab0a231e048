import Foundation
import Testing
@testable import RuleEngine

/// The unit layer of parameter overrides (standard → territory → plan → unit): a unit's
/// `params:` checked as the plan's, the engine splitting a rule by unit, provenance `unit`.
@Suite struct UnitLayerTests {
    static let rules = """
        rules:
          - id: crew
            principle: continuity
            severity: error
            title: t
            params:
              min_crew: {default: 2, min: 1, basis: "floor (test)", nature: legal_floor, derogations: [{id: night, min: 0, basis: "derogation (test)"}]}
            kind: coverage
            min: params.min_crew
            message: "unit {{unit.id}}: {{present}} of {{required}}"
          - id: shift
            principle: continuity
            severity: error
            title: t
            params: {max_hours: {default: 3, max: 5, basis: "ceiling (test)", nature: legal_ceiling}}
            kind: assert
            for_each: assignments
            assert: (assignment.end - assignment.start) <= duration(string(params.max_hours) + 'h')
            message: "{{assignment.id}} over {{params.max_hours}} h"
            versions:
              - {id: old, until: 2026-03-02, params: {max_hours: {default: 4, max: 5, basis: "ceiling (test)", nature: legal_ceiling}}}
              - {id: new, from: 2026-03-03}
          - id: people
            principle: continuity
            severity: warning
            title: t
            params: {least: {default: 1, nature: local, authority: "the board"}}
            kind: assert
            for_each: contributors
            assert: params.least >= 3
            message: "{{contributor.id}} under {{params.least}}"
        """

    /// Units u1, u2, u3 open 08:00-12:00 on 2 and 3 March 2026; u1 has one crew member, u2
    /// two, u3 one; every assignment is 4 h 30 long except a5 (3 h).
    static func run(units: String, planParams: String = "") throws -> CheckResult {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unit-layer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = [
            "rules.yaml": rules,
            "plan.yaml": """
                id: p
                name: P
                kind: fire_rescue
                effective_from: 2026-01-01
                period: {start: 2026-03-02, end: 2026-03-04}
                opening_hours: "Mo-Su 08:00-12:00"
                units:
                \(units)
                rosters: [contributors.csv, assignments.csv]
                \(planParams)
                """,
            "contributors.csv": "id,role,units\nc1,spv,u1\nc2,spv,u2\nc3,spv,u2\nc4,spv,u3\n",
            "assignments.csv": """
                id,contributor,unit,start,end,kind
                a1,c1,u1,2026-03-02T07:30,2026-03-02T12:00,garde
                a2,c2,u2,2026-03-02T07:30,2026-03-02T12:00,garde
                a3,c3,u2,2026-03-02T07:30,2026-03-02T12:00,garde
                a4,c4,u3,2026-03-02T07:30,2026-03-02T12:00,garde
                a5,c1,u1,2026-03-03T08:00,2026-03-03T12:00,garde
                a6,c2,u2,2026-03-03T07:30,2026-03-03T12:00,garde
                a7,c3,u2,2026-03-03T07:30,2026-03-03T12:00,garde
                a8,c4,u3,2026-03-03T07:30,2026-03-03T12:00,garde

                """,
        ]
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        var options = CheckOptions(plan: dir.appendingPathComponent("plan.yaml").path)
        options.rulePaths = [dir.appendingPathComponent("rules.yaml").path]
        return try CheckRun.run(options)
    }

    static let plainUnits = """
          - {id: u1, kind: station}
          - {id: u2, kind: station}
          - {id: u3, kind: station}
        """

    static func errors(units: String) -> [String] {
        do { _ = try run(units: units); return [] } catch {
            return error.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" }
        }
    }

    /// u1 (1 present) asks 1: passes where the rule's 2 would fail; u2 (2 present) asks 3:
    /// fails; u3 (1 present) has no value of its own: judged by the rule's 2, fails.
    @Test func eachUnitIsJudgedByItsOwnValueAndTheOthersByThePlans() throws {
        let result = try Self.run(units: """
              - id: u1
                kind: station
                params: {crew: {min_crew: 1}}
              - id: u2
                kind: station
                params:
                  crew: {min_crew: {value: 3, approved_by: "chef de centre", basis: "note de service 12", date: 2026-02-01}}
              - {id: u3, kind: station}
            """)
        let crew = result.report.findings.filter { $0.rule == "crew" }
        // One finding per unit and day that falls short (08:00-12:00 each day).
        #expect(crew.map(\.message) == ["unit u2: 2 of 3", "unit u2: 2 of 3", "unit u3: 1 of 2", "unit u3: 1 of 2"])
        #expect(crew.map(\.path) == ["units[1]", "units[1]", "units[2]", "units[2]"])
        #expect(crew[0].settings.map(\.layer) == [.unit])
        #expect(crew[0].settings.map(\.unit) == ["u2"])
        #expect(crew[0].settings.first?.text == "min_crew = 3 (unit u2, \(crew[0].settings[0].location); approved by chef de centre; note de service 12 of 2026-02-01)")
        #expect(crew[2].settings.isEmpty)
        // The rule is listed once, and u1's two days passed.
        #expect(result.report.evaluated.filter { $0 == "crew" }.count == 1)
        let text = TextReporter.render(ReportInput(result), color: false)
        #expect(text.contains("parameters: min_crew = 3 (unit u2, "))
        let json = JSONReporter.render(result.report, run: result.run)
        #expect(json.contains("\"layer\": \"unit\""))
        #expect(json.contains("\"unit\": \"u2\""))
        // run.params: the rule's value, then each unit's own.
        #expect(result.run.params["crew"]?.map { "\($0.value) \($0.layer.rawValue) \($0.unit ?? "-")" } == ["2 standard -", "1 unit u1", "3 unit u2"])
        // The same findings' fingerprints as without the unit layer for the units it does not touch.
        let plain = try Self.run(units: Self.plainUnits)
        let u3 = plain.report.findings.filter { $0.rule == "crew" && $0.subject == "unit:u3" }.map(\.fingerprint)
        #expect(crew.filter { $0.subject == "unit:u3" }.map(\.fingerprint) == u3)
        #expect(plain.report.findings.filter { $0.rule == "crew" }.count == 4)
    }

    @Test func aUnitValueCrossingALegalBoundIsALocatedErrorNamingTheBoundAndItsText() {
        #expect(Self.errors(units: """
              - id: u1
                kind: station
                params: {shift: {max_hours: 6}}
              - {id: u2, kind: station}
              - {id: u3, kind: station}
            """) == [
            "10:33: parameter 'max_hours' of rule 'shift' is 6, above 5, the most allowed (ceiling (test)): a unit may make the rule stricter, not cross the bound",
        ])
        #expect(Self.errors(units: """
              - id: u1
                kind: station
                params: {crew: {min_crew: 0}, shif: {max_hours: 2}, shift: {max_hour: 2}}
              - {id: u2, kind: station}
              - {id: u3, kind: station}
            """) == [
            "10:31: parameter 'min_crew' of rule 'crew' is 0, below 1, the least allowed (floor (test)): a unit may make the rule stricter, not cross the bound (unless it cites a derogation the law allows: night)",
            "10:75: rule 'shift' has no parameter 'max_hour'; did you mean 'max_hours'?",
        ])
    }

    /// A unit citing the derogation the rule declares may go below the floor, within the
    /// derogation's bound: u1 asks none (passes), the others the rule's two.
    @Test func aUnitValueCitingADeclaredDerogationMayCrossTheFloor() throws {
        let result = try Self.run(units: """
              - id: u1
                kind: station
                params: {crew: {min_crew: {value: 0, derogation: night, approved_by: "PMI", basis: "arrêté 7"}}}
              - {id: u2, kind: station}
              - {id: u3, kind: station}
            """)
        let crew = result.report.findings.filter { $0.rule == "crew" }
        #expect(crew.map(\.subject) == ["unit:u3", "unit:u3"])
        #expect(result.unitSettings["crew"]?["u1"]?["min_crew"]?.text.hasSuffix("approved by PMI; arrêté 7; under derogation 'night')") == true)
    }

    @Test func aUnitValueForARuleJudgingContributorsIsAWarningAndThePlansValueIsUsed() throws {
        let result = try Self.run(units: """
              - id: u1
                kind: station
                params: {people: {least: 5}}
              - {id: u2, kind: station}
              - {id: u3, kind: station}
            """, planParams: "params: {people: {least: 2}}")
        #expect(result.warnings.map(\.message).contains(
            "rule 'people' judges contributors, not units one by one: the value of 'least' for unit 'u1' is not applied: the value for the whole plan stands"))
        let people = result.report.findings.filter { $0.rule == "people" }
        #expect(people.map(\.message) == ["c1 under 2", "c2 under 2", "c3 under 2", "c4 under 2"])
        #expect(people.allSatisfy { $0.settings.map(\.layer) == [.plan] })
        #expect(result.unitSettings.isEmpty)
    }

    /// `shift` changes on 3 March (4 h before, 3 h from then); u2 allows 5 h. The 4 h 30
    /// assignments: u1's a1 fails by 'old' (4 h), u2's a2, a3, a6, a7 pass (5 h), u3's a4 fails
    /// by 'old' and a8 by 'new'; a5 (4 h) fails by 'new' (3 h).
    @Test func aUnitValueComposesWithADatedVersionSplit() throws {
        let result = try Self.run(units: """
              - {id: u1, kind: station}
              - id: u2
                kind: station
                params: {shift: {max_hours: 5}}
              - {id: u3, kind: station}
            """)
        let shift = result.report.findings.filter { $0.rule == "shift" }.sorted { $0.message < $1.message }
        #expect(shift.map(\.message) == ["a1 over 4 h", "a4 over 4 h", "a5 over 3 h", "a8 over 3 h"])
        #expect(shift.map { $0.version ?? "" } == ["old", "old", "new", "new"])
        #expect(shift.allSatisfy { $0.settings.isEmpty })
        #expect(result.report.evaluated.filter { $0 == "shift" }.count == 1)
        // Eight assignments, each judged once: four passes.
        let plain = try Self.run(units: Self.plainUnits)
        #expect(plain.report.findings.filter { $0.rule == "shift" }.count == 8)
    }

    @Test func explainPlanSaysWhichUnitSetAValue() throws {
        let result = try Self.run(units: """
              - id: u1
                kind: station
                params: {crew: {min_crew: {value: 3, approved_by: "chef de centre", basis: "note 12"}}}
              - {id: u2, kind: station}
              - {id: u3, kind: station}
            """)
        let rule = try #require(result.rules.rule("crew"))
        var settings = result.settings["crew"] ?? [:]
        for (unit, values) in result.unitSettings["crew"] ?? [:] {
            for (name, s) in values { settings["\(name)@\(unit)"] = s }
        }
        let text = RuleExplanation.text(rule, settings: settings)
        #expect(text.hasSuffix("""
            Parameters for this plan:
              min_crew = 2 (standard, \(rule.pack))
              for some units only:
                min_crew = 3 (unit u1, \(settings["min_crew@u1"]!.location); approved by chef de centre; note 12)

            """))
    }

    @Test func aRuleJudgedAcrossUnitsIsNeverSplit() throws {
        let rule = try RuleLoader.load(sources: [("r.yaml", Array("""
            rules:
              - id: same
                principle: equality
                severity: warning
                title: t
                params: {p: {default: 1, nature: local, authority: "a"}}
                kind: uniform
                for_each: tariffs
                value: amount_eur
                group: category
                message: m
            """.utf8))]).rules
        #expect(UnitParts.unsplittable(rule) == "records across units")
        #expect(UnitParts.originalPath("units[1].staffing[0]", [2, 4]) == "units[4].staffing[0]")
        #expect(UnitParts.originalPath("assignments[3]", [2, 4]) == "assignments[3]")
    }

    /// `spp-check test` judges a rule test's plan with its units' values, as `check` does.
    @Test func ruleTestsApplyTheUnitLayer() throws {
        let rules = try RuleLoader.load(sources: [("rules.yaml", Array(Self.rules.utf8))])
        let file = """
            tests:
              - name: u2 asks three
                plan: |
                  id: t
                  name: T
                  kind: fire_rescue
                  effective_from: 2026-01-01
                  period: {start: 2026-03-02, end: 2026-03-03}
                  opening_hours: "Mo 08:00-12:00"
                  units:
                    - {id: u1, kind: station}
                    - {id: u2, kind: station, params: {crew: {min_crew: 3}}}
                  rosters: [contributors.csv, assignments.csv]
                files:
                  contributors.csv: |
                    id,role,units
                    c1,spv,u1
                    c2,spv,u1
                    c3,spv,u2
                    c4,spv,u2
                  assignments.csv: |
                    id,contributor,unit,start,end,kind
                    a1,c1,u1,2026-03-02T08:00,2026-03-02T12:00,garde
                    a2,c2,u1,2026-03-02T08:00,2026-03-02T12:00,garde
                    a3,c3,u2,2026-03-02T08:00,2026-03-02T12:00,garde
                    a4,c4,u2,2026-03-02T08:00,2026-03-02T12:00,garde
                expect:
                  - {rule: crew, subject: "unit:u1", outcome: pass}
                  - {rule: crew, subject: "unit:u2", outcome: fail, message_contains: "2 of 3"}
            """
        let tests = try RuleTests.load(bytes: Array(file.utf8), file: "crew.test.yaml")
        let results = tests.map { RuleTests.run($0, rules: rules) }
        #expect(results.map(\.failures) == [[]])
    }
}
