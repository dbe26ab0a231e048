import Foundation

/// `spp-check test --scaffold PLAN`: a rule test written from a plan's current findings, in the
/// manner of `kyverno create test`. The data is trimmed to what the findings need
/// (`ScaffoldData`), the rules are run again on the trimmed data, and every result they give
/// there becomes an expectation, so that the test passes as written; each expectation says
/// whether the plan itself has it. The author reviews it: a scaffold records what the rules
/// find, not what the law requires.
public enum RuleTestScaffold {
    /// The test file's text.
    /// - Parameters:
    ///   - options: the plan and rules, as for `check`.
    ///   - perRule: at most this many subjects per rule and outcome are taken from the plan's
    ///     findings (0: all).
    ///   - output: where the test will be written, so that `rules:` paths are relative to it;
    ///     nil: the current folder.
    /// - Throws: `DiagnosticList` when the plan, its rosters or the rules do not load.
    public static func scaffold(_ options: CheckOptions, perRule: Int = 3, output: String? = nil) throws -> String {
        var options = options
        options.keepResults = true
        let result = try CheckRun.run(options)
        guard !result.report.findings.isEmpty else {
            throw DiagnosticList([.error(at: .start(of: options.plan),
                "the rules find nothing on this plan: no finding to scaffold a test from; write a test of its passes by hand")])
        }
        // The subjects to keep: per rule and outcome, the first `perRule` distinct ones.
        var picked: [String: [Outcome: [String]]] = [:]
        var order: [String] = []
        for f in result.report.findings {
            if picked[f.rule] == nil { order.append(f.rule) }
            var list = picked[f.rule, default: [:]][f.outcome, default: []]
            if !list.contains(f.subject), perRule == 0 || list.count < perRule { list.append(f.subject) }
            picked[f.rule, default: [:]][f.outcome] = list
        }
        // And one subject each rule passes, so that the test shows both sides.
        var passes: [String: String] = [:]
        for r in result.report.results where r.outcome == .pass {
            let rule = result.report.evaluated[Int(r.rule)]
            if picked[rule] != nil, passes[rule] == nil { passes[rule] = r.subject }
        }
        let original = Set(result.report.findings.map { "\($0.rule) \($0.subject) \($0.outcome.rawValue)" })
        let subjects = Set(picked.values.flatMap { $0.values.flatMap { $0 } }).union(passes.values)
        let data = try ScaffoldData.trim(result.data, planPath: options.plan, subjects: subjects)

        // The rules again, on the trimmed data, as `spp-check test` will run them.
        let tested = result.rules.rules.filter { picked[$0.id] != nil }
        let trimmed = try PlanLoader.load(planBytes: Array(data.plan.utf8), planFile: options.plan) { path in
            (path, data.files.first { $0.name == path }.map { Array($0.text.utf8) })
        }
        var ignored: [Diagnostic] = []
        var units: UnitParamSettings = [:]
        let overrides = try CheckRun.paramOverrides(trimmed.plan, rules: result.rules, warnings: &ignored, units: &units)
        let asOf = options.asOf ?? trimmed.plan.period.start
        // Without a date the period is judged part by part where a rule's version changes, as the
        // test will be (it gives `as_of` only when one was asked).
        let report = Engine.run(tested, on: EvaluationContext(data: trimmed, asOf: asOf), overrides: overrides,
                                keepResults: true, splitVersions: options.asOf == nil, unitOverrides: units)

        var expectations: [(rule: String, subject: String, outcome: Outcome, note: String)] = []
        var seen = Set<String>()
        for f in report.findings where seen.insert("\(f.rule) \(f.subject) \(f.outcome.rawValue)").inserted {
            let inPlan = original.contains("\(f.rule) \(f.subject) \(f.outcome.rawValue)")
            expectations.append((f.rule, f.subject, f.outcome, inPlan ? "as in the plan" : "only in this trimmed data"))
        }
        // One pass per rule where the trimmed data has one: the one taken from the plan if it
        // still passes, else the first.
        for rule in tested {
            let name = rule.id
            let candidates = report.results.filter { report.evaluated[Int($0.rule)] == name && $0.outcome == .pass }
                .filter { p in !report.findings.contains { $0.rule == name && $0.subject == p.subject } }
            guard let pass = candidates.first(where: { $0.subject == passes[name] }) ?? candidates.first else { continue }
            expectations.append((name, pass.subject, .pass, pass.subject == passes[name] ? "a pass, as in the plan" : "a pass"))
        }
        let reproduced = Set(report.findings.map { "\($0.rule) \($0.subject) \($0.outcome.rawValue)" })
        let missed = order.flatMap { rule in
            (picked[rule] ?? [:]).sorted { $0.key.rawValue < $1.key.rawValue }.flatMap { outcome, subjects in
                subjects.filter { !reproduced.contains("\(rule) \($0) \(outcome.rawValue)") }.map { "\(rule) \(outcome.rawValue) on \($0)" }
            }
        }
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        expectations.sort { a, b in
            (rank[a.rule] ?? 0, a.outcome == .pass ? 1 : 0, a.subject) < (rank[b.rule] ?? 0, b.outcome == .pass ? 1 : 0, b.subject)
        }
        return render(options: options, output: output, data: data, asOf: asOf, expectations: expectations,
                      findings: result.report.findings.count, picked: subjects.count, missed: missed)
    }

