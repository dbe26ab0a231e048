import ArgumentParser
import Foundation
import RuleEngine

extension SPPCheck {
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the tests of rule packs (*.test.yaml files: data and expected outcomes).",
            discussion: """
            A test file holds tests, each with a plan (as a YAML block), its roster files, and the \
            outcome expected for rules and subjects (pass, fail or indeterminate). The rules come \
            from --rules; else from the rule files the test file names with 'rules:'; else, for a \
            test file NAME.test.yaml, from NAME.yaml beside it; else from the rule files of a \
            folder PATH; else from the standard packs. The run prints each test, the \
            expected-versus-actual differences of failed ones with the actual findings, and the \
            rules no test exercises. Exit status: 0 all passed, 1 some failed, 2 a file could not \
            be read.

            Examples:
              spp-check test Rules/
              spp-check test my-pack/ --rules my-pack/
            """
        )

        @Argument(help: "A test file or a folder holding *.test.yaml files.")
        var path: String = "Rules"

        @Option(name: .customLong("rules"), help: "Rule files or folders (repeatable). Default: those of PATH, else the standard packs.")
        var rules: [String] = []

        func run() throws {
            let files = try RuleTests.files(at: path)
            var errors: [Diagnostic] = []
            var testsByFile: [(file: String, tests: [RuleTest])] = []
            for file in files {
                do { testsByFile.append((file, try RuleTests.load(file: file))) } catch { errors += error.diagnostics }
            }
            if !errors.isEmpty { throw DiagnosticList(errors) }
            // One rule set per distinct list of rule files, loaded once.
            var sets: [[String]: RuleSet] = [:]
            func set(_ paths: [String]) throws -> RuleSet {
                if let s = sets[paths] { return s }
                let s = paths.isEmpty ? try RuleLoader.loadStandardPacks() : try RuleLoader.load(paths: paths)
                sets[paths] = s
                return s
            }
            let folderRules: [String]? = {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
                      let local = try? RuleLoader.load(paths: [path]), !local.rules.isEmpty else { return nil }
                return [path]
            }()
            var results: [RuleTestResult] = []
            var all = RuleSet()
            var seen = Set<String>()
            var tests: [RuleTest] = []
            for (file, fileTests) in testsByFile {
                let paths = rules.isEmpty ? RuleTests.ruleFiles(for: file, named: fileTests.first?.ruleFiles ?? [], folder: folderRules) : rules
                let rules = try set(paths)
                for r in rules.rules where seen.insert(r.id).inserted { all.rules.append(r) }
                results += fileTests.map { RuleTests.run($0, rules: rules) }
                tests += fileTests
            }
            print(RuleTests.render(results, untested: RuleTests.untested(all, by: tests)), terminator: "")
            if results.contains(where: { !$0.passed }) { throw ExitCode(1) }
        }
    }
}
