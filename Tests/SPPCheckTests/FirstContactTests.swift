import Foundation
import Testing

/// What a new user meets first: a misspelt command, a misspelt plan key, a roster that is not
/// there, a rule file with one mistake. Each is one located error with its fix, exit status 2.
@Suite struct FirstContactTests {
    @Test func aMisspeltCommandSuggestsTheClosest() throws {
        let run = try Binary.run(["chek", "plan.yaml"])
        #expect(run.status == 2)
        #expect(run.stderr == "spp-check: error: unknown command 'chek'; did you mean 'check'?\n")
    }

    @Test func helpOfAnUnknownCommandIsAnError() throws {
        let run = try Binary.run(["help", "chek"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "spp-check: error: unknown command 'chek'; did you mean 'check'?\n")
        let known = try Binary.run(["help", "check"])
        #expect(known.status == 0)
        #expect(known.stdout.contains("USAGE: spp-check check"))
    }

    @Test func aMisspeltUnitKeyStopsTheCheckInsteadOfOpeningTheUnitAllDay() throws {
        let plan = CheckCommandTests.plan.replacingOccurrences(of: "opening_hours: \"Mo-Fr 06:30-09:00\"",
                                                               with: "openning_hours: \"Mo-Fr 06:30-09:00\"")
        #expect(plan != CheckCommandTests.plan)
        let dir = try Binary.folder(["plan.yaml": plan, "rules.yaml": CheckCommandTests.rules(),
                                     "contributors.csv": CheckCommandTests.contributors])
        let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr == "plan.yaml:7:31: error: unknown key 'openning_hours' in unit 'line-l1'; did you mean 'opening_hours'?\n")
    }

    @Test func aMissingRosterIsNoSuchFileBeforeAnyGuessAboutItsKind() throws {
        let plan = CheckCommandTests.plan.replacingOccurrences(of: "rosters: [{path: contributors.csv, extra_columns: [name]}]",
                                                               with: "rosters: [people.csv]")
        let dir = try Binary.folder(["plan.yaml": plan, "rules.yaml": CheckCommandTests.rules()])
        let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("plan.yaml:8:11: error: no such file: roster 'people.csv'"))
        #expect(!run.stderr.contains("cannot tell"))
    }

    static let twoMistakes = """
        rules:
          - id: t.sev
            principle: continuity
            severty: error
            title: t
            kind: assert
            for_each: units
            assert: unit.kind_zz == 'station'
            message: m
          - id: t.cov
            principle: continuity
            severity: error
            title: t
            kind: coverge
            units: unit.kind == 'station'
            min: 2
            message: m

        """

    @Test func lintReportsOneErrorPerMistakeSortedByLocation() throws {
        let dir = try Binary.folder(["rules.yaml": Self.twoMistakes])
        let run = try Binary.run(["lint", "rules.yaml"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr == """
            rules.yaml:4:5: error: unknown key 'severty' in rule 't.sev'; did you mean 'severity'?
            rules.yaml:8:18: error: unit has no field 'kind_zz'; did you mean 'kind'?
            rules.yaml:14:11: error: unknown rule kind 'coverge' in rule 't.cov'; did you mean 'coverage'?
            3 errors

            """)
    }

    @Test func aFourDigitTimeIsBlamedOnTheTimeNotOnYears() throws {
        let plan = CheckCommandTests.plan.replacingOccurrences(of: "Mo-Fr 06:30-09:00", with: "Mo-Fr 06:30-0900")
        let dir = try Binary.folder(["plan.yaml": plan, "rules.yaml": CheckCommandTests.rules(),
                                     "contributors.csv": CheckCommandTests.contributors])
        let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr == "plan.yaml:7:59: error: malformed time '0900' in opening_hours; expected HH:MM; did you mean 09:00?\n")
    }
}
