import Testing
@testable import RuleEngine

@Suite struct ScalarStyleTests {
    @Test func everyScalarKeepsHowItWasWrittenAndWhereItsTextStarts() throws {
        let text = "a: plain\nb: 'single'\nc: \"double\"\nd: |\n  literal\ne: >\n  folded\nf: &x 'anchored'\ng: *x\n"
        let root = try #require(try YAMLLoader.load(bytes: Array(text.utf8), file: "f.yaml").documents.first)
        let styles = (root.pairs ?? []).map(\.value.style)
        #expect(styles == [.plain, .singleQuoted, .doubleQuoted, .literal, .folded, .singleQuoted, .singleQuoted])
        #expect(root["a"]?.textStart == Location(file: "f.yaml", line: 1, column: 4))
        #expect(root["b"]?.textStart == Location(file: "f.yaml", line: 2, column: 5))
        #expect(root["d"]?.textStart.line == 5)
    }
}
