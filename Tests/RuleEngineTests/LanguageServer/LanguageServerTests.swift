import Foundation
import Testing
@testable import RuleEngine

/// The server driven message by message in memory (the end-to-end tests drive the binary
/// through a real client: Tests/Support/lsp/).
@Suite struct LanguageServerTests {
    final class Outbox: @unchecked Sendable {
        let lock = NSLock()
        var messages: [JSON] = []
        func add(_ m: JSON) { lock.withLock { messages.append(m) } }
        var all: [JSON] { lock.withLock { messages } }
    }

    static let rules = """
    rules:
      - id: cl.driver-adult
        principle: risk-coverage
        severity: error
        title: {fr: "Conducteur majeur", en: "Drivers are adults"}
        params: {min_age: 18}
        kind: assert
        for_each: contributors
        where: contributor.role == "driver"
        assert: age_at(contributor.birth_date, as_of) >= params.min_age
        message: "driver {{contributor.id}} is under {{params.min_age}}"

    """
    static let plan = """
    id: ligne-l1
    name: Ligne L1
    kind: carpool_line
    effective_from: 2026-01-01
    period: {start: 2026-03-02, end: 2026-03-09}
    units:
      - id: line-l1
        kind: line
        opening_hours: "Mo-Fr 06:30-09:00"
        fallback: {mode: taxi, max_delay_minutes: 10}
    rosters:
      - contributors.csv

    """
    static let roster = "id,role,birth_date,units\nd-01,driver,1980-01-01,line-l1\nd-02,driver,2009-06-01,line-l1\n"

    /// A server on a temporary folder holding the example files, rules from `rules.yaml`.
    private func server(debounce: Double = 0, options: [String: JSON] = [:], files: [String: String] = [:]) throws -> (LanguageServer, Outbox, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spp-lsp-\(UUID().uuidString)").standardizedFileURL
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let all = ["rules.yaml": Self.rules, "plan.yaml": Self.plan, "contributors.csv": Self.roster].merging(files) { $1 }
        for (name, text) in all {
            try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        }
        let out = Outbox()
        let s = LanguageServer(debounce: debounce) { out.add($0) }
        s.handle(request(1, "initialize", ["rootUri": .string(dir.absoluteString),
                                            "initializationOptions": .object(["rules": .array(["rules.yaml"])].merging(options) { $1 })]))
        s.drain()
        return (s, out, dir)
    }

