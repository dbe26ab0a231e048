import ArgumentParser
import Foundation
import RuleEngine

extension SPPCheck {
    struct Docs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a Markdown catalogue of rule packs.",
            discussion: """
            Per pack, each rule with its id, principle, severity, kind, validity, title, \
            rationale, references and parameters. Without PATH the catalogue is printed; with it, \
            the file is written atomically. docs/rules.md is `spp-check docs docs/rules.md`.

            Examples:
              spp-check docs docs/rules.md
              spp-check docs --rules my-rules/ --lang fr
            """
        )

        @Argument(help: "The file to write. Default: print the catalogue.")
        var path: String?

        @Option(name: .customLong("rules"), help: "A rule file or folder (repeatable). Default: the standard packs.")
        var rules: [String] = []

        @Option(help: "Language of rule texts and headings: fr or en. Default: each rule's first language.")
        var lang: String?

        func validate() throws {
            if let lang, !Labels.languages.contains(lang) {
                throw ValidationError("--lang takes \(Labels.languages.joined(separator: " or ")), not '\(lang)'")
            }
        }

        func run() throws {
            let set = try RuleCatalogue.loadRules(paths: rules)
            let source = rules.isEmpty ? nil : rules.map { "`\($0)`" }.joined(separator: ", ")
            let text = RuleCatalogue.markdown(set, lang: lang, source: source)
            if let path {
                try ReportFile.checkOutputs([path], inputs: rules.isEmpty ? [] : set.packs.map(\.file))
                try ReportFile.write(text, to: path)
            } else {
                print(text, terminator: "")
            }
        }
    }
}
