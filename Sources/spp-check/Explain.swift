import ArgumentParser
import Foundation
import RuleEngine

extension SPPCheck {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Explain a rule: what it checks, why, its references and parameters.",
            discussion: """
            Prints the rule's id, title, principle, severity, kind, validity dates, pack, the place \
            it is defined, its rationale, references and parameters with their defaults, and the \
            rule test files beside its pack that exercise it.

            Examples:
              spp-check explain cl.driver-adult --rules rules.yaml
              spp-check explain cl.driver-adult --lang fr
            """
        )

        @Argument(help: "The rule id.")
        var ruleID: String

        @Option(name: .customLong("rules"), help: "A rule file or folder (repeatable). Default: the standard packs.")
        var rules: [String] = []

        @Option(help: "Language of the rule's texts and of the labels: fr or en. Default: en.")
        var lang: String?

        @Option(help: "A plan: also show which layer (standard pack, territory file, plan) set each parameter.")
        var plan: String?

        func validate() throws {
            if let lang, !Labels.languages.contains(lang) {
                throw ValidationError("--lang takes \(Labels.languages.joined(separator: " or ")), not '\(lang)'")
            }
        }

        func run() throws {
            let set = try RuleCatalogue.loadRules(paths: rules)
            guard let rule = set.rule(ruleID) else {
                let source = rules.isEmpty ? "the standard packs" : rules.joined(separator: ", ")
                throw CommandFailure("no rule '\(ruleID)' in \(source)"
                    + Suggestion.hint(for: ruleID, in: set.rules.map(\.id)))
            }
            if let plan {
                let settings = try RuleExplanation.settings(plan: plan, rules: set)[rule.id] ?? [:]
                print(RuleExplanation.text(rule, lang: lang ?? "en", examples: Self.tests(of: rule), settings: settings), terminator: "")
                return
            }
            print(RuleExplanation.text(rule, lang: lang ?? "en", examples: Self.tests(of: rule)), terminator: "")
        }

        /// Where rule test files (`*.test.yaml` beside the rule's file) name the rule.
        static func tests(of rule: Rule) -> [Location] {
            let folder = (rule.location.file as NSString).deletingLastPathComponent
            let dir = folder.isEmpty ? "." : folder
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
            var out: [Location] = []
            for name in names.sorted() where name.hasSuffix(".test.yaml") || name.hasSuffix(".test.yml") {
                let path = folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                for (i, line) in lines.enumerated() {
                    if let range = line.range(of: rule.id), isWhole(rule.id, in: line, at: range) {
                        out.append(Location(file: path, line: i + 1, column: line.distance(from: line.startIndex, to: range.lowerBound) + 1))
                        break
                    }
                }
            }
            return out
        }

        static func isWhole(_ id: String, in line: Substring, at range: Range<Substring.Index>) -> Bool {
            func isIDChar(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "." || c == "-" || c == "_" }
            let before = range.lowerBound == line.startIndex ? nil : line[line.index(before: range.lowerBound)]
            let after = range.upperBound == line.endIndex ? nil : line[range.upperBound]
            return !(before.map(isIDChar) ?? false) && !(after.map(isIDChar) ?? false)
        }
    }
}

/// A failure of a command that is not a misuse of its flags (no usage text follows it).
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}
