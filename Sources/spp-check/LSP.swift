import ArgumentParser
import Foundation
import RuleEngine

extension SPPCheck {
    struct LSP: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lsp",
            abstract: "Run a Language Server (LSP 3.17) on standard input and output, for editors.",
            discussion: """
            Diagnostics as you type for rule files, rule tests, waivers, plans and rosters (the \
            messages of lint and check), hover, completion, go to definition, references, quick \
            fixes and outlines. Plans are checked against the standard packs, or against the rule \
            files given by the client's initializationOptions {"rules": ["policy/"]}. \
            Set-ups for Neovim, Helix and VS Code: docs/editors.md.
            """
        )

        @Flag(help: "Accepted for clients that pass it; stdio is the only transport.")
        var stdio = false

        func run() throws {
            var reader = MessageReader(fd: 0)
            let status = LanguageServer.serve(reader: &reader, writer: MessageWriter(fd: 1))
            throw ExitCode(status)
        }
    }
}
