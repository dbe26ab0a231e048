import ArgumentParser
import Foundation
import RuleEngine

extension SPPCheck {
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check rule files without data: keys, types, expressions, ids.",
            discussion: """
            Reports every error of every file (not just the first), as file:line:column: error: …, \
            and exits with status 2 when there is any; 0 when all rules are sound.

            Beyond loading, it reviews the rules as a reader would (docs/rule-language.md, "Lint"): \
            a 'where' that can never hold given the data model's types and enumerations (error), \
            an error rule that cites no legal text and a parameter no expression reads (warnings, \
            printed on stderr; --strict makes them exit status 1). Two rules with one id across \
            the files given are an error. Dated versions that leave a hole are a warning; \
            --overrides files are checked against the rules (docs/governance.md).
            """
        )

        @Argument(help: "Rule files or folders of rule files.")
        var paths: [String]

        @Option(name: .customLong("overrides"), help: "A territory override file to check against the rules (repeatable).")
        var overrides: [String] = []

        @Flag(help: "Exit with status 1 when there are warnings.")
        var strict = false

        func run() throws {
            let review = try RuleSetLint.review(paths: paths)
            let set = review.rules
            let diagnostics = review.diagnostics + GovernanceLint.versionWarnings(set) + GovernanceLint.overrideErrors(set, paths: overrides)
            // With an error, every diagnostic (warnings too) goes out with exit status 2.
            if diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticList(diagnostics) }
            if !diagnostics.isEmpty { Console.printDiagnostics(diagnostics) }
            let warnings = diagnostics.count
            print("\(set.rules.count) rule\(set.rules.count == 1 ? "" : "s") in \(set.packs.count) file\(set.packs.count == 1 ? "" : "s"): no errors"
                + (warnings == 0 ? "" : ", \(warnings) warning\(warnings == 1 ? "" : "s")"))
            if strict && warnings > 0 { throw ExitCode(1) }
        }
    }
}
