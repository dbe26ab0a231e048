import Foundation

/// Tests of rules, written by policy authors beside their packs (`*.test.yaml`), the way
/// `opa test` and `kyverno test` test policies: data, and the outcome expected per rule and
/// subject.
///
/// ```yaml
/// tests:
///   - name: a driver under 18 is caught, an adult passes
///     plan: |
///       id: l1
///       name: L1
///       kind: carpool_line
///       effective_from: 2026-01-01
///       period: {start: 2026-03-02, end: 2026-03-09}
///       units: [{id: line-l1, kind: line}]
///       rosters: [contributors.csv]
///     files:
///       contributors.csv: |
///         id,role,birth_date
///         d-01,driver,1980-01-01
///         d-02,driver,2010-01-01
///     expect:
///       - {rule: cl.driver-adult, subject: "contributor:d-02", outcome: fail}
///       - {rule: cl.driver-adult, subject: "contributor:d-01", outcome: pass}
/// ```
/// Only the rules named in `expect` are run. Unless `other_findings: allowed`, any finding of
/// those rules that no expectation names fails the test.
public struct RuleTest: Sendable {
    public struct Expectation: Sendable, Hashable {
        public var rule: String
        public var subject: String
        public var outcome: Outcome
        /// Text the finding's message must contain.
        public var messageContains: String?
        public var location: Location
    }

    public var name: String
    public var plan: String
    public var planLocation: Location
    public var files: [String: String]
    public var asOf: CivilDate?
    public var expectations: [Expectation]
    public var otherFindingsAllowed: Bool
    public var location: Location
}

/// What one test found.
public struct RuleTestResult: Sendable {
    public var test: RuleTest
    /// Differences between expected and actual; empty when the test passes.
    public var failures: [String]
    public var passed: Bool { failures.isEmpty }
}

