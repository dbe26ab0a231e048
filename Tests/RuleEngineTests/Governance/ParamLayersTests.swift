import Foundation
import Testing
@testable import RuleEngine

/// Override layers (standard pack → territory file → plan), their provenance in findings,
/// legal bounds and derogations, and lawful exceptions, end to end through `CheckRun`.
@Suite struct ParamLayersTests {
    static let rules = """
        rules:
          - id: r-1
            principle: continuity
            severity: error
            title: t
            params:
              rest: {default: 11, min: 11, basis: "directive 2003/88 art. 3", nature: legal_floor, derogations: [{id: art-17, min: 9, basis: "directive 2003/88 art. 17 § 3"}]}
            kind: assert
            for_each: service
            assert: params.rest >= 13
            message: "rest {{params.rest}}"
          - id: r-2
            principle: continuity
            severity: error
            title: t
            exceptions:
              - {id: stand-in, basis: "CSP R2324-50-1"}
            kind: assert
            for_each: units
            assert: "false"
            message: "unit {{unit.id}}"
        """

    /// Runs a check of a plan naming `territory` (when given) with `planParams`.
    static func run(territory: String?, planParams: String = "") throws -> CheckResult {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("layers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try rules.write(to: dir.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        if let territory { try territory.write(to: dir.appendingPathComponent("territory.yaml"), atomically: true, encoding: .utf8) }
        let plan = """
            id: p
            name: P
            kind: fire_rescue
            effective_from: 2026-01-01
            period: {start: 2026-03-02, end: 2026-03-03}
            units: [{id: u1, kind: station}, {id: u2, kind: station}]
            \(territory == nil ? "" : "overrides: [territory.yaml]")
            \(planParams)
            """
        try plan.write(to: dir.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        var options = CheckOptions(plan: dir.appendingPathComponent("plan.yaml").path)
        options.rulePaths = [dir.appendingPathComponent("rules.yaml").path]
        return try CheckRun.run(options)
    }

    static func errors(territory: String?, planParams: String = "") -> [String] {
        do { _ = try run(territory: territory, planParams: planParams); return [] } catch {
            return error.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" }
        }
    }

    static let header = """
        territory: SDIS 99
        approved_by: "conseil d'administration du SDIS 99"
        basis: "délibération n° 2026-07"
        date: 2026-01-15
        valid_until: 2027-12-31
        """

    @Test func aTerritoryValueWithinBoundsIsUsedAndTheFindingSaysWhoSetItAndOnWhatBasis() throws {
        let result = try Self.run(territory: Self.header + "\nparams:\n  r-1: {rest: 12}\n")
        let f = try #require(result.report.findings.first { $0.rule == "r-1" })
        #expect(f.message == "rest 12")
        #expect(f.settings.map(\.layer) == [.territory])
        #expect(f.settings.first?.approvedBy == "conseil d'administration du SDIS 99")
        #expect(f.settings.first?.text.hasSuffix("approved by conseil d'administration du SDIS 99; délibération n° 2026-07 of 2026-01-15, until 2027-12-31)") == true)
        let json = JSONReporter.render(result.report, run: result.run)
        #expect(json.contains("\"layer\": \"territory\""))
        #expect(json.contains("\"basis\": \"délibération n° 2026-07\""))
        let text = TextReporter.render(ReportInput(result), color: false)
        #expect(text.contains("parameters: rest = 12 (territory, "))
    }

    @Test func thePlanLayerComesAfterTheTerritoryOne() throws {
        let result = try Self.run(territory: Self.header + "\nparams:\n  r-1: {rest: 12}\n",
                                  planParams: "params:\n  r-1: {rest: {value: 14, approved_by: \"le chef de centre\", basis: \"note de service 3\"}}")
        #expect(result.report.findings.contains { $0.rule == "r-1" } == false)
        #expect(result.settings["r-1"]?["rest"]?.layer == .plan)
        #expect(result.settings["r-1"]?["rest"]?.approvedBy == "le chef de centre")
    }

    @Test func aTerritoryValueCrossingTheFloorIsALocatedErrorNamingTheBoundAndItsText() {
        #expect(Self.errors(territory: Self.header + "\nparams:\n  r-1: {rest: 10}\n") == [
            "7:15: parameter 'rest' of rule 'r-1' is 10, below 11, the least allowed (directive 2003/88 art. 3): a territory file may make the rule stricter, not cross the bound (unless it cites a derogation the law allows: art-17)",
        ])
    }