    private func request(_ id: Int, _ method: String, _ params: [String: JSON]) -> JSON {
        .object(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": .object(params)])
    }

    private func notification(_ method: String, _ params: [String: JSON]) -> JSON {
        .object(["jsonrpc": "2.0", "method": .string(method), "params": .object(params)])
    }

    private func open(_ s: LanguageServer, _ url: URL, _ text: String, version: Int = 1) {
        s.handle(notification("textDocument/didOpen", ["textDocument": .object([
            "uri": .string(url.absoluteString), "languageId": "yaml", "version": .int(version), "text": .string(text)])]))
    }

    private func change(_ s: LanguageServer, _ url: URL, _ text: String, version: Int) {
        s.handle(notification("textDocument/didChange", [
            "textDocument": .object(["uri": .string(url.absoluteString), "version": .int(version)]),
            "contentChanges": .array([.object(["text": .string(text)])])]))
    }

    private func at(_ url: URL, _ line: Int, _ character: Int) -> [String: JSON] {
        ["textDocument": .object(["uri": .string(url.absoluteString)]),
         "position": .object(["line": .int(line), "character": .int(character)])]
    }

    /// The response to request `id`.
    private func response(_ out: Outbox, _ id: Int) -> JSON? {
        out.all.last { $0["id"]?.int == id }
    }

    /// The diagnostics last published for `url`.
    private func published(_ out: Outbox, _ url: URL) -> [JSON]? {
        out.all.last { $0["method"]?.string == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.string == url.absoluteString }?["params"]?["diagnostics"]?.array
    }

    @Test func initializeAnnouncesEveryFeature() throws {
        let (_, out, _) = try server()
        let caps = try #require(response(out, 1)?["result"]?["capabilities"])
        for key in ["hoverProvider", "completionProvider", "definitionProvider", "referencesProvider", "codeActionProvider", "documentSymbolProvider"] {
            #expect(caps[key] != nil, "missing \(key)")
        }
        #expect(caps["textDocumentSync"]?["change"]?.int == 1)
    }

    @Test func unknownRequestsAreMethodNotFoundAndUnknownNotificationsAreIgnored() throws {
        let (s, out, _) = try server()
        let before = out.all.count
        s.handle(notification("spp/whatever", [:]))
        s.handle(request(7, "spp/whatever", [:]))
        s.drain()
        #expect(response(out, 7)?["error"]?["code"]?.int == -32601)
        #expect(out.all.count == before + 1)
    }

    @Test func malformedMessagesGetErrorsWithoutStoppingTheServer() throws {
        let (s, out, dir) = try server()
        s.handleMalformed("invalid JSON at byte 3: unexpected character")
        s.handle(.array([.int(1)]))
        s.handle(.object(["jsonrpc": "2.0", "id": .int(3)]))
        s.drain()
        let errors = out.all.compactMap { $0["error"]?["code"]?.int }
        #expect(errors == [-32700, -32600, -32600])
        s.handle(request(4, "textDocument/documentSymbol", ["textDocument": .object(["uri": .string(dir.appendingPathComponent("rules.yaml").absoluteString)])]))
        s.drain()
        #expect(response(out, 4)?["result"]?.array?.first?["name"]?.string == "cl.driver-adult")
    }

    @Test func aRuleFileTypoIsPublishedAtItsPlaceAndGoesWhenFixed() throws {
        let (s, out, dir) = try server()
        let url = dir.appendingPathComponent("rules.yaml")
        open(s, url, Self.rules.replacingOccurrences(of: "    severity: error", with: "    severty: error"))
        s.drain()
        let d = try #require(published(out, url)?.first)
        #expect(d["message"]?.string == "unknown key 'severty' in rule 'cl.driver-adult'; did you mean 'severity'?")
        #expect(d["range"]?["start"]?["line"]?.int == 3)
        #expect(d["range"]?["start"]?["character"]?.int == 4)
        #expect(d["range"]?["end"]?["character"]?.int == 11)
        change(s, url, Self.rules, version: 2)
        s.drain()
        #expect(published(out, url)?.isEmpty == true)
    }

    @Test func aRosterEditReChecksThePlanAndPublishesPerFile() throws {
        let (s, out, dir) = try server()
        let plan = dir.appendingPathComponent("plan.yaml"), roster = dir.appendingPathComponent("contributors.csv")
        open(s, plan, Self.plan)
        s.drain()
        let findings = try #require(published(out, roster))
        #expect(findings.count == 1)
        #expect(findings.first?["code"]?.string == "cl.driver-adult")
        #expect(findings.first?["range"]?["start"]?["line"]?.int == 2)
        open(s, roster, Self.roster)
        change(s, roster, Self.roster.replacingOccurrences(of: "2009-06-01", with: "1990-06-01"), version: 2)
        s.drain()
        #expect(published(out, roster)?.isEmpty == true)
        #expect(published(out, plan)?.isEmpty == true)
    }

    @Test func aRosterErrorIsShownInTheRoster() throws {
        let (s, out, dir) = try server()
        let plan = dir.appendingPathComponent("plan.yaml"), roster = dir.appendingPathComponent("contributors.csv")
        open(s, plan, Self.plan)
        open(s, roster, Self.roster + "d-03,driver,1990-13-45,line-l1\n")
        s.drain()
        let d = try #require(published(out, roster)?.first { $0["severity"]?.int == 1 && $0["code"] == nil })
        // The third field, where "1990-13-45" starts: CSV locations count fields, editors characters.
        #expect(d["range"]?["start"]?["line"]?.int == 3)
        #expect(d["range"]?["start"]?["character"]?.int == 12)
        #expect(d["range"]?["end"]?["character"]?.int == 22)
        #expect(d["message"]?.string?.contains("birth_date") == true)
    }

    @Test func hoverCompletionDefinitionAndSymbolsAnswer() throws {
        let (s, out, dir) = try server()
        let rules = dir.appendingPathComponent("rules.yaml"), plan = dir.appendingPathComponent("plan.yaml")
        let roster = dir.appendingPathComponent("contributors.csv")
        open(s, plan, Self.plan)
        s.handle(request(10, "textDocument/hover", at(rules, 1, 10)))
        s.handle(request(11, "textDocument/hover", at(rules, 9, 22)))
        s.handle(request(12, "textDocument/hover", at(roster, 1, 10 + 15)))
        s.handle(request(13, "textDocument/definition", at(roster, 1, 27)))
        s.handle(request(14, "textDocument/completion", at(roster, 1, 26)))
        s.handle(request(15, "textDocument/documentSymbol", ["textDocument": .object(["uri": .string(plan.absoluteString)])]))
        s.drain()
        #expect(response(out, 10)?["result"]?["contents"]?["value"]?.string?.contains("Drivers are adults") == true)
        #expect(response(out, 11)?["result"]?["contents"]?["value"]?.string?.contains("`contributor.birth_date`**: date") == true)
        #expect(response(out, 12)?["result"]?["contents"]?["value"]?.string?.contains("unit `line-l1`") == true)
        let target = try #require(response(out, 13)?["result"])
        #expect(target["uri"]?.string == plan.absoluteString)
        #expect(target["range"]?["start"]?["line"]?.int == 6)
        let labels = response(out, 14)?["result"]?["items"]?.array?.compactMap { $0["label"]?.string } ?? []
        #expect(labels == ["line-l1"])
        let symbols = response(out, 15)?["result"]?.array?.compactMap { $0["name"]?.string } ?? []
        #expect(symbols == ["line-l1", "contributors.csv"])
    }

    @Test func aCancelledRequestIsAnsweredAsCancelled() throws {
        let (s, out, dir) = try server()
        s.handle(notification("$/cancelRequest", ["id": .int(20)]))
        s.handle(request(20, "textDocument/hover", at(dir.appendingPathComponent("rules.yaml"), 1, 10)))
        s.drain()
        #expect(response(out, 20)?["error"]?["code"]?.int == -32800)
    }

    @Test func shutdownThenExitEndsWithStatusZero() throws {
        let (s, _, _) = try server()
        s.handle(request(30, "shutdown", [:]))
        s.drain()
        s.handle(notification("exit", [:]))
        #expect(s.exitStatus == 0)
    }

    @Test func aFileNotOursGetsNoDiagnosticsAndADeletedFileNoCrash() throws {
        let (s, out, dir) = try server()
        let other = dir.appendingPathComponent("notes.yaml")
        open(s, other, "shopping: [bread]\n")
        s.drain()
        #expect(published(out, other)?.isEmpty == true)
        let roster = dir.appendingPathComponent("contributors.csv")
        open(s, roster, Self.roster)
        try FileManager.default.removeItem(at: roster)
        s.handle(notification("textDocument/didClose", ["textDocument": .object(["uri": .string(roster.absoluteString)])]))
        s.handle(request(40, "textDocument/hover", at(roster, 1, 1)))
        s.drain()
        #expect(response(out, 40)?["result"] == .null)
    }

    @Test func checksWaitForAPauseInTypingAndRequestsDoNotWaitForChecks() throws {
        // A pause far longer than the test: no check runs, and a request is answered at once.
        let (s, out, dir) = try server(debounce: 600)
        let plan = dir.appendingPathComponent("plan.yaml")
        open(s, plan, Self.plan)
        change(s, plan, Self.plan + "# typing\n", version: 2)
        change(s, plan, Self.plan + "# typing on\n", version: 3)
        s.handle(request(50, "textDocument/documentSymbol", ["textDocument": .object(["uri": .string(plan.absoluteString)])]))
        s.drain()
        #expect(response(out, 50)?["result"]?.array?.count == 2)
        #expect(!out.all.contains { $0["method"]?.string == "textDocument/publishDiagnostics" })
    }

    @Test func aWaivedFindingIsShownAsInformationWithItsApproval() throws {
        let waivers = """
        waivers:
          - rule: cl.driver-adult
            subject: "contributor:d-02"
            justification: "birth date under review"
            approved_by: "line committee"
            expires: 2999-12-31

        """
        let (s, out, dir) = try server(options: ["waivers": "waivers.yaml"], files: ["waivers.yaml": waivers])
        let roster = dir.appendingPathComponent("contributors.csv")
        open(s, dir.appendingPathComponent("plan.yaml"), Self.plan)
        s.drain()
        let d = try #require(published(out, roster)?.first)
        #expect(d["severity"]?.int == 3)
        #expect(d["message"]?.string == "(waived until 2999-12-31, approved by line committee) driver d-02 is under 18")
    }
}
