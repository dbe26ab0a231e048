import Foundation
import Testing
@testable import RuleEngine

/// Hover, completion and the cursor context on texts held in memory (no server).
@Suite struct EditorFeatureTests {
    static let rules = """
    rules:
      - id: r.one
        principle: continuity
        severity: warning
        title: "One"
        params: {min_age: {default: 18, min: 16, basis: "Code X"}, cap: 3}
        kind: assert
        for_each: contributors
        assert: age_at(contributor.birth_date, as_of) >= params.
        message: "x"

    """

    private func document(_ text: String, path: String = "/nonexistent/rules.yaml") -> (Workspace, TextDocument) {
        let ws = Workspace()
        let doc = TextDocument(path: path, text: text)
        ws.open(doc)
        return (ws, doc)
    }

    private func end(of needle: String, in text: String) -> Position {
        let lines = text.components(separatedBy: "\n")
        let l = lines.firstIndex { $0.contains(needle) }!
        let r = lines[l].range(of: needle)!
        return Position(line: l, character: lines[l].utf16.distance(from: lines[l].startIndex, to: r.upperBound))
    }

    @Test func theCursorKnowsTheKeysLeadingToIt() {
        let (_, doc) = document(Self.rules)
        let c = YAMLCursor(doc, end(of: "for_each: contributors", in: Self.rules))
        #expect(c.path == ["rules", "[]"])
        #expect(c.valueOf == "for_each")
        #expect(c.value(of: "kind", in: doc) == "assert")
        #expect(c.value(of: "id", in: doc) == "r.one")
    }

    @Test func paramsCompleteFromTheRuleBeingWritten() {
        let (ws, doc) = document(Self.rules)
        let labels = Completion.list(ws, doc, end(of: ">= params.", in: Self.rules)).map(\.label)
        #expect(labels.sorted() == ["cap", "min_age"])
    }

    @Test func keysCompleteForTheRulesKindOnly() {
        let text = Self.rules.replacingOccurrences(of: "    for_each: contributors\n", with: "    for_each: contributors\n    ma\n")
        let (ws, doc) = document(text)
        let labels = Set(Completion.list(ws, doc, end(of: "    ma", in: text)).map(\.label))
        #expect(labels.contains("message") && labels.contains("assert") && labels.contains("severity"))
        #expect(!labels.contains("max_hours"))
    }

    @Test func hoverOnAKindGivesItsKeysAndOnAParameterBoundItsBasis() throws {
        let text = Self.rules.replacingOccurrences(of: ">= params.", with: ">= params.min_age")
        let (ws, doc) = document(text)
        let kind = try #require(Hover.markdown(ws, doc, end(of: "kind: ass", in: text), word: "assert"))
        #expect(kind.hasPrefix("**kind `assert`**: \(AssertRule.summary)"))
        #expect(kind.contains("`for_each`"))
        let rule = try #require(Hover.markdown(ws, doc, end(of: "id: r.o", in: text), word: "r.one"))
        #expect(rule.contains("- `min_age` = 18 (≥ 16, Code X)"))
    }

    @Test func aFailingRuleTestIsShownAtTheTest() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spp-lsp-tests-\(UUID().uuidString)").standardizedFileURL
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = Self.rules.replacingOccurrences(of: ">= params.", with: ">= params.min_age")
        try Data(rules.utf8).write(to: dir.appendingPathComponent("mine.yaml"))
        let test = """
        tests:
          - name: an adult passes
            plan: |
              id: t
              name: T
              kind: carpool_line
              effective_from: 2026-01-01
              period: {start: 2026-03-02, end: 2026-03-03}
              units:
                - {id: l1, kind: line, opening_hours: "Mo 08:00-09:00", fallback: {mode: taxi, max_delay_minutes: 5}}
              rosters: [contributors.csv]
            files:
              contributors.csv: |
                id,role,birth_date
                c1,driver,1980-01-01
            expect:
              - {rule: r.one, subject: "contributor:c1", outcome: fail}

        """
        let path = dir.appendingPathComponent("mine.test.yaml").path
        let ws = Workspace()
        ws.open(TextDocument(path: path, text: test))
        let found = ws.lint(path, role: .ruleTest)[path] ?? []
        let d = try #require(found.first)
        #expect(found.count == 1)
        #expect(d.location.line == 2)
        #expect(d.message.hasPrefix("test 'an adult passes' fails:"))
    }
}
