import Foundation
import Testing

/// `spp-check test --coverage`: what is counted per rule, the percentage, the threshold, JSON.
@Suite struct CoverageCommandTests {
    /// Two rules: one with a parameter, one never tested.
    static let rules = """
        rules:
          - id: my.capacity
            principle: continuity
            severity: error
            title: Capacity
            params: {max: 20}
            kind: assert
            for_each: units
            assert: unit.capacity <= params.max
            message: "section {{unit.id}} has {{unit.capacity}} places"
          - id: my.named
            principle: continuity
            severity: warning
            title: Named
            kind: assert
            for_each: units
            assert: unit.name != ""
            message: "section {{unit.id}} has no name"

        """

    static func test(_ name: String, units: String, params: String = "", expect: [String]) -> String {
        """
          - name: \(name)
            plan: |
              id: c
              name: C
              kind: parental_creche
              effective_from: 2026-01-01
              period: {start: 2026-03-02, end: 2026-03-09}
              units: [\(units)]
        \(params.isEmpty ? "" : "      params: \(params)\n")    expect:
        \(expect.map { "      - \($0)\n" }.joined())
        """
    }

    static let tests = "tests:\n"
        + test("over the default", units: "{id: s1, kind: creche_section, capacity: 24}, {id: s2, kind: creche_section, capacity: 10}",
               expect: ["{rule: my.capacity, subject: \"unit:s1\", outcome: fail}", "{rule: my.capacity, subject: \"unit:s2\", outcome: pass}"])
        + test("a plan that lowers the maximum", units: "{id: s1, kind: creche_section, capacity: 18}",
               params: "{my.capacity: {max: 16}}", expect: ["{rule: my.capacity, subject: \"unit:s1\", outcome: fail}"])

