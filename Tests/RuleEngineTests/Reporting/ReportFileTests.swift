import Foundation
import Testing
@testable import RuleEngine

@Suite struct ReportFileTests {
    @Test func aReportReplacesTheFileWholeAndLeavesNoTemporaryFile() throws {
        let dir = try Fixture.folder(["out.sarif": "old"])
        let path = dir.appendingPathComponent("out.sarif").path
        try ReportFile.write("new report\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new report\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.sarif"])
    }

    @Test func aMissingFolderIsALocatedErrorNamingIt() throws {
        let error = #expect(throws: Diagnostic.self) { try ReportFile.write("x", to: "/nonexistent-spp/out.xml") }
        #expect(error?.description == "/nonexistent-spp/out.xml:1:1: error: cannot write the report: no folder '/nonexistent-spp'; create it first")
    }

    @Test func anOutputNamingAnInputIsRefusedWhateverItsSpelling() throws {
        let dir = try Fixture.folder()
        let plan = dir.appendingPathComponent("plan.yaml").path
        let other = dir.appendingPathComponent("sub/../plan.yaml").path
        let error = #expect(throws: DiagnosticList.self) { try ReportFile.checkOutputs([other], inputs: [plan]) }
        #expect(error?.diagnostics.first?.message.contains("would overwrite") == true)
    }

    @Test func twoFormatsCannotShareAFile() {
        let error = #expect(throws: DiagnosticList.self) { try ReportFile.checkOutputs(["a.txt", "./a.txt"], inputs: []) }
        #expect(error?.diagnostics.count == 1)
    }

    @Test(arguments: [("/r/a/b.yaml", "/r", "a/b.yaml"), ("a/./b.yaml", "/r", "a/b.yaml"), ("/x/b.yaml", "/r", "/x/b.yaml"),
                      ("../b.yaml", "/r/s", "../b.yaml"), ("/r", "/r", "/r")])
    func displayPaths(_ path: String, _ directory: String, _ shown: String) {
        #expect(ReportPaths.relative(path, to: directory) == shown)
    }
}
