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

            Contributor data read:
              id, role, birth_date, extra.name

            Condition:
              for_each: contributors
                  The collection whose every record must meet the condition.
              where: contributor.role == "driver"
                  Which records count: a boolean expression (default: all).
              assert: age_at(contributor.birth_date, as_of) >= params.min_age
                  The condition each record must meet (boolean expression).

            """)
    }

    @Test func inFrench() throws {
        let run = try Binary.run(["explain", "cl.driver-adult", "--rules", "rules", "--lang", "fr"], in: try folder())
        #expect(run.stdout.hasPrefix("cl.driver-adult — Conducteur majeur\n\n  principe:   couverture des risques\n  gravité:    erreur\n"))
        #expect(run.stdout.contains("Condition :\n  for_each: contributors\n      La collection dont chaque enregistrement doit satisfaire la condition.\n"))
        #expect(run.stdout.contains("Références:\n  - Code des transports L3132-1\n"))
    }

    @Test func withoutLangTheExplanationIsInEnglish() throws {
        let run = try Binary.run(["explain", "cp.two-adults"])
        #expect(run.stdout.hasPrefix("cp.two-adults — At least two adults"))
        // What "two adults" counts: only assignments in the ratio, as the rule is written.
        #expect(run.stdout.contains("  where: assignment.counts_in_ratio == true"))
        #expect(run.stdout.contains("  min: params.min_adults\n      How many distinct contributors at least"))
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
