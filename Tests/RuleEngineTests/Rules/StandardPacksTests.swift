import Foundation
import RuleEngine
import StandardPacks
import Testing

/// The standard packs in `Rules/`: all embedded, all loading without error, every rule tested by
/// the `*.test.yaml` files beside them, and every one of those tests passing.
@Suite struct StandardPacksTests {
    static let rulesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Rules")

    /// The pack files of `Rules/` (rule tests excluded), by name.
    static func packFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: rulesFolder.path)
            .filter { $0.hasSuffix(".yaml") && !$0.hasSuffix(".test.yaml") }
            .sorted()
    }

    @Test func everyPackFileIsEmbeddedWithTheSameBytes() throws {
        let files = try Self.packFiles()
        #expect(files.count == 7)
        let embedded = Dictionary(StandardPacks.files.map { ($0.name, $0.bytes) }, uniquingKeysWith: { a, _ in a })
        #expect(Set(embedded.keys) == Set(files))
        for name in files {
            let onDisk = try Data(contentsOf: Self.rulesFolder.appendingPathComponent(name))
            let same = embedded[name] == Array(onDisk)
            #expect(same, "Rules/\(name) differs from the embedded copy: rebuild")
        }
    }

    @Test func everyPackLoadsWithoutError() throws {
        let set = try RuleLoader.loadStandardPacks()
        #expect(set.packs.count == 7)
        #expect(set.rules.count == 64, "the 64 rules of the catalogue")
        #expect(Set(set.rules.map(\.id)).count == set.rules.count)
    }

    @Test func servicePacksNameTheirServiceKind() throws {
        let set = try RuleLoader.loadStandardPacks()
        let kinds = Dictionary(uniqueKeysWithValues: set.packs.map { ($0.id, $0.serviceKinds) })
        #expect(kinds["continuity"] == [])
        #expect(kinds["equality"] == [])
        #expect(kinds["risk-coverage"] == [])
        #expect(kinds["sapeurs-pompiers"] == ["fire_rescue"])
        #expect(kinds["creche-parentale"] == ["parental_creche"])
        #expect(kinds["covoiturage"] == ["carpool_line"])
        #expect(kinds["patients-experts"] == ["etp_programme"])
    }

    @Test func everyStandardRuleIsExercisedByARuleTest() throws {
        let set = try RuleLoader.loadStandardPacks()
        let tests = try RuleTests.files(at: Self.rulesFolder.path).flatMap { try RuleTests.load(file: $0) }
        #expect(!tests.isEmpty)
        #expect(RuleTests.untested(set, by: tests) == [])
    }

    @Test func everyRuleTestPasses() throws {
        let set = try RuleLoader.loadStandardPacks()
        let files = try RuleTests.files(at: Self.rulesFolder.path)
        #expect(files.count == 7)
        for file in files {
            for test in try RuleTests.load(file: file) {
                let result = RuleTests.run(test, rules: set)
                #expect(result.passed, "\(file): \(test.name)\n\(result.failures.joined(separator: "\n"))")
            }
        }
    }
}
