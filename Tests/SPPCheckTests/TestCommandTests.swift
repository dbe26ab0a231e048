import Foundation
import Testing

/// `spp-check test`: which rules a test file runs against, and failures that explain themselves.
@Suite struct TestCommandTests {
    static let rules = """
        rules:
          - id: my.capacity
            principle: continuity
            severity: error
            title: Capacity
            kind: assert
            for_each: units
            assert: unit.capacity <= 20
            message: "section {{unit.id}} – {{unit.capacity}} places, more than 20"

        """

    static func plan(_ unit: String) -> String {
        """
              id: c
              name: C
              kind: parental_creche
              effective_from: 2026-01-01
              period: {start: 2026-03-02, end: 2026-03-09}
              units: [\(unit)]
        """
    }

    static func tests(unit: String, expect: String, header: String = "") -> String {
        header + """
            tests:
              - name: one
                plan: |
            \(plan(unit))
                expect:
                  - \(expect)

            """
    }

    @Test func aTestFileRunsAgainstTheRuleFileBesideIt() throws {
        let dir = try Binary.folder([
            "mine.yaml": Self.rules,
            "mine.test.yaml": Self.tests(unit: "{id: s1, kind: creche_section, capacity: 24}",
                                         expect: "{rule: my.capacity, subject: \"unit:s1\", outcome: fail}"),
        ])
        let run = try Binary.run(["test", "mine.test.yaml"], in: dir)
        #expect(run.stdout == "ok    mine.test.yaml: one\n\n1 passed, 0 failed\n")
        #expect(run.status == 0)
    }

    @Test func aTestFileRunsAgainstTheRuleFileItNames() throws {
        let dir = try Binary.folder([
            "packs/capacity.yaml": Self.rules,
            "tests/t.test.yaml": Self.tests(unit: "{id: s1, kind: creche_section, capacity: 24}",
                                            expect: "{rule: my.capacity, subject: \"unit:s1\", outcome: fail}",
                                            header: "rules: ../packs/capacity.yaml\n"),
        ])
        let run = try Binary.run(["test", "tests/t.test.yaml"], in: dir)
        #expect(run.stdout == "ok    tests/t.test.yaml: one\n\n1 passed, 0 failed\n")
        let missing = try Binary.folder(["t.test.yaml": Self.tests(unit: "{id: s1, kind: creche_section}",
                                                                   expect: "{rule: x, subject: s, outcome: pass}",
                                                                   header: "rules: nowhere.yaml\n")])
        let error = try Binary.run(["test", "t.test.yaml"], in: missing)
        #expect(error.status == 2)
        #expect(error.stderr == "t.test.yaml:1:8: error: no such rule file 'nowhere.yaml' (looked for nowhere.yaml)\n")
    }

    @Test func aFailedExpectationShowsTheActualFindingWithTheDifferenceMarked() throws {
        let dir = try Binary.folder([
            "mine.yaml": Self.rules,
            "mine.test.yaml": Self.tests(unit: "{id: s1, kind: creche_section, capacity: 24}",
                                         expect: "{rule: my.capacity, subject: \"unit:s1\", outcome: fail, message_contains: \"s1 - 24\"}"),
        ])
        let run = try Binary.run(["test", "mine.test.yaml"], in: dir)
        #expect(run.status == 1)
        #expect(run.stdout == """
            FAIL  mine.test.yaml: one
                  mine.test.yaml:11:9: no finding of my.capacity on unit:s1 says 's1 - 24'
                    expected text:  s1 - 24
                    actual message: section s1 – 24 places, more than 20
                                               ^ differs here

            0 passed, 1 failed

            """)
    }

    @Test func aWrongOutcomeShowsWhatTheRuleSaid() throws {
        let dir = try Binary.folder([
            "mine.yaml": Self.rules,
            "mine.test.yaml": Self.tests(unit: "{id: s1, kind: creche_section}",
                                         expect: "{rule: my.capacity, subject: \"unit:s1\", outcome: fail}"),
        ])
        let run = try Binary.run(["test", "mine.test.yaml"], in: dir)
        #expect(run.status == 1)
        #expect(run.stdout.contains("""
                  mine.test.yaml:11:9: expected fail for my.capacity on unit:s1, got indeterminate
                    actual: indeterminate on unit:s1: cannot decide: missing unit.capacity
            """))
    }

    @Test func anErrorInATestsPlanIsLocatedInTheTestFile() throws {
        let dir = try Binary.folder([
            "mine.yaml": Self.rules,
            "mine.test.yaml": Self.tests(unit: "{id: s1, kind: creche_section, capacty: 24}",
                                         expect: "{rule: my.capacity, subject: \"unit:s1\", outcome: fail}"),
        ])
        let run = try Binary.run(["test", "mine.test.yaml"], in: dir)
        #expect(run.status == 1)
        #expect(run.stdout.contains("mine.test.yaml:9:46: error: unknown key 'capacty' in unit 's1'; did you mean 'capacity'?"))
    }
}
