import ArgumentParser
import Foundation
import RuleEngine

extension SPPCheck {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a service plan and its roster against rule packs.",
            discussion: """
            Without --rules, the standard packs built into spp-check are used: the generic \
            continuity, equality and risk-coverage packs and the pack of the plan's service kind.

            Every rule × subject ends as pass, fail or indeterminate (data the rule needs is \
            missing: never a silent pass). Failed and indeterminate results are findings, at their \
            rule's severity.

            Exit status: 0 no finding at or above --fail-on, 1 some, 2 an error stopped the verdict.

            Examples:
              spp-check check Examples/covoiturage/violations/plan.yaml
              spp-check check plan.yaml --rules rules/ --format json --fail-on warning
              spp-check check plan.yaml --roster extra-assignments.csv --csv-separator ';'
            """
        )

        @Argument(help: "The service plan (YAML).")
        var plan: String

        @Option(name: .customLong("rules"), help: "A rule file or folder (repeatable). Default: the standard packs.")
        var rules: [String] = []

        @Option(name: .customLong("roster"), help: "A roster file besides those the plan names (repeatable).")
        var rosters: [String] = []

        @Option(help: "Report format: text or json.")
        var format: ReportFormat = .text

        @Option(name: .customLong("fail-on"), help: "Lowest severity that makes the exit status 1: error, warning, info or never.")
        var failOn: FailOn = .error

        @Option(name: .customLong("as-of"), help: "Date (YYYY-MM-DD) the rules are taken in force at. Default: the start of the plan's period.")
        var asOf: String?

        @Option(name: .customLong("csv-separator"), help: "CSV separator, ',' or ';'. Default: detected from each file's header.")
        var csvSeparator: String?

        @Option(help: "Language of rule texts in the report (fr, en). Default: each rule's first language.")
        var lang: String?

        func validate() throws {
            if let asOf, CivilDate(iso: asOf) == nil {
                throw ValidationError("--as-of takes a date written YYYY-MM-DD, not '\(asOf)'")
            }
            if let csvSeparator, csvSeparator != "," && csvSeparator != ";" {
                throw ValidationError("--csv-separator takes ',' or ';', not '\(csvSeparator)'")
            }
        }

        func run() throws {
            var options = CheckOptions(plan: plan)
            options.rulePaths = rules
            options.rosters = rosters
            options.csvSeparator = csvSeparator?.first
            options.asOf = asOf.flatMap(CivilDate.init(iso:))
            options.lang = lang
            let result = try CheckRun.run(options)
            if !result.warnings.isEmpty { Console.printDiagnostics(result.warnings) }
            switch format {
            case .text:
                print(TextReporter.render(result.report, run: result.run, color: Console.useColor(for: 1)), terminator: "")
            case .json:
                print(JSONReporter.render(result.report, run: result.run), terminator: "")
            }
            if let threshold = failOn.severity, !result.report.findings(atLeast: threshold).isEmpty {
                throw ExitCode(1)
            }
        }
    }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case error, warning, info, never

    var severity: Severity? {
        switch self {
        case .error: .error
        case .warning: .warning
        case .info: .info
        case .never: nil
        }
    }
}
