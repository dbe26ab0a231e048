import ArgumentParser
import RuleEngine

@main
struct SPPCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spp-check",
        abstract: "Check a shared public service's plan and roster against the principles of public service.",
        subcommands: [Inspect.self]
    )
}
