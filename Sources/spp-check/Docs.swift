import ArgumentParser
import Foundation
import RuleEngine

extension SPPCheck {
    struct Docs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a catalogue of rule packs: Markdown, or a static HTML site.",
            discussion: """
            Per pack, each rule with its id, principle, severity, kind, validity, title, \
            rationale, references and parameters. Without PATH the catalogue is printed; with it, \
            the file is written atomically. docs/rules.md is `spp-check docs docs/rules.md`.

            With --format html, PATH is a folder (required) that receives a static site, readable \
            without network or JavaScript: index.html, one page per pack and per rule (with its \
            references linked to Légifrance, its parameters' bounds and its tests, from the \
            *.test.yaml files beside the packs, as worked examples) and articles.html, the rules \
            by code article. `make docs` writes the standard packs' site to .build/docs/.

            Examples:
              spp-check docs docs/rules.md
              spp-check docs --rules my-rules/ --lang fr
              spp-check docs --format html .build/docs
            """
        )

        @Argument(help: "The file to write (a folder with --format html). Default: print the catalogue.")
        var path: String?

        @Option(help: "markdown (one file) or html (a static site in the folder PATH). Default: markdown.")
        var format: CatalogueFormat = .markdown

        @Option(name: .customLong("rules"), help: "A rule file or folder (repeatable). Default: the standard packs.")
        var rules: [String] = []

        @Option(help: "Language of rule texts and headings: fr or en. Default: each rule's first language.")
        var lang: String?

        func validate() throws {
            if let lang, !Labels.languages.contains(lang) {
                throw ValidationError("--lang takes \(Labels.languages.joined(separator: " or ")), not '\(lang)'")
            }
            if format == .html && path == nil {
                throw ValidationError("--format html writes a site: name its folder, e.g. spp-check docs --format html .build/docs")
            }
        }

        func run() throws {
            let set = try RuleCatalogue.loadRules(paths: rules)
            if format == .html, let path {
                let pages = CatalogueSite.pages(set, tests: try CatalogueSite.tests(beside: set), lang: lang)
                try CatalogueSite.write(pages, to: path)
                print("\(pages.count) pages written to \(path)/ (open \(path)/index.html)")
                return
            }
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

enum CatalogueFormat: String, ExpressibleByArgument, CaseIterable {
    case markdown, html
}