    @Test func eachRuleShowsTheOutcomesAndParameterPathsItsTestsReach() throws {
        let dir = try Binary.folder(["mine.yaml": Self.rules, "mine.test.yaml": Self.tests])
        let run = try Binary.run(["test", "mine.test.yaml", "--coverage"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        // my.capacity: pass and fail reached, indeterminate not; defaults and overridden reached.
        #expect(lines.contains { $0.hasPrefix("my.capacity") && $0.contains("yes  yes  no     yes      yes") && $0.hasSuffix("4/5") })
        // my.named has no parameter: three outcomes, none reached.
        #expect(lines.contains { $0.hasPrefix("my.named") && $0.contains("no   no   no     -        -") && $0.hasSuffix("0/3") })
        #expect(lines.contains("untested rules (1): my.named"))
        // 4 of 8 items: exactly 50 %.
        #expect(lines.contains { $0.hasPrefix("coverage: 4 of 8 items, 50.0 % (outcomes 2/6, parameter paths 2/2, versions 0/0); 1 of 2 rules tested") })
    }

    @Test(arguments: [(50.0, Int32(0)), (50.1, Int32(1)), (0.0, Int32(0))])
    func theThresholdDecidesTheExitStatus(minimum: Double, status: Int32) throws {
        let dir = try Binary.folder(["mine.yaml": Self.rules, "mine.test.yaml": Self.tests])
        let run = try Binary.run(["test", "mine.test.yaml", "--coverage", "--min", String(minimum)], in: dir)
        #expect(run.status == status)
        #expect(run.stdout.contains(status == 1 ? "is below the minimum of \(String(format: "%g", minimum)) %" : "coverage meets the minimum"))
    }

    @Test func aFailedTestCoversNothing() throws {
        let wrong = Self.tests.replacingOccurrences(of: "subject: \"unit:s2\", outcome: pass", with: "subject: \"unit:s2\", outcome: fail")
        let dir = try Binary.folder(["mine.yaml": Self.rules, "mine.test.yaml": wrong])
        let run = try Binary.run(["test", "mine.test.yaml", "--coverage"], in: dir)
        #expect(run.status == 1)
        // Only the second test (fail, overridden) still counts.
        #expect(run.stdout.split(separator: "\n").contains { $0.hasPrefix("my.capacity") && $0.contains("no   yes  no     no       yes") })
    }

    @Test func theJSONReportListsTheTestsThatReachEachItem() throws {
        let dir = try Binary.folder(["mine.yaml": Self.rules, "mine.test.yaml": Self.tests])
        let run = try Binary.run(["test", "mine.test.yaml", "--coverage", "--format", "json", "--min", "60"], in: dir)
        #expect(run.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["percent"] as? Double == 50)
        #expect(json["covered"] as? Int == 4)
        #expect(json["total"] as? Int == 8)
        #expect(json["below_minimum"] as? Bool == true)
        #expect(json["untested"] as? [String] == ["my.named"])
        let rules = try #require(json["rules"] as? [[String: Any]])
        let capacity = try #require(rules.first { $0["rule"] as? String == "my.capacity" })
        let outcomes = try #require(capacity["outcomes"] as? [String: [String]])
        #expect(outcomes["fail"] == ["over the default", "a plan that lowers the maximum"])
        #expect(outcomes["indeterminate"] == [])
        let params = try #require(capacity["params"] as? [String: [String]])
        #expect(params["overridden"] == ["a plan that lowers the maximum"])
    }

    @Test(arguments: [(["--min", "50"], "--min needs --coverage"), (["--format", "json"], "--format json needs --coverage"),
                      (["--coverage", "--min", "101"], "--min is a percentage, from 0 to 100")])
    func flagsThatNeedCoverageOrARangeAreRefused(arguments: [String], message: String) throws {
        let run = try Binary.run(["test", "Rules"] + arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains("Error: \(message)"))
    }

    @Test func eachDatedVersionIsCoveredByATestJudgingADayOfIt() throws {
        let rules = """
            rules:
              - id: my.capacity
                principle: continuity
                severity: error
                title: Capacity
                kind: assert
                for_each: units
                assert: unit.capacity <= 20
                message: "section {{unit.id}} has {{unit.capacity}} places"
                versions:
                  - {id: before, until: 2021-08-31, source: "old text", assert: "unit.capacity <= 16"}
                  - {id: reform, from: 2021-09-01, source: "decree 2021-1131"}
                  - {id: next, from: 2030-01-01, source: "a later text"}

            """
        // One test in 2026 (period only), one on a day of 2020 (as_of): 'next' is never judged.
        let tests = "tests:\n"
            + Self.test("in 2026", units: "{id: s1, kind: creche_section, capacity: 10}",
                        expect: ["{rule: my.capacity, subject: \"unit:s1\", outcome: pass}"])
            + Self.test("in 2020", units: "{id: s1, kind: creche_section, capacity: 10}",
                        expect: ["{rule: my.capacity, subject: \"unit:s1\", outcome: pass}"])
                .replacingOccurrences(of: "    plan: |", with: "    as_of: 2020-06-01\n    plan: |")
        let dir = try Binary.folder(["mine.yaml": rules, "mine.test.yaml": tests])
        let run = try Binary.run(["test", "mine.test.yaml", "--coverage", "--format", "json"], in: dir)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)\(run.stderr)")
        let rule = try #require((json["rules"] as? [[String: Any]])?.first)
        let versions = try #require(rule["versions"] as? [String: [String]])
        #expect(versions["before"] == ["in 2020"])
        #expect(versions["reform"] == ["in 2026"])
        #expect(versions["next"] == [])
        #expect(json["versions"] as? [String: Int] == ["covered": 2, "total": 3])
        let text = try Binary.run(["test", "mine.test.yaml", "--coverage"], in: dir)
        #expect(text.stdout.split(separator: "\n").contains { $0.hasPrefix("my.capacity") && $0.contains("2/3") && $0.hasSuffix("3/6") })
    }

    @Test func theStandardPacksAreAllTested() throws {
        let run = try Binary.run(["test", "Rules", "--coverage", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["untested"] as? [String] == [])
        let outcomes = try #require(json["outcomes"] as? [String: Int])
        // Every standard rule's tests reach at least a pass and a fail.
        #expect((outcomes["covered"] ?? 0) >= 2 * ((json["rules"] as? [Any])?.count ?? .max))
    }
}
