import Testing
@testable import RuleEngine

/// Loads one rule file given as text; returns the rules or the rendered errors.
func loadRules(_ text: String, file: String = "rules.yaml") -> Result<RuleSet, DiagnosticList> {
    do {
        return .success(try RuleLoader.load(sources: [(file: file, bytes: Array(text.utf8))]))
    } catch {
        return .failure(DiagnosticList(error.diagnostics))
    }
}

func ruleErrors(_ text: String) -> [String] {
    if case .failure(let list) = loadRules(text) { return list.diagnostics.map(\.headline) }
    return []
}

let validRule = """
    rules:
      - id: R-1
        principle: risk-coverage
        severity: warning
        title: {fr: "Titre", en: "Title"}
        rationale: why
        references: ["CSP R2324-43"]
        valid_from: 2026-01-01
        valid_until: 2026-12-31
        tags: [a, b]
        params:
          min_age: 18
          ratio: {default: 0.5, description: a share}
        kind: assert
        for_each: contributors
        assert: contributor.role != ""
        message: "{{contributor.id}}"
    """

@Suite struct RuleLoaderTests {
    @Test func aValidRuleLoadsWithEveryKey() throws {
        let set = try loadRules(validRule).get()
        let rule = try #require(set.rules.first)
        #expect(rule.id == "R-1")
        #expect(rule.principle == .riskCoverage)
        #expect(rule.severity == .warning)
        #expect(rule.title.text("en") == "Title")
        #expect(rule.title.text("de") == "Titre")
        #expect(rule.references == ["CSP R2324-43"])
        #expect(rule.validFrom == CivilDate(year: 2026, month: 1, day: 1))
        #expect(rule.params.map(\.name) == ["min_age", "ratio"])
        #expect(rule.params[1].description == "a share")
        #expect(rule.kind == "assert")
        #expect(rule.location == Location(file: "rules.yaml", line: 2, column: 5))
    }

    @Test func aRuleAppliesOnlyWithinItsValidityDates() throws {
        let rule = try #require(try loadRules(validRule).get().rules.first)
        #expect(rule.applies(at: CivilDate(year: 2026, month: 6, day: 1)))
        #expect(rule.applies(at: CivilDate(year: 2026, month: 12, day: 31)))
        #expect(!rule.applies(at: CivilDate(year: 2027, month: 1, day: 1)))
        #expect(!rule.applies(at: CivilDate(year: 2025, month: 12, day: 31)))
    }

    @Test func anUnknownKeyIsReportedAtTheKeyWithASuggestion() {
        let errors = ruleErrors(validRule.replacingOccurrences(of: "    rationale:", with: "    rationnale:"))
        #expect(errors == ["rules.yaml:6:5: error: unknown key 'rationnale' in rule 'R-1'; did you mean 'rationale'?"])
    }

    @Test func aDuplicateIdIsReportedAtTheSecondWithANoteAtTheFirst() {
        let text = validRule + "\n" + validRule.split(separator: "\n").dropFirst().joined(separator: "\n")
        guard case .failure(let list) = loadRules(text) else { Issue.record("expected an error"); return }
        #expect(list.diagnostics.map(\.description) == [
            "rules.yaml:18:5: error: duplicate rule id 'R-1'\nrules.yaml:2:5: note: 'R-1' is first defined here",
        ])
    }

    @Test func everyErrorOfAFileIsReportedNotJustTheFirst() {
        let errors = ruleErrors("""
            rules:
              - id: A
                principle: continuity
                severity: fatal
                title: t
                kind: assert
                for_each: contributors
                assert: contributor.role == 1
                message: m
              - id: B c
                principle: equity
                severity: error
                title: t
                valid_from: 2026-02-30
                kind: asert
            """)
        #expect(errors == [
            "rules.yaml:4:15: error: severity 'fatal' of rule 'A' must be error, warning or info",
            "rules.yaml:8:30: error: cannot compare string with int using '=='",
            "rules.yaml:10:9: error: rule id 'B c' may only hold letters, digits, '.', '_' and '-'",
            "rules.yaml:11:16: error: unknown principle 'equity' in rule 'B c'; did you mean 'equality'? (a pack may define its own under pack.principles)",
            "rules.yaml:14:17: error: 'valid_from' must be a date written YYYY-MM-DD, found '2026-02-30'",
            "rules.yaml:15:11: error: unknown rule kind 'asert' in rule 'B c'; did you mean 'assert'?",
        ])
    }

    @Test func missingRequiredKeysAreNamed() {
        let errors = ruleErrors("rules:\n  - id: A\n    kind: assert\n    for_each: contributors\n    assert: 'true'\n    message: m\n")
        #expect(errors == [
            "rules.yaml:2:5: error: missing key 'principle' in rule 'A'",
            "rules.yaml:2:5: error: missing key 'severity' in rule 'A'",
            "rules.yaml:2:5: error: missing key 'title' in rule 'A'",
        ])
    }

    @Test func aPackMayDefineItsOwnPrinciples() throws {
        let set = try loadRules("""
            pack: {id: mine, principles: [transparency], service_kinds: [carpool_line]}
            rules:
              - {id: T, principle: transparency, severity: info, title: t, kind: assert, for_each: service, assert: 'true', message: m}
            """).get()
        #expect(set.rules.first?.principle == Principle("transparency"))
        #expect(set.rules.first?.serviceKinds == ["carpool_line"])
        #expect(set.packs.first?.id == "mine")
    }

    @Test func aRuleFileMustHoldOneDocumentWithRules() {
        #expect(ruleErrors("a: 1\n") == [
            "rules.yaml:1:1: error: missing key 'rules' in the rule file",
            "rules.yaml:1:1: error: unknown key 'a' in the rule file",
        ])
        #expect(ruleErrors("rules: []\n---\nrules: []\n") == ["rules.yaml:1:1: error: a rule file holds exactly one YAML document, found 2"])
    }

    @Test func aMessagePlaceholderIsCheckedAtLoad() {
        let errors = ruleErrors(validRule.replacingOccurrences(of: "\"{{contributor.id}}\"", with: "\"x {{contributor.rol}} {{ 1 +\""))
        #expect(errors == [
            "rules.yaml:17:31: error: contributor has no field 'rol'; did you mean 'role'?",
            "rules.yaml:17:37: error: '{{' without a closing '}}' in message",
        ])
    }

    @Test func theWhereOfAnAssertMustBeACondition() {
        let errors = ruleErrors(validRule.replacingOccurrences(of: "    assert: contributor.role != \"\"", with: "    where: contributor.role\n    assert: 'true'"))
        #expect(errors == ["rules.yaml:16:12: error: 'where' must be a condition (bool), but this expression gives string"])
    }
}
