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

            Formats (docs/formats.md): text, json, sarif (SARIF 2.1.0 for code scanning), junit \
            (JUnit XML for CI test reports), github (GitHub Actions annotations), markdown (a \
            pull-request comment), html (a review report with a verdict, the rules to fix first and a \
            coverage map, one self-contained file), summary (the verdict and the rules to fix \
            first, for a terminal). --format is repeatable; FORMAT=PATH writes that format to a \
            file (atomically), a bare FORMAT prints it; at most one format is printed.

            Exit status: 0 no finding at or above --fail-on, 1 some, 2 an error stopped the verdict.

            Examples:
              spp-check check Examples/covoiturage/violations/plan.yaml
              spp-check check plan.yaml --rules rules/ --format json --fail-on warning
              spp-check check plan.yaml --format sarif=out.sarif --format junit=out.xml --format text
              spp-check check plan.yaml --format markdown --redact --lang fr
              spp-check check plan.yaml --format html=review.html --lang fr
              spp-check check plan.yaml --waivers waivers.yaml --baseline spp-baseline.json
              spp-check check plan.yaml --roster extra-assignments.csv --csv-separator ';'
            """
        )

        @Argument(help: "The service plan (YAML).")
        var plan: String

        @Option(name: .customLong("rules"), help: "A rule file or folder (repeatable). Default: the standard packs.")
        var rules: [String] = []

        @Option(name: .customLong("roster"), help: "A roster file besides those the plan names (repeatable).")
        var rosters: [String] = []

        @Option(name: .customLong("format"),
                help: ArgumentHelp("Report format, optionally to a file: FORMAT[=PATH] (repeatable). Formats: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")). Default: text.",
                                   valueName: "format[=path]"))
        var formats: [String] = []

        @Option(name: .customLong("fail-on"), help: "Lowest severity that makes the exit status 1: error, warning, info or never.")
        var failOn: FailOn = .error

        @Option(name: .customLong("as-of"), help: "Judge as if on this date (YYYY-MM-DD): each rule by its version in force then, over the whole period. Default: a rule with dated versions is judged part by part, each part by the version in force.")
        var asOf: String?

        @Option(name: .customLong("csv-separator"), help: "CSV separator, ',' or ';'. Default: detected from each file's header.")
        var csvSeparator: String?

        @Option(help: "Language of the report, its labels and the rule texts: fr or en. Default: en.")
        var lang: String?

        /// The report's one language: `--lang`, else English (rule texts included, where a pack
        /// has them), never a mix.
        var language: String { lang ?? "en" }

        @Flag(help: "Show, for each finding, the values that led to it, the parameters, the rule's title and references.")
        var explain = false

        @Option(help: "A waivers file (YAML): derogations, each with a rule, a subject pattern, a justification, an approver and an expiry date. Waived findings are reported but do not count.")
        var waivers: String?

        @Option(help: "A baseline file (from --write-baseline): findings already in it are reported but do not count, so only new findings fail.")
        var baseline: String?

        @Option(name: .customLong("write-baseline"), help: "Write this run's findings (not waived) to a baseline file, atomically.")
        var writeBaseline: String?

        @Option(help: "Date (YYYY-MM-DD) waivers are judged at. Default: today.")
        var today: String?

        @Flag(help: "Replace names, e-mails, phones, addresses and other identifying fields with pseudonymous subject ids in every format.")
        var redact = false

        /// The formats asked for, checked by `validate()`.
        var requests: [FormatRequest] { formats.compactMap { try? FormatRequest.parse($0) } }

        func validate() throws {
            if let asOf, CivilDate(iso: asOf) == nil {
                throw ValidationError("--as-of takes a date written YYYY-MM-DD, not '\(asOf)'")
            }
            if let today, CivilDate(iso: today) == nil {
                throw ValidationError("--today takes a date written YYYY-MM-DD, not '\(today)'")
            }
            if let csvSeparator, csvSeparator != "," && csvSeparator != ";" {
                throw ValidationError("--csv-separator takes ',' or ';', not '\(csvSeparator)'")
            }
            if let lang, !Labels.languages.contains(lang) {
                throw ValidationError("--lang takes \(Labels.languages.joined(separator: " or ")), not '\(lang)'"
                    + Suggestion.hint(for: lang, in: Labels.languages))
            }
            let requests = try formats.map(FormatRequest.parse)
            let printed = requests.filter { $0.path == nil }
            if printed.count > 1 {
                throw ValidationError("only one format can be printed, found \(printed.map(\.format.rawValue).joined(separator: " and ")); write the others to files: --format FORMAT=PATH")
            }
        }

        func run() throws {
            let requests = formats.isEmpty ? [FormatRequest(format: .text, path: nil)] : requests
            var options = CheckOptions(plan: plan)
            options.rulePaths = rules
            options.rosters = rosters
            options.csvSeparator = csvSeparator?.first
            options.asOf = asOf.flatMap(CivilDate.init(iso:))
            options.lang = language
            options.keepResults = requests.contains { $0.format.needsAllResults }
            options.waivers = waivers
            options.baseline = baseline
            options.today = today.flatMap(CivilDate.init(iso:))
            let progress = TerminalProgress(lang: language)
            if let progress { options.progress = { event in progress.show(event) } }
            defer { progress?.clear() }
            let result = try CheckRun.run(options)
            progress?.clear()
            if !result.warnings.isEmpty { Console.printDiagnostics(result.warnings) }

            let outputs = requests.compactMap(\.path) + [writeBaseline].compactMap { $0 }
            let inputs = result.data.files + result.rules.packs.map(\.file) + rules + [waivers, baseline].compactMap { $0 }
            try ReportFile.checkOutputs(outputs, inputs: inputs)
            var input = ReportInput(result, lang: language, explain: explain)
            input.run.usedBaseline = baseline != nil
            input.failOn = failOn.severity
            if redact { input = Redactor(result.data).redact(input) }
            for request in requests {
                let reportStart = Timing.now()
                defer { Timing.note("phase report \(request.format.rawValue)", since: reportStart) }
                let color = request.path == nil && (request.format == .text || request.format == .summary) && Console.useColor(for: 1)
                input.links = request.links(among: requests)
                if let path = request.path { progress?.show(.writing(format: request.format.rawValue, path: path)) }
                // Passed on in pieces: a national JSON report (400 MB) is never held whole.
                let produce: ((String) throws -> Void) throws -> Void = { emit in
                    if request.format == .html {
                        try emit(HTMLReporter.render(input, coverage: CoverageMap(result.data)))
                    } else {
                        try request.format.write(input, color: color, to: emit)
                    }
                }
                if let path = request.path {
                    try ReportFile.write(to: path, produce)
                    progress?.clear()
                } else {
                    progress?.clear()
                    try ReportFile.print(produce)
                }
            }
            if let writeBaseline { try ReportFile.write(Baseline.render(result.report), to: writeBaseline) }
            if let threshold = failOn.severity, !result.report.findings(atLeast: threshold).isEmpty {
                throw ExitCode(1)
            }
        }
    }
}

/// One `--format FORMAT[=PATH]`: no path (or `-`) prints the report.
struct FormatRequest: Equatable {
    var format: OutputFormat
    var path: String?

    static func parse(_ argument: String) throws -> FormatRequest {
        let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(parts[0])
        guard let format = OutputFormat(rawValue: name) else {
            throw ValidationError("unknown format '\(name)' in --format \(argument)"
                + Suggestion.hint(for: name, in: OutputFormat.allCases.map(\.rawValue))
                + " (formats: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard parts.count == 2 else { return FormatRequest(format: format, path: nil) }
        let path = String(parts[1])
        if path.isEmpty {
            throw ValidationError("--format \(argument) names no file; write --format \(name)=PATH, or --format \(name) to print it")
        }
        return FormatRequest(format: format, path: path == "-" ? nil : path)
    }

    /// The other reports of the run written to files, as this report should point at them:
    /// relative to this report's folder when they lie in it, as given when it is printed.
    func links(among requests: [FormatRequest]) -> [OutputFormat: String] {
        var links: [OutputFormat: String] = [:]
        let cwd = FileManager.default.currentDirectoryPath
        for other in requests where other != self {
            guard let target = other.path, links[other.format] == nil else { continue }
            guard let path else { links[other.format] = target; continue }
            let folder = (path.hasPrefix("/") ? path : cwd + "/" + path).split(separator: "/").dropLast().joined(separator: "/")
            let absolute = target.hasPrefix("/") ? target : cwd + "/" + target
            links[other.format] = ReportPaths.relative(absolute, to: "/" + folder)
        }
        return links
    }
}

/// Progress of a check drawn on one line of standard error, only when it is a terminal.
final class TerminalProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let lang: String?
    private var done = -1

    init?(lang: String?) {
        guard isatty(2) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb" else { return nil }
        self.lang = lang
    }

    func show(_ event: ProgressEvent) {
        lock.withLock {
            // Rules finish on several threads: never draw a count lower than one drawn.
            if case .evaluating(let n, _) = event { guard n > done else { return }; done = n }
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(event.text(lang: lang))".utf8))
        }
    }

    func clear() { lock.withLock { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) } }
}

/// Formats of `inspect` (the plan as spp-check reads it).
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