/// Loading and running rule test files.
public enum RuleTests {
    /// The test files under a path: the file itself or every `*.test.yaml` below a folder.
    public static func files(at path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Diagnostic.error(at: .start(of: path), "no such file or folder")
        }
        guard isDirectory.boolValue else { return [path] }
        let found = (FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".test.yaml") || $0.hasSuffix(".test.yml") }
            .map { (path as NSString).appendingPathComponent($0) }
        return found.sorted()
    }

    /// Reads a test file; every error is reported at once.
    public static func load(file: String) throws -> [RuleTest] {
        try load(try YAMLLoader.load(file: file))
    }

    public static func load(bytes: [UInt8], file: String) throws -> [RuleTest] {
        try load(try YAMLLoader.load(bytes: bytes, file: file))
    }

    static func load(_ stream: YAMLStream) throws -> [RuleTest] {
        guard stream.documents.count == 1, let root = stream.documents.first else {
            throw DiagnosticList([.error(at: .start(of: stream.file), "a rule test file holds one YAML document with 'tests:'")])
        }
        var top = MappingReader(root, what: "the rule test file")
        var tests: [RuleTest] = []
        if let list = top.required("tests") {
            for item in list.items ?? [] {
                var r = MappingReader(item, what: "a rule test")
                let name = r.string("name", required: true)
                let planNode = r.required("plan")
                if let planNode, planNode.string == nil {
                    r.report(.error(at: planNode.location, "'plan' is the plan's YAML text, written as a block: 'plan: |'"))
                }
                var files: [String: String] = [:]
                if let node = r.optional("files") {
                    for pair in node.pairs ?? [] {
                        if let name = pair.key.string, let text = pair.value.string { files[name] = text } else {
                            r.report(.error(at: pair.value.location, "'files' maps file names to their text, written as blocks"))
                        }
                    }
                }
                let asOf = r.string("as_of").flatMap { text -> CivilDate? in
                    let date = CivilDate(iso: text)
                    if date == nil, let node = item["as_of"] { r.report(.error(at: node.location, "'as_of' must be a date written YYYY-MM-DD")) }
                    return date
                }
                var other = false
                if let node = r.optional("other_findings") {
                    switch node.string {
                    case "allowed": other = true
                    case "forbidden": other = false
                    default: r.report(.error(at: node.location, "'other_findings' is 'allowed' or 'forbidden'"))
                    }
                }
                var expectations: [RuleTest.Expectation] = []
                if let node = r.required("expect") {
                    for e in node.items ?? [] {
                        var er = MappingReader(e, what: "an expectation")
                        let rule = er.string("rule", required: true)
                        let subject = er.string("subject", required: true)
                        let outcomeText = er.string("outcome", required: true)
                        let contains = er.string("message_contains")
                        let outcome = outcomeText.flatMap(Outcome.init(rawValue:))
                        if let outcomeText, outcome == nil, let at = e["outcome"]?.location {
                            er.report(.error(at: at, "outcome '\(outcomeText)' must be pass, fail or indeterminate"))
                        }
                        r.report(contentsOf: er.finish())
                        if let rule, let subject, let outcome {
                            expectations.append(.init(rule: rule, subject: subject, outcome: outcome, messageContains: contains, location: e.location))
                        }
                    }
                    if node.items == nil { r.report(.error(at: node.location, "'expect' must be a list of {rule, subject, outcome}")) }
                }
                let errors = r.finish()
                top.report(contentsOf: errors)
                if errors.isEmpty, let name, let plan = planNode?.string, let planNode {
                    tests.append(RuleTest(name: name, plan: plan, planLocation: planNode.textStart, files: files, asOf: asOf,
                                          expectations: expectations, otherFindingsAllowed: other, location: item.location))
                }
            }
            if list.items == nil { top.report(.error(at: list.location, "'tests' must be a list")) }
        }
        let errors = top.finish()
        if !errors.isEmpty { throw DiagnosticList(errors) }
        return tests
    }

    /// Runs one test against a rule set.
    public static func run(_ test: RuleTest, rules: RuleSet) -> RuleTestResult {
        var failures: [String] = []
        let names = Set(test.expectations.map(\.rule))
        for name in names.sorted() where rules.rule(name) == nil {
            failures.append("unknown rule '\(name)'\(Suggestion.hint(for: name, in: rules.rules.map(\.id)))")
        }
        let selected = rules.rules.filter { names.contains($0.id) }
        let data: ServiceData
        do {
            let planName = "\(test.location.file)#\(test.name)/plan.yaml"
            data = try PlanLoader.load(planBytes: Array(test.plan.utf8), planFile: planName) { path in
                (path, test.files[path].map { Array($0.utf8) })
            }
        } catch {
            return RuleTestResult(test: test, failures: failures + ["the test's data does not load:"] + error.diagnostics.map { "  \($0.headline)" })
        }
        // The plan's `params:` apply as in `spp-check check` (a test of an SDIS's own parameters).
        let overrides: [String: [String: Value]]
        do {
            var ignored: [Diagnostic] = []
            overrides = try CheckRun.paramOverrides(data.plan, rules: rules, warnings: &ignored)
        } catch {
            return RuleTestResult(test: test, failures: failures + ["the test's plan parameters do not apply:"] + error.diagnostics.map { "  \($0.headline)" })
        }
        let context = EvaluationContext(data: data, asOf: test.asOf ?? data.plan.period.start)
        let report = Engine.run(selected, on: context, overrides: overrides, keepResults: true)
        var seen = Set<String>()
        for e in test.expectations {
            let key = "\(e.rule) \(e.subject)"
            let actual = report.results.filter { report.evaluated[Int($0.rule)] == e.rule && $0.subject == e.subject }
            if actual.isEmpty {
                failures.append("\(e.location): expected \(e.outcome.rawValue) for \(e.rule) on \(e.subject), but the rule said nothing about it")
            } else if !actual.contains(where: { $0.outcome == e.outcome }) {
                failures.append("\(e.location): expected \(e.outcome.rawValue) for \(e.rule) on \(e.subject), got \(Set(actual.map(\.outcome.rawValue)).sorted().joined(separator: ", "))")
            } else if let text = e.messageContains,
                      !report.findings.contains(where: { $0.rule == e.rule && $0.subject == e.subject && $0.message.contains(text) }) {
                failures.append("\(e.location): no finding of \(e.rule) on \(e.subject) says '\(text)'")
            }
            seen.insert(key)
        }
        if !test.otherFindingsAllowed {
            for f in report.findings where !seen.contains("\(f.rule) \(f.subject)") {
                failures.append("unexpected \(f.outcome.rawValue) of \(f.rule) on \(f.subject): \(f.message)")
            }
        }
        return RuleTestResult(test: test, failures: failures)
    }
}

extension RuleTests {
    /// The ids of rules that no expectation of `tests` names: rules nobody has tested.
    public static func untested(_ rules: RuleSet, by tests: [RuleTest]) -> [String] {
        let named = Set(tests.flatMap { $0.expectations.map(\.rule) })
        return rules.rules.map(\.id).filter { !named.contains($0) }
    }

    /// The text report of a test run: one line per test, the differences under failed ones,
    /// the rules without tests, and a closing `N passed, N failed` line.
    public static func render(_ results: [RuleTestResult], untested: [String]) -> String {
        var out = ""
        for r in results {
            out += (r.passed ? "ok    " : "FAIL  ") + "\(r.test.location.file): \(r.test.name)\n"
            for f in r.failures { out += "      \(f)\n" }
        }
        if !untested.isEmpty {
            out += "\nrules no test exercises (\(untested.count)): \(untested.joined(separator: ", "))\n"
        }
        let failed = results.filter { !$0.passed }.count
        out += "\n\(results.count - failed) passed, \(failed) failed\n"
        return out
    }
}
