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
            from --rules, else from the rule files of PATH, else from the standard packs. The run \
            prints each test, the expected-versus-actual differences of failed ones, and the rules \
            no test exercises. Exit status: 0 all passed, 1 some failed, 2 a file could not be read.

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
            var tests: [RuleTest] = []
            for file in files {
                do { tests += try RuleTests.load(file: file) } catch { errors += error.diagnostics }
            }
            if !errors.isEmpty { throw DiagnosticList(errors) }
            let set: RuleSet
            if !rules.isEmpty {
                set = try RuleLoader.load(paths: rules)
            } else if let local = try? RuleLoader.load(paths: [path]), !local.rules.isEmpty {
                set = local
            } else {
                set = try RuleLoader.loadStandardPacks()
            }
            let results = tests.map { RuleTests.run($0, rules: set) }
            print(RuleTests.render(results, untested: RuleTests.untested(set, by: tests)), terminator: "")
            if results.contains(where: { !$0.passed }) { throw ExitCode(1) }
        }
    }
}
