import ArgumentParser
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

        func run() throws {
            let set = try RuleLoader.load(paths: paths)
            print("\(set.rules.count) rule\(set.rules.count == 1 ? "" : "s") in \(set.packs.count) file\(set.packs.count == 1 ? "" : "s"): no errors")
        }
    }
}
