import Testing
@testable import RuleEngine

/// Inputs the fuzzers (Fuzz/, docs/robustness.md) found to crash, kept so that they never crash
/// again. Each test names the harness that found it and asserts the located error now given.
@Suite struct FuzzRegressionTests {
    /// The first diagnostic that loading `text` as YAML throws, rendered; nil if it loads.
    private func yamlError(_ text: String) -> String? {
        do {
            _ = try YAMLLoader.load(bytes: Array(text.utf8), file: "t.yaml")
            return nil
        } catch {
            return error.diagnostics.first?.description
        }
    }

    // Found by the yaml harness: an empty scalar with a numeric tag indexed its first byte.
    @Test func emptyScalarWithIntTagIsAMismatchNotACrash() {
        #expect(yamlError("!!int ") == "t.yaml:1:1: error: value '' does not match its tag !!int; fix the value or remove the tag")
    }

    @Test func emptyScalarWithFloatTagIsAMismatchNotACrash() {
        #expect(yamlError("a: !!float\n")?.hasPrefix("t.yaml:1:4: error: value '' does not match its tag !!float") == true)
    }

    /// The rendered errors of loading a plan whose period runs from `start` to `end`.
    private func planErrors(start: String, end: String) -> [String] {
        let plan = """
            id: t
            name: Test service
            kind: fire_rescue
            effective_from: 2026-01-01
            period: {start: \(start), end: \(end)}
            opening_hours: "Mo-Fr 16:00-18:00; PH off"
            units:
              - {id: cis-a, kind: station}
            """
        do {
            _ = try PlanLoader.load(planBytes: Array(plan.utf8), planFile: "plan.yaml") { ($0, nil) }
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    // Found by the plan harness (a timeout): a period of 1,005 years, from a mistyped year,
    // had every unit's opening hours expanded over 367,000 days. Fixed on main at the same
    // time (PlanDecoder.maxPeriodDays, 10 years); this keeps the fuzzer's input.
    @Test func aPeriodOfCenturiesIsALocatedErrorNotAnHourOfWork() {
        #expect(planErrors(start: "1021-03-02", end: "2026-03-09") == [
            "plan.yaml:5:34: error: period of 367076 days is longer than 10 years; check a shorter period",
        ])
    }

    @Test func aPeriodOfTenYearsIsAllowed() {
        #expect(planErrors(start: "2026-01-01", end: "2036-01-02").isEmpty)
        #expect(planErrors(start: "2026-01-01", end: "2036-01-03").count == 1)
    }

    /// The error that parsing `text` as opening hours throws, or nil.
    private func hoursError(_ text: String) -> OpeningHours.SyntaxError? {
        do {
            _ = try OpeningHours(parsing: text)
            return nil
        } catch let error as OpeningHours.SyntaxError {
            return error
        } catch {
            return OpeningHours.SyntaxError(offset: -1, message: "\(error)")
        }
    }

    // Found by the plan harness: a run of digits in a time (or a day of the month) overflowed
    // Int while being read, a trap, before its length was checked.
    @Test func aTimeWithEightyDigitsIsASyntaxErrorNotAnOverflow() throws {
        let hours = "Mo-Fr 0" + String(repeating: "4", count: 80) + ":30-17:30; PH off"
        let error = try #require(hoursError(hours))
        #expect(error.offset == 6)
        #expect(error.message == "malformed time '044444444444…' in opening_hours; expected HH:MM")
        #expect(hoursError("Mo-Fr 09:" + String(repeating: "5", count: 40) + "-17:30") != nil)
        #expect(hoursError("Aug " + String(repeating: "9", count: 40) + " off") != nil)
    }

    // Found by the rules harness: min_rest_hours of 1.2e18 trapped converting hours to seconds
    // (Int64) while the engine ran the rule. Fixed on main at the same time (commit 50a32b4:
    // hour limits are at most 1,000,000); this keeps the fuzzer's input.
    @Test func aHugeRestLimitIsALocatedErrorNotAConversionTrap() {
        let file = """
            rules:
              - id: T-1
                principle: continuity
                severity: error
                title: test
                kind: limit
                min_rest_hours: 1155555555555555553
            """
        do {
            _ = try RuleLoader.load(sources: [(file: "rules.yaml", bytes: Array(file.utf8))])
            Issue.record("a rest limit of 1.2e18 hours loaded")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "rules.yaml:7:21: error: 'min_rest_hours' must be at most 1000000, found 1.1555555555555556e+18",
            ])
        }
    }
}
