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
            """
        )

        @Argument(help: "Rule files or folders of rule files.")
        var paths: [String]

        @Option(name: .customLong("overrides"), help: "A territory override file to check against the rules (repeatable).")
        var overrides: [String] = []

        func run() throws {
            let set = try RuleLoader.load(paths: paths)
            for w in GovernanceLint.versionWarnings(set) { FileHandle.standardError.write(Data("\(w)\n".utf8)) }
            let errors = GovernanceLint.overrideErrors(set, paths: overrides)
            if !errors.isEmpty { throw DiagnosticList(errors) }
            print("\(set.rules.count) rule\(set.rules.count == 1 ? "" : "s") in \(set.packs.count) file\(set.packs.count == 1 ? "" : "s"): no errors")
        }
    }
}
