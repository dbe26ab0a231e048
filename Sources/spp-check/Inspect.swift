import ArgumentParser
import Foundation
import RuleEngine

extension SPPCheck {
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a YAML file as spp-check reads it, as JSON.",
            discussion: """
                Prints one JSON text per document of the stream, in order, as jq prints them. \
                Scalars appear as resolved by the YAML 1.2 core schema (yes stays a string, 0777 \
                is the integer 777). With --locations every node becomes an object with its \
                line, column, tag (when written) and value; mapping members also carry the \
                location of their key. See docs/yaml.md.
                """
        )

        @Argument(help: "The YAML file to read.")
        var file: String

        @Flag(help: "Show the line and column of every node.")
        var locations = false

        func run() throws {
            let stream = try YAMLLoader.load(file: file)
            // Check every document before printing any, so that an error prints no JSON.
            for document in stream.documents { try YAMLJSON.validate(document) }
            let out = FileHandle.standardOutput
            for document in stream.documents {
                try YAMLJSON.render(document, locations: locations) { out.write(Data($0.utf8)) }
                out.write(Data("\n".utf8))
            }
        }
    }
}
