import Foundation
import StandardPacks
import Testing
@testable import RuleEngine

@Suite struct RuleSetLintTests {
    /// Lints rule files given as text; returns the diagnostics, thrown or not.
    func lint(_ files: [(String, String)]) -> (diagnostics: [Diagnostic], threw: Bool) {
        let sources = files.map { (file: $0.0, bytes: Array($0.1.utf8)) }
        do {
            let set = try RuleLoader.load(sources: sources)
            return (try RuleSetLint.check(set, sources: sources).diagnostics, false)
        } catch {
            return (error.diagnostics, true)
        }
    }

    func rule(_ id: String, severity: String = "error", references: String? = "[\"CSP R2324-43\"]",
              params: String? = nil, forEach: String = "assignments", where condition: String? = nil,
              assert: String = "true") -> String {
        var out = """
              - id: \(id)
                principle: continuity
                severity: \(severity)
                title: "T"

            """
        if let references { out += "    references: \(references)\n" }
        if let params { out += "    params: \(params)\n" }
        out += "    kind: assert\n    for_each: \(forEach)\n"
        if let condition { out += "    where: '\(condition)'\n" }
        out += "    assert: '\(assert)'\n    message: \"m\"\n"
        return out
    }

    @Test func anErrorRuleWithoutALegalTextIsAWarningAtItsReferences() {
        let text = "rules:\n" + rule("a.none", references: nil) + rule("a.domain", references: "[\"DOMAIN C-01\"]")
            + rule("a.legal") + rule("a.warning", severity: "warning", references: nil)
        let (diagnostics, threw) = lint([("r.yaml", text)])
        #expect(!threw, "warnings do not stop lint")
        #expect(diagnostics.map(\.severity) == [.warning, .warning])
        #expect(diagnostics.map(\.location.line) == [2, 14], "at the rule, or at its references")
        #expect(diagnostics[0].message.contains("'a.none' cites no reference"))
        #expect(diagnostics[1].location.column == 17, "at the 'references' list")
        #expect(diagnostics[1].message.contains("cites no legal text (only DOMAIN C-01)"))
    }

    @Test(arguments: [
        // The offset is that of the comparison's operator in the expression, counted from 0.
        ("assignment.engagement == \"dutty\"", 22, "never \"dutty\"; did you mean 'duty'?"),
        ("assignment.kind == \"garde\" && assignment.engagement == \"astreinte\"", 52, "never \"astreinte\""),
        ("unit.kind == \"statoin\" || unit.kind == \"lines\"", 10, "unit.kind is one of"),
        ("assignment.engagement in [\"garde\", \"astreinte\"]", 22, "never \"garde\" or \"astreinte\""),
        ("service.kind == \"creche\"", 13, "service.kind is one of \"fire_rescue\""),
    ])
    func aWhereThatCanNeverHoldIsAnErrorAtTheComparison(_ condition: String, _ offset: Int, _ words: String) throws {
        let (diagnostics, threw) = lint([("r.yaml", "rules:\n" + rule("w.never", where: condition))])
        #expect(threw, "an error stops lint with status 2")
        let d = try #require(diagnostics.first)
        #expect(diagnostics.allSatisfy { $0.severity == .error })
        #expect(d.message.contains("can never hold"), "\(d.message)")
        #expect(d.message.contains(words), "\(d.message)")
        // `    where: '` is 12 columns: the expression starts at column 13.
        #expect(d.location.line == 9 && d.location.column == 13 + offset, "\(d.location)")
    }

    @Test(arguments: [
        "assignment.engagement == \"duty\"",
        "assignment.engagement in [\"duty\", \"dutty\"]",
        "unit.kind == \"statoin\" || unit.kind == \"line\"",
        "assignment.engagement != \"dutty\"",
        "contributor.role == \"driver\"",
    ])
    func aWhereThatMayHoldIsNotReported(_ condition: String) {
        let (diagnostics, threw) = lint([("r.yaml", "rules:\n" + rule("w.may", where: condition))])
        #expect(!threw)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func aWhereWrittenInADatedVersionIsCheckedToo() throws {
        let text = "rules:\n" + rule("w.version", where: "assignment.engagement == \"duty\"")
            + "    versions:\n      - {until: 2023-12-31, where: 'assignment.engagement == \"garde\"'}\n      - {from: 2024-01-01}\n"
        let (diagnostics, threw) = lint([("r.yaml", text)])
        #expect(threw)
        let d = try #require(diagnostics.first)
        #expect(d.location.line == 13)
        #expect(d.message.contains("never \"garde\""))
    }

    @Test func aStringFieldComparedWithANumberIsRefusedWhenTheRuleIsRead() {
        // The expression checker already refuses it while loading: lint reports it, located.
        let (diagnostics, threw) = lint([("r.yaml", "rules:\n" + rule("w.type", where: "contributor.role == 5"))])
        #expect(threw)
        #expect(diagnostics.contains { $0.severity == .error && $0.location.line == 9 })
    }

    @Test func aParameterNothingReadsIsAWarningAtItsName() {
        let text = "rules:\n" + rule("p.unread", params: "{min_age: 18, max_age: 60, label: \"x\"}", forEach: "contributors",
                                     assert: "age_at(contributor.birth_date, as_of) >= params.min_age && age_at(contributor.birth_date, as_of) <= params.max_age")
        let (diagnostics, threw) = lint([("r.yaml", text)])
        #expect(!threw)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("parameter 'label' of rule 'p.unread' is read by no expression") == true)
        #expect(diagnostics.first?.location.line == 7)
    }

    @Test func aParameterReadOnlyByTheMessageOrAKindKeyCounts() {
        #expect(RuleSetLint.paramNames(in: "driver {{contributor.id}} under {{params.min_age}}") == ["min_age"])
        #expect(RuleSetLint.paramNames(in: "params.min_crew") == ["min_crew"])
        #expect(RuleSetLint.paramNames(in: "x in params['grades'] && myparams.y") == ["grades"])
    }

    @Test func twoRulesWithOneIDAcrossPacksAreAnError() {
        let (diagnostics, threw) = lint([("a.yaml", "rules:\n" + rule("same.id")), ("b.yaml", "rules:\n" + rule("same.id"))])
        #expect(threw)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location.file == "b.yaml")
        #expect(diagnostics.first?.message == "duplicate rule id 'same.id'")
        #expect(diagnostics.first?.notes.first?.location.file == "a.yaml")
    }

    @Test func theStandardPacksLintClean() throws {
        let sources = StandardPacks.files.map { (file: "Rules/\($0.name)", bytes: $0.bytes) }
        let set = try RuleLoader.load(sources: sources)
        let result = try RuleSetLint.check(set, sources: sources)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(!set.rules.isEmpty)
    }
}
