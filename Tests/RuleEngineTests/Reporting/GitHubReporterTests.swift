import Testing
@testable import RuleEngine

@Suite struct GitHubReporterTests {
    @Test func eachFindingIsAWorkflowCommandAtItsFileLineAndColumn() throws {
        let (_, input) = try Fixture.check(lang: "en")
        let lines = GitHubReporter.render(input).split(separator: "\n").map(String.init)
        #expect(lines.contains("::error file=contributors.csv,line=3,col=1,title=cl.driver-adult::driver d-02 (Jean Dupont) is under 18 [contributor:d-02]%0Afix: write to jean.dupont@example.org"))
        #expect(lines.contains { $0.hasPrefix("::error file=contributors.csv,line=4,col=1,title=cl.driver-adult::(indeterminate) cannot decide") })
        #expect(lines.last?.hasPrefix("spp-check: 2 rules, 7 results:") == true)
    }

    @Test(arguments: [(Severity.error, "::error "), (.warning, "::warning "), (.info, "::notice ")])
    func severityChoosesTheCommand(_ severity: Severity, _ prefix: String) {
        let text = GitHubReporter.render(Fixture.input([Fixture.finding(severity: severity)]))
        #expect(text.hasPrefix(prefix))
    }

    @Test func messagesEscapePercentAndLineBreaks() {
        #expect(GitHubReporter.escapeData("100% sure\r\nnext: a,b") == "100%25 sure%0D%0Anext: a,b")
    }

    @Test func propertiesAlsoEscapeColonAndComma() {
        #expect(GitHubReporter.escapeProperty("C:\\a,b%\n") == "C%3A\\a%2Cb%25%0A")
    }

    @Test func aFileNameWithCommaAndColonCannotBreakTheCommand() {
        let f = Fixture.finding(rule: "R:1,x", message: "m::n", location: Location(file: "a,b:c.yaml", line: 2, column: 7))
        let line = GitHubReporter.render(Fixture.input([f], workingDirectory: "/nowhere")).split(separator: "\n")[0]
        #expect(line == "::error file=a%2Cb%3Ac.yaml,line=2,col=7,title=R%3A1%2Cx::m::n [unit:u1]")
    }

    @Test func aFindingWithoutPlaceHasOnlyATitle() {
        let line = GitHubReporter.render(Fixture.input([Fixture.finding(location: nil)])).split(separator: "\n")[0]
        #expect(line == "::error title=R-1::m [unit:u1]")
    }
}