    @Test func aDerogationTheRuleDeclaresAllowsCrossingTheBoundToItsOwn() throws {
        let ok = try Self.run(territory: Self.header + "\nparams:\n  r-1: {rest: {value: 10, derogation: art-17}}\n")
        #expect(ok.settings["r-1"]?["rest"]?.derogation == "art-17")
        #expect(Self.errors(territory: Self.header + "\nparams:\n  r-1: {rest: {value: 8, derogation: art-17}}\n") == [
            "7:23: parameter 'rest' of rule 'r-1' is 8, below 9, the least allowed (directive 2003/88 art. 17 § 3, derogation 'art-17'): a territory file may make the rule stricter, not cross the bound",
        ])
        #expect(Self.errors(territory: Self.header + "\nparams:\n  r-1: {rest: {value: 10, derogation: art-18}}\n") == [
            "7:23: parameter 'rest' of rule 'r-1' has no derogation 'art-18'; did you mean 'art-17'?",
        ])
    }

    @Test func aTerritoryOverrideMustSayWhoApprovedItAndAnUnknownParameterIsAnError() {
        #expect(Self.errors(territory: "territory: X\nparams:\n  r-1: {rest: 12, rset: 3}\n") == [
            "3:15: the override of 'rest' of rule 'r-1' does not say on what basis ('basis': a deliberation, an arrêté…)",
            // Two swapped letters are one edit for the one "did you mean" algorithm (Suggestion).
            "3:25: rule 'r-1' has no parameter 'rset'; did you mean 'rest'?",
        ])
    }

    @Test func anExpiredOverrideIsNotAppliedAndSaysSo() throws {
        let result = try Self.run(territory: "territory: X\napproved_by: Y\nbasis: Z\nvalid_until: 2025-12-31\nparams:\n  r-1: {rest: 12}\n")
        #expect(result.report.findings.first { $0.rule == "r-1" }?.message == "rest 11")
        #expect(result.warnings.map(\.message).contains("the override of 'rest' of rule 'r-1' expired on 2025-12-31: not applied, the rule's value stands"))
    }

    @Test func aLawfulExceptionTurnsAFailIntoAPassUnderItInEveryReport() throws {
        let result = try Self.run(territory: Self.header + "\nexceptions:\n  - {rule: r-2, id: stand-in, subjects: [\"unit:u1\"]}\n")
        let u1 = try #require(result.report.findings.first { $0.subject == "unit:u1" })
        let u2 = try #require(result.report.findings.first { $0.subject == "unit:u2" })
        #expect(u1.exception?.id == "stand-in")
        #expect(!u1.isActive)
        #expect(u2.isActive)
        #expect(result.report.outcomes[.pass] == 1)
        let input = ReportInput(result)
        #expect(TextReporter.render(input, color: false).contains("error (pass under exception stand-in): unit u1 [r-2]"))
        #expect(MarkdownReporter.render(input).contains("pass under exception stand-in"))
        #expect(HTMLReporter.render(input).contains("pass under exception stand-in"))
        #expect(JSONReporter.render(result.report, run: result.run).contains("\"law\": \"CSP R2324-50-1\""))
    }

    @Test func anExceptionTheRuleDoesNotDeclareIsAnError() {
        #expect(Self.errors(territory: Self.header + "\nexceptions:\n  - {rule: r-1, id: stand-in}\n") == [
            "7:5: rule 'r-1' declares no exception 'stand-in': the law allows none the rule knows of; a waiver accepts a risk instead",
        ])
    }
}
