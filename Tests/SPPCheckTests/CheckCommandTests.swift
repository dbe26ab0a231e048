import Foundation
import Testing

/// `spp-check check` end to end, on the built binary.
@Suite struct CheckCommandTests {
    static let plan = """
        id: ligne-l1
        name: Ligne L1
        kind: carpool_line
        effective_from: 2026-01-01
        period: {start: 2026-03-02, end: 2026-03-09}
        units:
          - {id: line-l1, kind: line, opening_hours: "Mo-Fr 06:30-09:00"}
        rosters: [{path: contributors.csv, extra_columns: [name]}]

        """
    static let contributors = "id,role,birth_date\nd-01,driver,1980-01-01\nd-02,driver,2009-06-01\n"
    static func rules(severity: String = "error", extra: String = "") -> String {
        """
        rules:
          - id: driver-adult
            principle: risk-coverage
            severity: \(severity)
            title: t
            params: {min_age: 18}
            kind: assert
            for_each: contributors
            where: contributor.role == "driver"
            assert: age_at(contributor.birth_date, as_of) >= params.min_age
            message: "driver {{contributor.id}} is under {{params.min_age}}"
        \(extra)
        """
    }

    func folder(plan: String = plan, rules: String = rules(), contributors: String = contributors) throws -> URL {
        try Binary.folder(["plan.yaml": plan, "rules.yaml": rules, "contributors.csv": contributors])
    }

    @Test func aFailedErrorRuleExitsWith1() throws {
        let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml"], in: try folder())
        #expect(run.status == 1)
        #expect(run.stdout.contains("contributors.csv:3:1: error: driver d-02 is under 18 [driver-adult]"))
        #expect(run.stderr.isEmpty)
    }

    @Test func aFailedWarningRuleExitsWith0UnlessFailOnWarning() throws {
        let dir = try folder(rules: Self.rules(severity: "warning"))
        #expect(try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml"], in: dir).status == 0)
        #expect(try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--fail-on", "warning"], in: dir).status == 1)
        #expect(try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--fail-on", "never", "--format", "json"], in: dir).status == 0)
    }

    @Test func jsonOutputIsOneObjectWithToolSummaryAndLocatedFindings() throws {
        let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--format", "json"], in: try folder())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((object["tool"] as? [String: Any])?["name"] as? String == "spp-check")
        #expect(object["format_version"] as? Int == 1)
        let results = (object["summary"] as? [String: Any])?["results"] as? [String: Int]
        #expect(results == ["pass": 1, "fail": 1, "indeterminate": 0])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        let finding = findings[0]
        for key in ["rule", "principle", "severity", "message", "location", "path", "fingerprint"] {
            #expect(finding[key] != nil, "finding lacks \(key)")
        }
        let location = try #require(finding["location"] as? [String: Any])
        #expect(location["file"] as? String == "contributors.csv")
        #expect(location["line"] as? Int == 3)
        #expect(location["column"] as? Int == 1)
        #expect(finding["subject"] as? String == "contributor:d-02")
    }

    @Test func theFingerprintSurvivesLinesInsertedAbove() throws {
        func fingerprint(_ contributors: String) throws -> String? {
            let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--format", "json"], in: try folder(contributors: contributors))
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            return ((object?["findings"] as? [[String: Any]])?.first?["fingerprint"]) as? String
        }
        let before = try fingerprint(Self.contributors)
        let after = try fingerprint("id,role,birth_date\nx-01,passenger,1970-01-01\nd-01,driver,1980-01-01\nd-02,driver,2009-06-01\n")
        #expect(before != nil)
        #expect(before == after)
    }

