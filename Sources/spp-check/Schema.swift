import ArgumentParser
import Foundation
import RuleEngine

extension SPPCheck {
    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the JSON Schema of rule files, plans, waivers, override or YAML roster files, for editors.",
            discussion: """
            The schemas (JSON Schema draft-07) are generated from the same key lists the loaders \
            use. With a header line such as
              # yaml-language-server: $schema=../../../schemas/plan.schema.json
            editors using yaml-language-server (VS Code's YAML extension, Neovim, Helix, Zed) \
            complete keys and flag mistakes while you type. See docs/editors.md.

            With PATH the schema is written there atomically; `all` writes every one of them into \
            the folder PATH (the repository's schemas/ is `spp-check schema all schemas`).

            Examples:
              spp-check schema plan
              spp-check schema rules my-rules.schema.json
              spp-check schema all schemas
            """
        )

        @Argument(help: "Which schema: rules, plan, waivers, overrides, roster, or all.")
        var which: String

        @Argument(help: "The file to write (a folder for all). Default: print the schema.")
        var path: String?

        func validate() throws {
            let names = SchemaDocument.allCases.map(\.rawValue) + ["all"]
            guard names.contains(which) else {
                throw ValidationError("unknown schema '\(which)'; expected one of \(names.joined(separator: ", "))"
                    + Suggestion.hint(for: which, in: names))
            }
            if which == "all" && path == nil {
                throw ValidationError("'schema all' writes files: give the folder, e.g. spp-check schema all schemas")
            }
        }

        func run() throws {
            guard let document = SchemaDocument(rawValue: which) else {
                let folder = path ?? "."
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw Diagnostic.error(at: .start(of: folder), "no such folder; create it first")
                }
                for document in SchemaDocument.allCases {
                    try ReportFile.write(document.json, to: (folder as NSString).appendingPathComponent(document.fileName))
                }
                return
            }
            if let path {
                try ReportFile.write(document.json, to: path)
            } else {
                print(document.json, terminator: "")
            }
        }
    }
}
