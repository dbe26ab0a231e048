/// The `--format junit` report: JUnit XML as Jenkins, GitLab, Azure DevOps and most CI
/// systems read it.
///
/// One `testsuite` per principle; one `testcase` per rule × subject, named
/// `RULE-ID subject` (unique: several results of one rule on one subject, such as two gaps of a
/// unit, are one test case listing them all), with the rule id as `classname`. A failed result
/// is a `<failure>`; an indeterminate one (data the rule needs is missing) is an `<error>` — the
/// test could not be decided, which CI systems count as not passed, never as a pass; a case
/// with both is a failure whose text lists the undecided results too. Passing subjects are
/// passing test cases (the engine keeps them when asked: `CheckOptions.keepResults`). A rule
/// not in force, or with no subject in the data, is one `<skipped>` test case.
///
/// Only findings at or above `--fail-on` (`ReportInput.failOn`) fail a test case, as only they
/// fail the job: a case whose findings are all below it passes and lists them in
/// `<system-out>`, so that a CI test view never goes red while the job passes.
public enum JUnitReporter {
    public static func render(_ input: ReportInput) -> String {
        let report = input.report
        let fr = input.labels.lang == "fr"
        // Findings by rule × subject, to attach them to their test case.
        var findings: [CaseKey: [Finding]] = [:]
        for f in report.findings { findings[CaseKey(rule: f.rule, subject: f.subject), default: []].append(f) }

        var cases: [Principle: [TestCase]] = [:]
        var seen = Set<CaseKey>()
        var rulesWithSubjects = Set<String>()
        func add(_ key: CaseKey, principle: Principle) {
            guard seen.insert(key).inserted else { return }
            rulesWithSubjects.insert(key.rule)
            cases[principle, default: []].append(TestCase(key: key, findings: findings[key] ?? [], blocks: input.blocks))
        }
        for record in report.results {
            let index = Int(record.rule)
            guard report.evaluated.indices.contains(index) else { continue }
            let id = report.evaluated[index]
            add(CaseKey(rule: id, subject: record.subject), principle: input.rule(id)?.principle ?? findings[CaseKey(rule: id, subject: record.subject)]?.first?.principle ?? Principle("?"))
        }
        // Findings whose result was not kept (a report made without `keepResults`).
        for f in report.findings { add(CaseKey(rule: f.rule, subject: f.subject), principle: f.principle) }
        for id in report.evaluated where !rulesWithSubjects.contains(id) {
            let principle = input.rule(id)?.principle ?? Principle("?")
            cases[principle, default: []].append(TestCase(key: CaseKey(rule: id, subject: fr ? "(aucun sujet)" : "(no subject)"), findings: [], blocks: input.blocks,
                                                          skipped: fr ? "aucun sujet dans les données" : "no subject in the data"))
        }
        for id in report.skipped {
            let principle = input.rule(id)?.principle ?? Principle("?")
            cases[principle, default: []].append(TestCase(key: CaseKey(rule: id, subject: "(\(input.labels.notInForce))"), findings: [], blocks: input.blocks,
                                                          skipped: fr ? "non en vigueur au \(input.run.asOf?.iso ?? "jour du contrôle")"
                                                                      : "not in force at \(input.run.asOf?.iso ?? "the checking date")"))
        }

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let all = cases.values.flatMap { $0 }
        out += "<testsuites name=\"spp-check\" tests=\"\(all.count)\" failures=\"\(all.filter(\.isFailure).count)\" errors=\"\(all.filter(\.isError).count)\" skipped=\"\(all.filter(\.isSkipped).count)\">\n"
        for principle in cases.keys.sorted() {
            let suite = (cases[principle] ?? []).sorted { ($0.key.rule, $0.key.subject) < ($1.key.rule, $1.key.subject) }
            out += "  <testsuite name=\"\(xml(principle.id))\" tests=\"\(suite.count)\" failures=\"\(suite.filter(\.isFailure).count)\" errors=\"\(suite.filter(\.isError).count)\" skipped=\"\(suite.filter(\.isSkipped).count)\">\n"
            for test in suite { out += testCase(test, input) }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    struct CaseKey: Hashable {
        var rule: String
        var subject: String
    }

    struct TestCase {
        var key: CaseKey
        var findings: [Finding]
        /// Whether a finding fails the job (`ReportInput.blocks`).
        var blocks: (Finding) -> Bool
        var skipped: String?
        var isFailure: Bool { findings.contains { blocks($0) && $0.outcome == .fail } }
        var isError: Bool { !isFailure && findings.contains { blocks($0) && $0.outcome == .indeterminate } }
        /// Active findings, none of which fails the job: the case passes and lists them.
        var isBelowThreshold: Bool { findings.contains(where: \.isActive) && !findings.contains(where: blocks) }
        var isSkipped: Bool { skipped != nil || (!findings.isEmpty && !findings.contains(where: \.isActive)) }
    }

    static func testCase(_ test: TestCase, _ input: ReportInput) -> String {
        let open = "    <testcase name=\"\(xml(test.key.rule + " " + test.key.subject))\" classname=\"\(xml(test.key.rule))\""
        if let skipped = test.skipped {
            return open + ">\n      <skipped message=\"\(xml(skipped))\"/>\n    </testcase>\n"
        }
        guard !test.findings.isEmpty else { return open + "/>\n" }
        // Waived and baseline findings no longer count: the case is skipped, saying why.
        if !test.findings.contains(where: \.isActive) {
            let why = test.findings.map { f in
                f.waiver.map(input.labels.waiverLine) ?? "\(input.labels.inBaseline): \(f.message)"
            }
            return open + ">\n      <skipped message=\"\(xml(why.joined(separator: "\n")))\"/>\n    </testcase>\n"
        }
        let element = test.isBelowThreshold ? "system-out" : (test.isFailure ? "failure" : "error")
        let first = test.findings.first { test.blocks($0) && $0.outcome == .fail } ?? test.findings.first(where: test.blocks) ?? test.findings[0]
        let type = test.isFailure ? first.severity.rawValue : "indeterminate"
        var body: [String] = []
        for f in test.findings {
            var line = f.location.map { "\(input.displayPath($0.file)):\($0.line):\($0.column): " } ?? ""
            line += "\(f.outcome == .indeterminate ? input.labels.indeterminate : input.labels.severityName(f.severity)): \(f.message)"
            if let status = input.labels.status(f) { line += " (\(status))" }
            if let m = f.measured { line += "; \(input.labels.measured): \(m)" }
            if let e = f.expected { line += "; \(input.labels.expected): \(e)" }
            if !f.missing.isEmpty { line += "; \(input.labels.missing): \(f.missing.joined(separator: ", "))" }
            if let fix = f.fix { line += "; \(input.labels.fix): \(fix)" }
            body.append(line)
        }
        let title = input.title(of: test.key.rule)
        body.append("\(input.labels.rule): \(title)")
        if test.isBelowThreshold {
            return open + ">\n      <system-out>\(xml(body.joined(separator: "\n")))</system-out>\n    </testcase>\n"
        }
        return open + ">\n      <\(element) message=\"\(xml(first.message))\" type=\"\(type)\">\(xml(body.joined(separator: "\n")))</\(element)>\n    </testcase>\n"
    }

    /// Text escaped for XML content and attributes; characters XML 1.0 cannot hold (most
    /// controls) become U+FFFD, so that the file always parses.
    static func xml(_ s: String) -> String { xmlEscapes(s) }

    private static let xmlEscapes = ScalarEscapes(
        ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&apos;",
         "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"],
        otherwise: { $0.value < 0x20 || $0.value == 0xFFFE || $0.value == 0xFFFF ? "\u{FFFD}" : nil })
}
