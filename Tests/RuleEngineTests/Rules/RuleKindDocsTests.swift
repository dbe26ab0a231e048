import Foundation
import Testing
@testable import RuleEngine

/// Every rule kind is documented: a row in the kinds table of docs/rule-language.md and, for the
/// principle kinds, a page of its own with runnable examples.
@Suite struct RuleKindDocsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: RuleKinds.all.map { $0.identifier })
    func everyKindHasARowAndAPage(_ kind: String) throws {
        let language = try String(contentsOf: Self.root.appendingPathComponent("docs/rule-language.md"), encoding: .utf8)
        #expect(language.contains("| `\(kind)` |"), "no row for \(kind) in docs/rule-language.md")
        guard kind != "assert" else { return }
        let page = try String(contentsOf: Self.root.appendingPathComponent("docs/kinds/\(kind).md"), encoding: .utf8)
        #expect(page.contains("<!-- example:"), "docs/kinds/\(kind).md has no runnable example")
    }
}
