import ArgumentParser
import Foundation
import RuleEngine

@main
struct SPPCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spp-check",
        abstract: "Check a shared public service's plan and roster against the principles of public service.",
        discussion: """
        Continuity, equality and risk coverage, written as YAML rule files, checked against a service \
        plan (YAML) and its contributor roster (YAML or CSV). Every finding points at the file, line \
        and column it comes from.

        Exit status: 0 nothing at or above --fail-on, 1 findings, 2 an error that stops a verdict \
        (bad YAML, bad rule, bad roster, unreadable file, bad flag).

        Examples:
          spp-check check Examples/sapeurs-pompiers/violations/plan.yaml
          spp-check check plan.yaml --rules my-rules/ --format json
          spp-check lint Rules/
          spp-check inspect plan.yaml --locations
        """,
        version: RunInfo.toolVersion,
        subcommands: [Check.self, Lint.self, Test.self, Inspect.self, Explain.self, Docs.self, Schema.self, Diff.self, LSP.self]
    )

    /// Runs the command; every user error ends as located lines on stderr and exit status 2.
    static func main() {
        MemoryTuning.forLargeRuns()
        if let problem = unknownCommand(Array(CommandLine.arguments.dropFirst())) {
            Console.error("spp-check: error: " + problem)
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let diagnostics = error.diagnostics
            if !diagnostics.isEmpty {
                Console.printDiagnostics(diagnostics)
                Foundation.exit(2)
            }
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            Console.error("spp-check: " + fullMessage(for: error))
            Foundation.exit(2)
        }
    }
}

extension SPPCheck {
    /// Why the arguments name no command (`chek`, `help chek`), with the likely one; nil when
    /// they do. Argument parsing would only say "2 unexpected arguments", and `help chek`
    /// would print the top-level help and succeed.
    static func unknownCommand(_ arguments: [String]) -> String? {
        let names = configuration.subcommands.map { $0._commandName }
        var words = arguments
        if words.first == "help" { words.removeFirst() }
        guard let word = words.first, !word.hasPrefix("-"), !names.contains(word), word != "help" else { return nil }
        if let near = Suggestion.closest(to: word, in: names) { return "unknown command '\(word)'; did you mean '\(near)'?" }
        return "unknown command '\(word)'; the commands are \(names.joined(separator: ", "))"
    }
}

/// Writing to the terminal: diagnostics on stderr, colour only where it is a terminal and
/// NO_COLOR is not set.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        let text = diagnostics.map(\.description).joined(separator: "\n")
        let count = diagnostics.filter { $0.severity == .error }.count
        error(text + (count > 1 ? "\n\(count) errors" : ""))
    }

    static func useColor(for fd: Int32) -> Bool {
        ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true && isatty(fd) == 1
    }
}