    static func render(options: CheckOptions, output: String?, data: ScaffoldData, asOf: CivilDate,
                       expectations: [(rule: String, subject: String, outcome: Outcome, note: String)],
                       findings: Int, picked: Int, missed: [String]) -> String {
        var out = """
        # Scaffolded by `spp-check test --scaffold \(options.plan)` from the plan's \(findings) finding(s).
        # REVIEW BEFORE YOU KEEP IT: every expected outcome below is what the rules found on this
        # data, not what the law requires. Check each one against the rule's text, rename the test,
        # and trim the data further where you can. The data is the plan and its rosters cut down to
        # \(data.units.count) unit(s), \(data.contributors.count) contributor(s) and \(data.assignments.count) assignment(s): what the findings
        # taken (\(picked) subject(s), a few per rule and outcome) name and what the rules need to judge them.
        # Findings marked "only in this trimmed data" arise from the cut (a unit without the
        # assignments of others, say): keep them as documented edge cases or trim them away.

        """
        for n in data.notes { out += "# Note: \(n)\n" }
        for m in missed { out += "# Not reproduced on the trimmed data (left out): \(m)\n" }
        if !options.rulePaths.isEmpty {
            let from = output.map { ($0 as NSString).deletingLastPathComponent } ?? ""
            out += "rules:\n" + options.rulePaths.map { "  - \(quoted(relative($0, from: from)))\n" }.joined()
        }
        out += "tests:\n"
        out += "  - name: \(quoted("findings of \((options.plan as NSString).lastPathComponent), scaffolded"))\n"
        if options.asOf != nil { out += "    as_of: \(asOf.iso)\n" }
        out += "    plan: |\n" + block(data.plan, indent: 6)
        if !data.files.isEmpty {
            out += "    files:\n"
            for (name, text) in data.files { out += "      \(quoted(name)): |\n" + block(text, indent: 8) }
        }
        out += "    expect:\n"
        for e in expectations {
            out += "      - {rule: \(quoted(e.rule)), subject: \(quoted(e.subject)), outcome: \(e.outcome.rawValue)}  # \(e.note)\n"
        }
        return out
    }

    /// A literal block's lines, indented; blank lines stay empty.
    static func block(_ text: String, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.map { $0.isEmpty ? "\n" : pad + $0 + "\n" }.joined()
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ s: String) -> String { "\"" + quotedEscapes(s) + "\"" }

    private static let quotedEscapes = ScalarEscapes(["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\t": "\\t"])

    /// `path` relative to the folder `from` (both relative to the current folder, or absolute).
    static func relative(_ path: String, from: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        func parts(_ p: String) -> [String] {
            let abs = p.hasPrefix("/") ? p : (cwd as NSString).appendingPathComponent(p)
            return URL(fileURLWithPath: abs).standardizedFileURL.pathComponents
        }
        let (a, b) = (parts(path), parts(from.isEmpty ? "." : from))
        var k = 0
        while k < a.count, k < b.count, a[k] == b[k] { k += 1 }
        let up = Array(repeating: "..", count: b.count - k)
        let rel = (up + a[k...]).joined(separator: "/")
        return rel.isEmpty ? "." : rel
    }
}
