import ArgumentParser
import RuleEngine

extension SPPCheck {
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a YAML file as spp-check reads it, as JSON."
        )

        @Argument(help: "The YAML file to read.")
        var file: String

        func run() throws {
            _ = try YAMLLoader.load(file: file)
        }
    }
}
