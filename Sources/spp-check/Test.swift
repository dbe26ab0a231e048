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

            --coverage adds, per rule, whether passed tests reach each outcome (pass, fail, \
            indeterminate), each parameter path (defaults, overridden by the plan) and each dated \
            version, the untested rules, and the percentage of items covered; --min PERCENT makes \
            the exit status 1 under it; --format json prints the coverage as JSON \
            (docs/testing-rules.md defines the percentage).

            --scaffold PLAN writes a rule test from the plan's current findings: data trimmed to \
            what they need, expected outcomes filled in, for the author to review.

            Examples:
              spp-check test Rules/
              spp-check test my-pack/ --rules my-pack/
              spp-check test Rules/ --coverage --min 80
              spp-check test Rules/ --coverage --format json
              spp-check test --scaffold plan.yaml --rules my-pack/ --output my-pack/plan.test.yaml
            """
        )

        @Argument(help: "A test file or a folder holding *.test.yaml files.")
        var path: String = "Rules"

        @Option(name: .customLong("rules"), help: "Rule files or folders (repeatable). Default: those of PATH, else the standard packs.")
        var rules: [String] = []

        @Flag(help: "Report the rules' coverage by the tests: outcomes, parameter paths, dated versions.")
        var coverage = false

        @Option(name: .customLong("min"), help: ArgumentHelp("With --coverage: exit status 1 when coverage is under PERCENT.", valueName: "percent"))
        var minimum: Double?

        @Option(help: "With --coverage: text or json.")
        var format: CoverageFormat = .text

        @Option(help: ArgumentHelp("Write a rule test from the findings of this plan (with --rules, else the standard packs).", valueName: "plan"))
        var scaffold: String?

        @Option(name: .customLong("per-rule"), help: "With --scaffold: at most this many findings per rule and outcome (0: all).")
        var perRule = 3

        @Option(name: [.customShort("o"), .customLong("output")], help: "With --scaffold: write the test to this file (atomically) instead of printing it.")
        var output: String?

        enum CoverageFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

        func validate() throws {
            if let m = minimum, !(0...100).contains(m) { throw ValidationError("--min is a percentage, from 0 to 100") }
            if minimum != nil, !coverage { throw ValidationError("--min needs --coverage") }
            if format == .json, !coverage { throw ValidationError("--format json needs --coverage") }
            if scaffold == nil, output != nil { throw ValidationError("--output needs --scaffold") }
            if scaffold != nil, coverage { throw ValidationError("--scaffold and --coverage are separate runs") }
            if perRule < 0 { throw ValidationError("--per-rule is a count, 0 or more") }
        }

        func run() throws {
            if let scaffold {
                var options = CheckOptions(plan: scaffold)
                options.rulePaths = rules
                let text = try RuleTestScaffold.scaffold(options, perRule: perRule, output: output)
                if let output {
                    try ReportFile.checkOutputs([output], inputs: [scaffold] + rules)
                    try ReportFile.write(text, to: output)
                } else {
                    print(text, terminator: "")
                }
                return
            }
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
            guard coverage else {
                print(RuleTests.render(results, untested: RuleTests.untested(all, by: tests)), terminator: "")
                if results.contains(where: { !$0.passed }) { throw ExitCode(1) }
                return
            }
            let report = RuleTests.coverage(of: all, by: results, minimum: minimum)
            switch format {
            case .text: print(RuleTests.render(results, untested: []) + report.renderText(), terminator: "")
            case .json: print(report.json().rendered())
            }
            if results.contains(where: { !$0.passed }) || report.belowMinimum { throw ExitCode(1) }
        }
    }
}
