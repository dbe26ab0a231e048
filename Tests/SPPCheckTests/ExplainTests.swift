import Foundation
import Testing

/// `spp-check explain RULE-ID` on the built binary.
@Suite struct ExplainTests {
    func folder(_ extra: [String: String] = [:]) throws -> URL {
        var files = ["rules/carpool.yaml": FormatTests.rules]
        for (k, v) in extra { files[k] = v }
        return try Binary.folder(files)
    }

    @Test func printsEveryFactOfTheRule() throws {
        let run = try Binary.run(["explain", "cl.driver-adult", "--rules", "rules", "--lang", "en"], in: try folder())
        #expect(run.status == 0)
        #expect(run.stdout == """
            cl.driver-adult — Drivers are adults

              principle:  risk-coverage
              severity:   error
              kind:       assert — A condition that every record of a collection must meet.
              in force:   always
              pack:       carpool.yaml
              defined at: rules/carpool.yaml:2:5

            Rationale:
              none

            References:
              - Code des transports L3132-1

            Parameters:
              min_age = 18 (int)

            """)
    }

    @Test func inFrench() throws {
        let run = try Binary.run(["explain", "cl.driver-adult", "--rules", "rules", "--lang", "fr"], in: try folder())
        #expect(run.stdout.hasPrefix("cl.driver-adult — Conducteur majeur\n\n  principe:   risk-coverage\n  gravité:    error\n"))
        #expect(run.stdout.contains("Références:\n  - Code des transports L3132-1\n"))
    }

    @Test func listsTheRuleTestsBesideItsPackThatNameIt() throws {
        let tests = "tests:\n  - name: a minor driver\n    expect:\n      - rule: cl.driver-adult\n        outcome: fail\n"
        let run = try Binary.run(["explain", "cl.driver-adult", "--rules", "rules"],
                                 in: try folder(["rules/carpool.test.yaml": tests, "rules/other.test.yaml": "tests: []  # cl.driver-adulthood\n"]))
        #expect(run.stdout.hasSuffix("Examples:\n  rules/carpool.test.yaml:4:15\n"))
    }

    @Test func anUnknownRuleSuggestsTheClosestAndExitsWith2() throws {
        let run = try Binary.run(["explain", "cl.driver-adlt", "--rules", "rules"], in: try folder())
        #expect(run.status == 2)
        #expect(run.stderr.contains("no rule 'cl.driver-adlt' in rules; did you mean 'cl.driver-adult'?"))
        #expect(run.stdout.isEmpty)
    }

    @Test func aBadRuleFileIsALocatedError() throws {
        let run = try Binary.run(["explain", "x", "--rules", "rules"], in: try Binary.folder(["rules/bad.yaml": "rules:\n  - id: x\n    severty: error\n"]))
        #expect(run.status == 2)
        #expect(run.stderr.contains("rules/bad.yaml:3:5: error:"))
    }
}
