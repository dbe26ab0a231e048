import ArgumentParser
import Foundation
import RuleEngine

extension SPPCheck {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Judge the same service twice and show the findings added, removed and changed.",
            discussion: """
            The two sides differ by the rules (--rules-before, --rules-after: a threshold change, \
            an override), by the plan and rosters (a second plan, AFTER-PLAN, e.g. another folder), \
            or by git revision (--git REV1..REV2, or --git REV against the working tree: each \
            revision is copied with git archive into a temporary folder; the working tree is never \
            touched). Findings are matched by fingerprint (rule, subject, key, outcome — not \
            lines), as baselines are; a finding on both sides whose severity, message or figures \
            differ is changed. Subjects whose worst finding differs are listed as verdict changes \
            (an assignment's finding counts for its contributor and unit too).

            Exit status: 1 when --fail-on is met (default new-error: a new error finding, added or \
            raised to error), 0 otherwise, 2 when either side cannot be checked.

            Examples:
              spp-check diff plan.yaml --rules-before Rules/ --rules-after my-rules/
              spp-check diff compliant/plan.yaml violations/plan.yaml --format markdown
              spp-check diff plan.yaml --git main..HEAD --format markdown=diff.md --format text
            """
        )

        @Argument(help: "The service plan (YAML); with --git, a plan in a git repository.")
        var plan: String

        @Argument(help: "A second plan judged as the 'after' side (two folders of one service).")
        var afterPlan: String?

        @Option(name: .customLong("rules"), help: "A rule file or folder for both sides (repeatable). Default: the standard packs.")
        var rules: [String] = []

        @Option(name: .customLong("rules-before"), help: "Rule file or folder of the 'before' side (repeatable).")
        var rulesBefore: [String] = []

        @Option(name: .customLong("rules-after"), help: "Rule file or folder of the 'after' side (repeatable).")
        var rulesAfter: [String] = []

        @Option(help: ArgumentHelp("Git revisions REV1..REV2, or REV (against the working tree).", valueName: "range"))
        var git: String?

        @Option(name: .customLong("roster"), help: "A roster file besides those the plan names, for both sides (repeatable).")
        var rosters: [String] = []

        @Option(name: .customLong("as-of"), help: "Date (YYYY-MM-DD) the rules are taken in force at, on both sides. Default: the start of each plan's period.")
        var asOf: String?

        @Option(name: .customLong("format"),
                help: ArgumentHelp("Output format, optionally to a file: FORMAT[=PATH] (repeatable): text, json, markdown. Default: text.",
                                   valueName: "format[=path]"))
        var formats: [String] = []

        @Option(name: .customLong("fail-on"), help: "What makes the exit status 1: new-error, new-warning, any-change or never.")
        var failOn: DiffGateOption = .newError

        func validate() throws {
            if let asOf, CivilDate(iso: asOf) == nil {
                throw ValidationError("--as-of takes a date written YYYY-MM-DD, not '\(asOf)'")
            }
            if git != nil && afterPlan != nil {
                throw ValidationError("--git compares revisions of one plan; give one plan, not two")
            }
            if let git, git.isEmpty || git.hasPrefix("..") || git.hasSuffix("..") {
                throw ValidationError("--git takes REV1..REV2 or REV, not '\(git)'")
            }
            if git == nil && afterPlan == nil && rulesBefore.isEmpty && rulesAfter.isEmpty {
                throw ValidationError("nothing differs between the two sides: give a second plan, --rules-before/--rules-after, or --git")
            }
            let printed = try formats.map(Self.parse).filter { $0.path == nil }
            if printed.count > 1 {
                throw ValidationError("only one format can be printed; write the others to files: --format FORMAT=PATH")
            }
        }

        static func parse(_ argument: String) throws -> (format: DiffReport.Format, path: String?) {
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let format = DiffReport.Format(rawValue: String(parts[0])) else {
                let names = DiffReport.Format.allCases.map(\.rawValue)
                throw ValidationError("unknown format '\(parts[0])' in --format \(argument)"
                    + Suggestion.hint(for: String(parts[0]), in: names) + " (formats: \(names.joined(separator: ", ")))")
            }
            guard parts.count == 2 else { return (format, nil) }
            if parts[1].isEmpty { throw ValidationError("--format \(argument) names no file") }
            return (format, parts[1] == "-" ? nil : String(parts[1]))
        }

        func run() throws {
            let requests = formats.isEmpty ? [(format: DiffReport.Format.text, path: String?.none)] : try formats.map(Self.parse)
            var revisions: [GitRevision] = []
            defer { revisions.forEach { $0.remove() } }
            var sides: [(plan: String, rules: [String], label: String, display: @Sendable (String) -> String)] = []
            let rulesText: ([String]) -> String = { $0.isEmpty ? "the standard packs" : $0.joined(separator: ", ") }
            let before = rulesBefore.isEmpty ? rules : rulesBefore, after = rulesAfter.isEmpty ? rules : rulesAfter
            if let git {
                let names = git.components(separatedBy: "..")
                for (i, name) in names.prefix(2).enumerated() {
                    let revision = try GitRevision(name, repositoryOf: plan)
                    revisions.append(revision)
                    let side = i == 0 ? before : after
                    let planCopy = revision.path(of: plan) ?? plan
                    sides.append((planCopy, side.map { revision.path(of: $0) ?? $0 }, "\(name):\(plan) with \(rulesText(side))", { revision.display($0) }))
                }
                if names.count == 1 { sides.append((plan, after, "working tree \(plan) with \(rulesText(after))", { $0 })) }
            } else {
                sides.append((plan, before, "\(plan) with \(rulesText(before))", { $0 }))
                sides.append((afterPlan ?? plan, after, "\(afterPlan ?? plan) with \(rulesText(after))", { $0 }))
            }
            func options(_ side: (plan: String, rules: [String], label: String, display: @Sendable (String) -> String)) -> CheckOptions {
                var o = CheckOptions(plan: side.plan)
                o.rulePaths = side.rules
                o.rosters = rosters
                o.asOf = asOf.flatMap(CivilDate.init(iso:))
                return o
            }
            let diff = try DiffRun.run(DiffOptions(before: options(sides[0]), after: options(sides[1]),
                                                   beforeLabel: sides[0].label, afterLabel: sides[1].label),
                                       displayFiles: (sides[0].display, sides[1].display))
            let inputs = [plan, afterPlan].compactMap { $0 } + rules + rulesBefore + rulesAfter + rosters
            try ReportFile.checkOutputs(requests.compactMap(\.path), inputs: inputs)
            for request in requests {
                let text = DiffReport.render(diff, as: request.format)
                if let path = request.path { try ReportFile.write(text, to: path) } else { print(text, terminator: "") }
            }
            if diff.fails(failOn.gate) { throw ExitCode(1) }
        }
    }
}

enum DiffGateOption: String, ExpressibleByArgument, CaseIterable {
    case newError = "new-error", newWarning = "new-warning", anyChange = "any-change", never

    var gate: DiffGate { DiffGate(rawValue: rawValue) ?? .newError }
}
