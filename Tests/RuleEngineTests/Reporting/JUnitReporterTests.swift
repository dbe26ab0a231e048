import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import RuleEngine

/// The test cases of a JUnit file, read with Foundation's XML parser.
final class JUnitReader: NSObject, XMLParserDelegate {
    struct Case {
        var suite: String
        var name: String
        var classname: String
        var result: String = "pass"
        var type: String?
        var text = ""
    }

    var suites: [(name: String, attributes: [String: String])] = []
    var cases: [Case] = []
    var root: [String: String] = [:]
    private var inResult = false

    static func read(_ xml: String) throws -> JUnitReader {
        let reader = JUnitReader()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = reader
        guard parser.parse() else {
            throw XMLError(description: parser.parserError.map { "\($0)" } ?? "XML parse error")
        }
        return reader
    }

    struct XMLError: Error, CustomStringConvertible { var description: String }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "testsuites": root = attributes
        case "testsuite": suites.append((attributes["name"] ?? "", attributes))
        case "testcase":
            cases.append(Case(suite: suites.last?.name ?? "", name: attributes["name"] ?? "", classname: attributes["classname"] ?? ""))
        case "failure", "error", "skipped":
            cases[cases.count - 1].result = name
            cases[cases.count - 1].type = attributes["type"]
            inResult = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if ["failure", "error", "skipped"].contains(name) { inResult = false }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inResult { cases[cases.count - 1].text += string }
    }
}

@Suite struct JUnitReporterTests {
    @Test func everyRuleAndSubjectIsOneUniquelyNamedTestCaseInItsPrinciplesSuite() throws {
        let (_, input) = try Fixture.check()
        let junit = try JUnitReader.read(JUnitReporter.render(input))
        let names = junit.cases.map(\.name)
        #expect(Set(names).count == names.count)
        // driver-adult: 3 drivers; role-known: 4 contributors; old-rule: not in force.
        #expect(junit.cases.count == 8)
        #expect(junit.suites.map(\.name) == ["continuity", "equality", "risk-coverage"])
        #expect(junit.root["tests"] == "8")
        #expect(junit.root["failures"] == "1")
        #expect(junit.root["errors"] == "1")
        #expect(junit.root["skipped"] == "1")
    }

    @Test func failIsAFailureIndeterminateAnErrorPassPassesAndARuleNotInForceIsSkipped() throws {
        let (_, input) = try Fixture.check(lang: "en")
        let cases = try JUnitReader.read(JUnitReporter.render(input)).cases
        func result(_ name: String) -> JUnitReader.Case? { cases.first { $0.name == name } }
        #expect(result("cl.driver-adult contributor:d-01")?.result == "pass")
        let failure = try #require(result("cl.driver-adult contributor:d-02"))
        #expect(failure.result == "failure")
        #expect(failure.type == "error")
        #expect(failure.classname == "cl.driver-adult")
        #expect(failure.text.contains("contributors.csv:3:1: error: driver d-02 (Jean Dupont) is under 18"))
        #expect(failure.suite == "risk-coverage")
        let undecided = try #require(result("cl.driver-adult contributor:d-03"))
        #expect(undecided.result == "error")
        #expect(undecided.type == "indeterminate")
        #expect(undecided.text.contains("contributor.birth_date"))
        #expect(result("cl.old-rule (not in force)")?.result == "skipped")
        #expect(result("cl.role-known contributor:p-01")?.result == "pass")
    }

    @Test func severalResultsOfOneRuleOnOneSubjectAreOneTestCase() throws {
        let input = Fixture.input([
            Fixture.finding(message: "gap monday", fingerprint: "a"),
            Fixture.finding(message: "gap tuesday", fingerprint: "b"),
            Fixture.finding(outcome: .indeterminate, message: "no hours", fingerprint: "c"),
        ])
        let cases = try JUnitReader.read(JUnitReporter.render(input)).cases
        #expect(cases.count == 1)
        #expect(cases.first?.result == "failure")
        #expect(cases.first?.text.contains("gap monday") == true)
        #expect(cases.first?.text.contains("gap tuesday") == true)
        #expect(cases.first?.text.contains("no hours") == true)
    }

    @Test func markupAndControlCharactersInDataStillParse() throws {
        let input = Fixture.input([Fixture.finding(rule: "R<&>\"'", message: "a <b> & \"c\"\u{1}\u{0B}", subject: "unit:'x'&<y>")],
                                  passes: [(rule: "P", subject: "unit:\u{7}")])
        let junit = try JUnitReader.read(JUnitReporter.render(input))
        #expect(junit.cases.map(\.name).contains("R<&>\"' unit:'x'&<y>"))
        #expect(junit.cases.count == 2)
    }

    @Test func aRuleWithNoSubjectIsASkippedTestCase() throws {
        var report = Report()
        report.evaluated = ["EMPTY"]
        let cases = try JUnitReader.read(JUnitReporter.render(ReportInput(report: report, run: RunInfo()))).cases
        #expect(cases.map(\.name) == ["EMPTY (no subject)"])
        #expect(cases.first?.result == "skipped")
    }
}
