import ArgumentParser
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
            the files given are an error.
            """
        )

        @Argument(help: "Rule files or folders of rule files.")
        var paths: [String]

        @Flag(help: "Exit with status 1 when there are warnings.")
        var strict = false

        func run() throws {
            let result = try RuleSetLint.run(paths: paths)
            let set = result.rules
            if !result.diagnostics.isEmpty { Console.printDiagnostics(result.diagnostics) }
            let warnings = result.diagnostics.count
            print("\(set.rules.count) rule\(set.rules.count == 1 ? "" : "s") in \(set.packs.count) file\(set.packs.count == 1 ? "" : "s"): no errors"
                + (warnings == 0 ? "" : ", \(warnings) warning\(warnings == 1 ? "" : "s")"))
            if strict && warnings > 0 { throw ExitCode(1) }
        }
    }
}
