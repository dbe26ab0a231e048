import Foundation
import Testing
import RuleEngine

/// `spp-check schema rules|plan|waivers|all` on the built binary.
@Suite struct SchemaTests {
    @Test(arguments: SchemaDocument.allCases)
    func eachSchemaPrintsAsItsCommittedFile(_ document: SchemaDocument) throws {
        let run = try Binary.run(["schema", document.rawValue])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        let committed = try String(contentsOf: Binary.root.appendingPathComponent("schemas/\(document.fileName)"), encoding: .utf8)
        #expect(run.stdout == committed, "schemas/\(document.fileName) is stale: run `swift run spp-check schema all schemas`")
    }

    @Test func allWritesTheThreeFilesIntoAFolder() throws {
        let dir = try Binary.folder(["keep.txt": "x"])
        let run = try Binary.run(["schema", "all", "out"], in: dir)
        #expect(run.status == 2, "no folder 'out' yet")
        #expect(run.stderr.contains("out:1:1: error: no such folder; create it first"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
        let again = try Binary.run(["schema", "all", "out"], in: dir)
        #expect(again.status == 0)
        for document in SchemaDocument.allCases {
            let text = try String(contentsOf: dir.appendingPathComponent("out/\(document.fileName)"), encoding: .utf8)
            #expect(text == document.json)
        }
    }

    @Test func oneSchemaIsWrittenToAFile() throws {
        let dir = try Binary.folder([:])
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let run = try Binary.run(["schema", "waivers", "w.json"], in: dir)
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(try String(contentsOf: dir.appendingPathComponent("w.json"), encoding: .utf8) == SchemaDocument.waivers.json)
    }

    @Test func anUnknownSchemaSuggestsTheClosest() throws {
        let run = try Binary.run(["schema", "waiver"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown schema 'waiver'; expected one of rules, plan, waivers, all; did you mean 'waivers'?"))
        #expect(run.stdout.isEmpty)
        let all = try Binary.run(["schema", "all"])
        #expect(all.status == 2)
        #expect(all.stderr.contains("'schema all' writes files: give the folder"))
    }

    /// The YAML→JSON step of the schema tests is `inspect --as yaml`: its output parses as JSON.
    @Test func inspectAsYAMLTurnsAPackIntoJSONWithItsRules() throws {
        let run = try Binary.run(["inspect", "Rules/continuity.yaml", "--as", "yaml"])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((object["rules"] as? [Any])?.isEmpty == false)
    }
}
