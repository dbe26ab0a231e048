import Testing
@testable import RuleEngine

@Suite struct ScalarEscapesTests {
    @Test func namedScalarsAreReplacedAndTheRestKept() {
        let escapes = ScalarEscapes(["&": "&amp;", "\n": "\\n"])
        #expect(escapes("a & b\nc é 🚒") == "a &amp; b\\nc é 🚒")
        #expect(escapes("") == "")
    }

    @Test func theTableWinsOverOtherwiseWhichTakesEveryOtherScalar() {
        let escapes = ScalarEscapes(["\t": "TAB"], otherwise: { $0.value < 0x20 || $0.value > 0x7F ? "?" : nil })
        #expect(escapes("a\tb\u{1}c\u{E9}d") == "aTABb?c?d")
    }

    @Test func writeAppendsToWhatIsThere() {
        var out = "<"
        ScalarEscapes(["|": "¦"]).write("a|b", into: &out)
        #expect(out == "<a¦b")
    }

    @Test func eachFormatKeepsItsOwnEscapes() {
        #expect(JUnitReporter.xml("<a b='c'>\u{1}\u{FFFE}\n") == "&lt;a b=&apos;c&apos;&gt;\u{FFFD}\u{FFFD}&#10;")
        #expect(HTMLReporter.esc("<'\"&\t\u{7F}>") == "&lt;&#39;&quot;&amp;\t\u{FFFD}&gt;")
        #expect(GitHubReporter.escapeProperty("50%: a,b\n") == "50%25%3A a%2Cb%0A")
        #expect(MarkdownReporter.cell("a|b\n<c>") == "a\\|b &lt;c&gt;")
        #expect(MarkdownReporter.code("a`b|c\r") == "a'b¦c ")
        #expect(RuleTestScaffold.quoted("say \"hi\"\\\n") == "\"say \\\"hi\\\"\\\\\\n\"")
        var json = ""
        JSONText.quote("a\"\u{8}\u{1F}\u{7F}é", into: &json)
        #expect(json == "\"a\\\"\\b\\u001f\\u007fé\"")
    }
}
