import Foundation
import Testing
@testable import RuleEngine

@Suite struct WaiverTests {
    static let rules = """
        rules:
          - {id: adult, principle: risk-coverage, severity: error, title: t, kind: assert, for_each: contributors,
             assert: "age_at(contributor.birth_date, as_of) >= 18", message: "{{contributor.id}} is a minor"}
        """

    /// A report with two findings: c-1 and c-2 are minors.
    func report() throws -> (Report, RuleSet) {
        let data = try serviceData(plan: EngineTests.plan, files: ["contributors.csv": "id,role,birth_date\nc-0,driver,1980-01-01\nc-1,driver,2010-01-01\nc-2,driver,2011-01-01\n"])
        let set = try RuleLoader.load(sources: [(file: "rules.yaml", bytes: Array(Self.rules.utf8))])
        return (Engine.run(set.rules, on: EvaluationContext(data: data, asOf: data.plan.period.start)), set)
    }

    func waivers(_ text: String) throws -> [Waiver] {
        try Waivers.load(bytes: Array(text.utf8), file: "waivers.yaml")
    }

    let today = CivilDate(year: 2026, month: 3, day: 2)

    @Test func aValidWaiverWaivesTheMatchingFindingWhichIsStillReported() throws {
        var (report, set) = try report()
        let w = try waivers("""
            waivers:
              - {rule: adult, subject: "contributor:c-1", justification: "junior section, parental consent", approved_by: board, expires: 2026-06-30}
            """)
        Waivers.apply(w, to: &report, today: today, rules: set)
        #expect(report.findings.count == 2)
        #expect(report.findings.first { $0.subject == "contributor:c-1" }?.waiver?.approvedBy == "board")
        #expect(report.findings(atLeast: .error).map(\.subject) == ["contributor:c-2"])
    }

    @Test func aSubjectPatternWaivesEveryMatch() throws {
        var (report, set) = try report()
        Waivers.apply(try waivers("waivers:\n  - {rule: adult, subject: 'contributor:c-*', justification: j, approved_by: a, expires: 2026-12-31}\n"),
                      to: &report, today: today, rules: set)
        #expect(report.findings(atLeast: .info).isEmpty)
    }

    @Test func anExpiredWaiverNoLongerAppliesAndIsItselfReported() throws {
        var (report, set) = try report()
        Waivers.apply(try waivers("waivers:\n  - {rule: adult, subject: 'contributor:c-1', justification: j, approved_by: a, expires: 2026-03-01}\n"),
                      to: &report, today: today, rules: set)
        #expect(report.findings(atLeast: .error).map(\.subject) == ["contributor:c-1", "contributor:c-2"])
        let expired = try #require(report.findings.first { $0.rule == "waiver.expired" })
        #expect(expired.message == "waiver for rule 'adult' on 'contributor:c-1' expired on 2026-03-01; it no longer applies")
        #expect(expired.location == Location(file: "waivers.yaml", line: 2, column: 5))
    }

    @Test func aWaiverThatMatchesNothingIsReportedAsUnused() throws {
        var (report, set) = try report()
        Waivers.apply(try waivers("waivers:\n  - {rule: adult, subject: 'contributor:c-9', justification: j, approved_by: a, expires: 2026-12-31}\n  - {rule: adlt, subject: '*', justification: j, approved_by: a, expires: 2026-12-31}\n"),
                      to: &report, today: today, rules: set)
        let unused = report.findings.filter { $0.rule == "waiver.unused" }.map(\.message)
        #expect(unused == ["waiver for rule 'adult' on 'contributor:c-9' matches no finding",
                           "waiver names rule 'adlt', which is not loaded; did you mean 'adult'?"])
    }

    @Test func aWaiverWithoutJustificationApproverOrExpiryIsALocatedError() {
        #expect(throws: DiagnosticList.self) { try waivers("waivers:\n  - {rule: adult, subject: x}\n") }
        do {
            _ = try waivers("waivers:\n  - {rule: adult, subject: x, justification: '  ', approved_by: a, expires: 2026-02-30}\n")
            Issue.record("expected errors")
        } catch {
            #expect(error.diagnostics.map(\.headline) == [
                "waivers.yaml:2:77: error: 'expires' must be a date written YYYY-MM-DD, found '2026-02-30'",
                "waivers.yaml:2:46: error: 'justification' of a waiver must not be empty: say why and who approved it",
            ])
        }
        do {
            _ = try waivers("waivers:\n  - {rule: adult, subject: x}\n")
        } catch {
            #expect(error.diagnostics.map(\.headline) == [
                "waivers.yaml:2:5: error: missing key 'justification' in a waiver",
                "waivers.yaml:2:5: error: missing key 'approved_by' in a waiver",
                "waivers.yaml:2:5: error: missing key 'expires' in a waiver",
            ])
        }
    }

    @Test func globPatternsMatchAsDocumented() {
        #expect(Waiver.glob("unit:cis-*", "unit:cis-vizille"))
        #expect(Waiver.glob("*", ""))
        #expect(Waiver.glob("a*b*c", "aXXbYYc"))
        #expect(!Waiver.glob("a*b", "aXXc"))
        #expect(!Waiver.glob("unit:cis", "unit:cis-vizille"))
        #expect(Waiver.glob(String(repeating: "*a", count: 50), String(repeating: "a", count: 5000)))
    }
}

@Suite struct BaselineTests {
    @Test func aBaselineMarksKnownFindingsSoOnlyNewOnesCount() throws {
        var (report, _) = try WaiverTests().report()
        let text = Baseline.render(report)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("baseline.json").path
        try ReportFile.write(text, to: file)
        let known = try Baseline.load(file: file)
        #expect(known.count == 2)
        Baseline.apply(known, to: &report)
        #expect(report.findings(atLeast: .info).isEmpty)
        #expect(report.findings.count == 2)
    }

    @Test func aFileThatIsNotABaselineIsALocatedError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("b.json").path
        try ReportFile.write("[1, 2]", to: file)
        #expect(throws: Diagnostic.self) { try Baseline.load(file: file) }
    }
}