    @Test func aBadRuleStopsTheVerdictWithStatus2AndNothingOnStdout() throws {
        let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml"],
                                 in: try folder(rules: Self.rules().replacingOccurrences(of: "birth_date", with: "birth_dat")))
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("rules.yaml:10:32: error: contributor has no field 'birth_dat'; did you mean 'birth_date'?"))
    }

    @Test func aBadRosterStopsTheVerdictWithStatus2() throws {
        let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml"],
                                 in: try folder(contributors: "id,role,birth_date\nd-01,driver,2026-02-30\n"))
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("contributors.csv:2:"))
        #expect(run.stderr.contains("2026-02-30"))
    }

    @Test func badYAMLInThePlanStopsTheVerdictWithStatus2() throws {
        let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml"], in: try folder(plan: "id: [unclosed\n"))
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("plan.yaml:"))
    }

    @Test func planParametersOverrideRuleDefaultsAndAreTypeChecked() throws {
        let override = Self.plan + "params:\n  driver-adult: {min_age: 17}\n"
        // d-02 is 16 at the start of the period: still under 17.
        #expect(try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml"], in: try folder(plan: override)).stdout
            .contains("driver d-02 is under 17"))
        let wrongName = Self.plan + "params:\n  driver-adult: {min_ag: 17}\n"
        let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml"], in: try folder(plan: wrongName))
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: rule 'driver-adult' has no parameter 'min_ag'; did you mean 'min_age'?"))
        let wrongType = Self.plan + "params:\n  driver-adult: {min_age: eighteen}\n"
        let typed = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml"], in: try folder(plan: wrongType))
        #expect(typed.status == 2)
        #expect(typed.stderr.contains("parameter 'min_age' of rule 'driver-adult' takes a int, found string"))
    }

    @Test func aRuleOutOfItsValidityIsSkippedAndSaidSo() throws {
        let rules = Self.rules().replacingOccurrences(of: "    title: t\n", with: "    title: t\n    valid_until: 2025-12-31\n")
        let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml"], in: try folder(rules: rules))
        #expect(run.status == 0)
        #expect(run.stdout.contains("0 rules, 0 results"))
        #expect(run.stdout.contains("1 not in force"))
    }

    @Test func aBadAsOfDateIsAFlagErrorWithStatus2() throws {
        let run = try Binary.run(["check", "plan.yaml", "--as-of", "2026-13-01"], in: try folder())
        #expect(run.status == 2)
        #expect(run.stderr.contains("--as-of takes a date written YYYY-MM-DD"))
    }
}

/// Adopting spp-check on an existing service: a baseline keeps the old findings quiet across
/// edits of the plan, and only new findings fail.
@Suite struct BaselineAdoptionTests {
    @Test func aBaselineSurvivesLinesInsertedAtTheTopOfThePlanAndRoster() throws {
        let dir = try Binary.folder(["plan.yaml": CheckCommandTests.plan, "rules.yaml": CheckCommandTests.rules(),
                                     "contributors.csv": CheckCommandTests.contributors])
        let first = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--write-baseline", "baseline.json"], in: dir)
        #expect(first.status == 1)
        // Edit: comments and a key at the top of the plan, a new adult row at the top of the roster.
        try Data(("# reviewed by the council\n# second line\n" + CheckCommandTests.plan).utf8)
            .write(to: dir.appendingPathComponent("plan.yaml"))
        try Data("id,role,birth_date\nd-00,driver,1970-01-01\nd-01,driver,1980-01-01\nd-02,driver,2009-06-01\n".utf8)
            .write(to: dir.appendingPathComponent("contributors.csv"))
        let second = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--baseline", "baseline.json"], in: dir)
        #expect(second.status == 0, "the known finding moved lines but is still known: \(second.stdout)")
        // A new minor is a new finding: it fails.
        try Data("id,role,birth_date\nd-00,driver,1970-01-01\nd-01,driver,1980-01-01\nd-02,driver,2009-06-01\nd-03,driver,2010-01-01\n".utf8)
            .write(to: dir.appendingPathComponent("contributors.csv"))
        let third = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--baseline", "baseline.json"], in: dir)
        #expect(third.status == 1)
        #expect(third.stdout.contains("driver d-03 is under 18"))
    }
}
