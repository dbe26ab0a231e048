import Foundation
import Testing
@testable import RuleEngine

@Suite struct FileTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("yaml-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func message(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        do {
            _ = try YAMLLoader.load(file: path)
            Issue.record("expected an error", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error.diagnostics.first?.description
        }
    }

    @Test func fileIsLoadedUnderTheNameTheUserGave() throws {
        let path = try write("plan.yaml", "a: 1\n")
        let stream = try YAMLLoader.load(file: path)
        #expect(stream.file == path)
        #expect(stream.documents.first?.pair("a")?.value.location == Location(file: path, line: 1, column: 4))
    }

    @Test func missingFileIsAnError() {
        let path = folder.appendingPathComponent("nope.yaml").path
        #expect(message(path) == "\(path):1:1: error: no such file; check the path")
    }

    @Test func directoryIsAnError() {
        #expect(message(folder.path) == "\(folder.path):1:1: error: is a directory; expected a YAML file")
    }

    @Test func emptyFileIsAnError() throws {
        let path = try write("empty.yaml", "")
        #expect(message(path) == "\(path):1:1: error: file is empty; expected a YAML document")
    }

    @Test(.enabled(if: geteuid() != 0, "root reads any file"))
    func unreadableFileIsAnError() throws {
        let path = try write("secret.yaml", "a: 1\n")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
        #expect(message(path) == "\(path):1:1: error: cannot read file: permission denied")
    }

    @Test func errorInsideAFileIsLocatedInIt() throws {
        let path = try write("dup.yaml", "a: 1\na: 2\n")
        #expect(message(path) == """
            \(path):2:1: error: duplicate key 'a' in mapping; remove or rename one of them
            \(path):1:1: note: 'a' first appears here
            """)
    }
}
