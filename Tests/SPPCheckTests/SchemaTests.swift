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
        #expect(run.stderr.contains("unknown schema 'waiver'; expected one of rules, plan, waivers, overrides, roster, all; did you mean 'waivers'?"))
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

/// `.pre-commit-hooks.yaml`: its entries run as pre-commit runs them (entry + changed files).
@Suite struct PreCommitHooksTests {
    struct Hook {
        var entry: String
        var files: String
        var exclude: String?
    }

    static func hooks() throws -> [String: Hook] {
        let stream = try YAMLLoader.load(file: Binary.root.appendingPathComponent(".pre-commit-hooks.yaml").path)
        var out: [String: Hook] = [:]
        for item in try #require(stream.documents.first?.items) {
            let id = try #require(item["id"]?.string)
            #expect(item["language"]?.string == "swift", "\(id): pre-commit builds the package and puts spp-check on PATH")
            out[id] = Hook(entry: try #require(item["entry"]?.string), files: try #require(item["files"]?.string),
                           exclude: item["exclude"]?.string)
        }
        return out
    }

    /// Runs `entry FILES…` through sh with the built binary first on PATH.
    static func run(_ hook: Hook, _ files: [String]) throws -> Binary.Run {
        let quoted = files.map { "'\($0)'" }.joined(separator: " ")
        let path = Binary.executable.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(hook.entry) \(quoted) >/dev/null 2>&1"]
        process.currentDirectoryURL = Binary.root
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = path
        process.environment = env
        try process.run()
        process.waitUntilExit()
        return Binary.Run(status: process.terminationStatus, stdout: "", stderr: "")
    }

    static func matches(_ pattern: String, _ path: String) throws -> Bool {
        try NSRegularExpression(pattern: pattern).firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
    }

    @Test func theLintHookSelectsRuleFilesButNotRuleTestsAndPassesOnThePacks() throws {
        let hook = try #require(try Self.hooks()["spp-check-lint"])
        for path in ["Rules/continuity.yaml", "policy/rules/mine.yml"] {
            #expect(try Self.matches(hook.files, path) && !Self.matches(hook.exclude ?? "$^", path), "\(path)")
        }
        #expect(try Self.matches(hook.exclude ?? "$^", "Rules/continuity.test.yaml"))
        #expect(try !Self.matches(hook.files, "Examples/covoiturage/compliant/plan.yaml"))
        #expect(try Self.run(hook, ["Rules/continuity.yaml", "Rules/equality.yaml"]).status == 0)
        let bad = try Binary.folder(["rules.yaml": "rules:\n  - {id: r, severty: error}\n"])
        #expect(try Self.run(hook, [bad.appendingPathComponent("rules.yaml").path]).status != 0)
    }

    @Test func theCheckHookChecksEveryChangedPlanAndFailsIfAnyFails() throws {
        let hook = try #require(try Self.hooks()["spp-check-check"])
        #expect(try Self.matches(hook.files, "Examples/covoiturage/compliant/plan.yaml"))
        #expect(try !Self.matches(hook.files, "Rules/continuity.yaml"))
        let compliant = "Examples/covoiturage/compliant/plan.yaml", violations = "Examples/covoiturage/violations/plan.yaml"
        #expect(try Self.run(hook, [compliant]).status == 0)
        #expect(try Self.run(hook, [violations, compliant]).status == 1)
        #expect(try Self.run(hook, [compliant, violations]).status == 1, "a later failure is not hidden by an earlier pass")
    }
}
