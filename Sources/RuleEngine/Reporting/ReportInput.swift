import Foundation

/// Everything a reporter needs: the report, facts about the run, the rules loaded (for their
/// titles, rationales and references), the language and the place paths are relative to.
public struct ReportInput: Sendable {
    public var report: Report
    public var run: RunInfo
    /// The rules loaded for the run (evaluated or not in force), in load order; fixed, as
    /// `rule(_:)` looks them up in an index made once.
    public let rules: [Rule]
    /// Language of rule texts and report labels (`fr`, `en`); nil = each rule's first language,
    /// English labels.
    public var lang: String?
    /// Show, for each finding, the values that led to it and the rule's title and references.
    public var explain: Bool
    /// Parameter values in force for each rule (defaults overridden by the plan), by rule id.
    public var params: [String: [EffectiveParam]]
    /// Folder that file URIs and paths in reports are made relative to.
    public var workingDirectory: String
    /// With `explain`: lines telling what a finding's rule read (its condition and values), by
    /// fingerprint.
    public var explanations: [String: [String]] = [:]
    /// Lowest severity that blocks (`--fail-on`; nil = `never`): the verdict, JUnit failures,
    /// SARIF levels and GitHub annotation kinds follow it, as the exit status does.
    public var failOn: Severity? = .error
    /// The other reports written by the same run, by format, as paths relative to the folder of
    /// the report being written (the HTML report links to the complete list).
    public var links: [OutputFormat: String] = [:]

    private let index: [String: Int]

    public init(report: Report, run: RunInfo, rules: [Rule] = [], lang: String? = nil, explain: Bool = false,
                params: [String: [EffectiveParam]] = [:],
                workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.report = report
        self.run = run
        self.rules = rules
        self.lang = lang
        self.explain = explain
        self.params = params
        self.workingDirectory = workingDirectory
        var index: [String: Int] = [:]
        for (i, rule) in rules.enumerated() where index[rule.id] == nil { index[rule.id] = i }
        self.index = index
    }

    /// The input for a finished check, with the parameters each rule ran with.
    public init(_ result: CheckResult, lang: String? = nil, explain: Bool = false,
                workingDirectory: String = FileManager.default.currentDirectoryPath) {
        var params: [String: [EffectiveParam]] = [:]
        for rule in result.rules.rules where !rule.params.isEmpty {
            let overrides = result.data.plan.params[rule.id]?.values ?? [:]
            params[rule.id] = rule.params.map { p in
                EffectiveParam(name: p.name, value: (overrides[p.name]?.value ?? p.defaultValue).displayText,
                               overridden: overrides[p.name] != nil)
            }
        }
        // The unit layer: `name (unit l2)` after the value the other units run with.
        for (ruleID, byUnit) in result.unitSettings {
            for (unit, values) in byUnit.sorted(by: { $0.key < $1.key }) {
                for s in values.values.sorted(by: { $0.name < $1.name }) {
                    params[ruleID, default: []].append(EffectiveParam(name: "\(s.name) (unit \(unit))", value: s.value.displayText, overridden: true))
                }
            }
        }
        self.init(report: result.report, run: result.run, rules: result.rules.rules, lang: lang ?? result.run.lang,
                  explain: explain, params: params, workingDirectory: workingDirectory)
        if explain { explanations = ConditionValues.explain(result, labels: Labels.for(lang ?? result.run.lang)) }
        // The kinds write their own values and reasons in English: French all the way.
        if self.lang == "fr" { report.findings = FrenchPhrases.translate(report.findings) }
    }

    /// The rule with this id, if it was loaded.
    public func rule(_ id: String) -> Rule? { index[id].map { rules[$0] } }

    /// The labels of the report's own words, in its language.
    public var labels: Labels { Labels.for(lang) }

    /// The rule's title in the report's language, or its id when it has none.
    public func title(of id: String) -> String {
        guard let text = rule(id)?.title.text(lang), !text.isEmpty else { return id }
        return text
    }

    /// `path` as reports show it: relative to the working directory when it is inside it.
    public func displayPath(_ path: String) -> String {
        ReportPaths.relative(path, to: workingDirectory)
    }
}

/// A parameter value a rule ran with.
public struct EffectiveParam: Sendable, Hashable {
    public var name: String
    public var value: String
    /// Set by the plan rather than the rule's default.
    public var overridden: Bool

    public init(name: String, value: String, overridden: Bool = false) {
        self.name = name
        self.value = value
        self.overridden = overridden
    }
}

/// The formats `spp-check check --format` writes; each has its own reporter file.
public enum OutputFormat: String, CaseIterable, Sendable {
    case text, json, sarif, junit, github, markdown, html
    /// The verdict and the rules to fix first, for a terminal (`make demo`); not every finding.
    case summary

    /// The report in this format. `color` only matters for text.
    public func render(_ input: ReportInput, color: Bool = false) -> String {
        switch self {
        case .text: TextReporter.render(input, color: color)
        case .json: JSONReporter.render(input.report, run: input.run)
        case .sarif: SARIFReporter.render(input)
        case .junit: JUnitReporter.render(input)
        case .github: GitHubReporter.render(input)
        case .markdown: MarkdownReporter.render(input)
        // Without the service's data: no coverage map (`HTMLReporter.render(_:coverage:)` draws it).
        case .html: HTMLReporter.render(input)
        case .summary: TextReporter.renderSummary(input, color: color)
        }
    }

    /// The report in this format passed to `emit` in pieces, in order (the same text as
    /// `render`): a large JSON report is never held whole.
    public func write(_ input: ReportInput, color: Bool = false, to emit: (String) throws -> Void) rethrows {
        switch self {
        case .json: try JSONReporter.write(input.report, run: input.run, to: emit)
        default: try emit(render(input, color: color))
        }
    }

    /// Whether the format lists passing results (and so needs `Report.results`).
    public var needsAllResults: Bool { self == .junit }
}

/// Paths as reports show them.
public enum ReportPaths {
    /// `path` relative to `directory` when it lies inside it (`./` and `a/../` removed);
    /// other paths are returned as given, normalised.
    public static func relative(_ path: String, to directory: String) -> String {
        let absolute = path.hasPrefix("/") ? path : directory + "/" + path
        let parts = normalized(absolute)
        let base = normalized(directory)
        if parts.count > base.count, Array(parts.prefix(base.count)) == base {
            return parts.dropFirst(base.count).joined(separator: "/")
        }
        return path.hasPrefix("/") ? "/" + parts.joined(separator: "/") : path
    }

    static func normalized(_ path: String) -> [String] {
        var out: [String] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !out.isEmpty { out.removeLast() }
            default: out.append(String(part))
            }
        }
        return out
    }
}
