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
/// those rules that no expectation names fails the test. A top-level `rules:` names the rule
/// files the tests are for (paths relative to the test file).
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
    /// Where the plan's first line starts in the test file (for a `|` block, the column of its
    /// indentation), so that errors in the plan are placed in the test file.
    public var planLocation: Location
    public var files: [String: String]
    /// Where each embedded file's text starts in the test file, as `planLocation`.
    public var fileLocations: [String: Location] = [:]
    /// The rule files the test file names with `rules:`, resolved beside it; empty when it names none.
    public var ruleFiles: [String] = []
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
    /// The rules whose parameters the test's plan overrides (`params:`), for coverage.
    public var overridden: Set<String> = []
    /// The date the rules were checked at, when the data loaded.
    public var asOf: CivilDate?
    /// The days the rules judged: the `as_of` date alone when the test gives one, else the
    /// plan's period (a rule with dated versions is judged part by part over it).
    public var judged: ClosedRange<CivilDate>?
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
        let bytes = try YAMLLoader.readFile(file, limits: YAMLLoader.Limits())
        return try load(try YAMLLoader.load(file: file), bytes: bytes)
    }

    public static func load(bytes: [UInt8], file: String) throws -> [RuleTest] {
        try load(try YAMLLoader.load(bytes: bytes, file: file), bytes: bytes)
    }

    /// Where the text of an embedded block starts in the test file: for a literal block (`|`),
    /// its first line at the column of the block's indentation, so that line L, column C of
    /// the text is line start + L - 1, column start + C - 1 of the file.
    static func textStart(_ node: YAMLNode, lines: [Substring]) -> Location {
        guard node.style == .literal else { return node.textStart }
        var start = node.textStart
        // The indentation is that of the first line holding more than spaces.
        var k = start.line - 1
        while k < lines.count, lines[k].allSatisfy({ $0 == " " }) { k += 1 }
        if k < lines.count { start.column = lines[k].prefix { $0 == " " }.count + 1 }
        return start
    }

    static func load(_ stream: YAMLStream, bytes: [UInt8]) throws -> [RuleTest] {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard stream.documents.count == 1, let root = stream.documents.first else {
            throw DiagnosticList([.error(at: .start(of: stream.file), "a rule test file holds one YAML document with 'tests:'")])
        }
        var top = MappingReader(root, what: "the rule test file")
        var tests: [RuleTest] = []
        var ruleFiles: [String] = []
        if let node = top.optional("rules") {
            let folder = (stream.file as NSString).deletingLastPathComponent
            for item in node.items ?? [node] {
                guard let path = item.string else {
                    top.report(.error(at: item.location, "'rules' names rule files: a path or a list of paths, relative to the test file"))
                    continue
                }
                let full = path.hasPrefix("/") || folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
                if FileManager.default.fileExists(atPath: full) { ruleFiles.append(full) } else {
                    top.report(.error(at: item.textStart, "no such rule file '\(path)' (looked for \(full))"))
                }
            }
        }
        if let list = top.required("tests") {
            for item in list.items ?? [] {
                var r = MappingReader(item, what: "a rule test")
                let name = r.string("name", required: true)
                let planNode = r.required("plan")
                if let planNode, planNode.string == nil {
                    r.report(.error(at: planNode.location, "'plan' is the plan's YAML text, written as a block: 'plan: |'"))
                }
                var files: [String: String] = [:]
                var fileLocations: [String: Location] = [:]
                if let node = r.optional("files") {
                    for pair in node.pairs ?? [] {
                        if let name = pair.key.string, let text = pair.value.string {
                            files[name] = text
                            fileLocations[name] = textStart(pair.value, lines: lines)
                        } else {
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
                    tests.append(RuleTest(name: name, plan: plan, planLocation: textStart(planNode, lines: lines), files: files,
                                          fileLocations: fileLocations, ruleFiles: ruleFiles, asOf: asOf,
                                          expectations: expectations, otherFindingsAllowed: other, location: item.location))
                }
            }
            if list.items == nil { top.report(.error(at: list.location, "'tests' must be a list")) }
        }
        let errors = top.finish()
        if !errors.isEmpty { throw DiagnosticList(errors) }
        return tests
    }

    /// The name the test's plan is loaded under (errors in it are then placed in the test file).
    static func planName(_ test: RuleTest) -> String { "\(test.location.file)#\(test.name)/plan.yaml" }

    /// Where a location in the test's embedded plan or files is in the test file itself; other
    /// locations are returned as they are.
    public static func located(_ location: Location, in test: RuleTest) -> Location {
        let (start, text): (Location, String)
        if location.file == planName(test) {
            (start, text) = (test.planLocation, test.plan)
        } else if let s = test.fileLocations[location.file], let t = test.files[location.file] {
            (start, text) = (s, t)
        } else {
            return location
        }
        var column = location.column
        if location.file.lowercased().hasSuffix(".csv") {
            // CSV columns are field numbers: the field's first character on its line.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if location.line - 1 < lines.count { column = csvFieldColumn(lines[location.line - 1], field: location.column) }
        }
        return Location(file: start.file, line: start.line + location.line - 1, column: start.column + column - 1)
    }

    /// The 1-based character column where field `field` (1-based) of a CSV line starts.
    static func csvFieldColumn(_ line: Substring, field: Int) -> Int {
        let separator: Character = line.contains(";") && !line.contains(",") ? ";" : ","
        var count = 1, quoted = false, column = 1
        for c in line {
            if count == field { return column }
            if c == "\"" { quoted.toggle() } else if c == separator, !quoted { count += 1 }
            column += 1
        }
        return count == field ? column : 1
    }

    /// One actual result, as a failure shows it: outcome, subject, message and missing paths.
    static func describe(_ outcome: Outcome, _ subject: String, message: String?, missing: [String]) -> String {
        var line = "\(outcome.rawValue) on \(subject)"
        if let message, !message.isEmpty { line += ": \(message)" }
        if !missing.isEmpty, !missing.allSatisfy({ message?.contains($0) ?? false }) {
            line += " (missing: \(missing.joined(separator: ", ")))"
        }
        return line
    }

    /// `expected` against the message most like it, the first differing character marked `^`
    /// under the actual message (an en dash for a hyphen shows at once).
    static func markedDifference(expected: String, in message: String) -> [String] {
        let e = Array(expected), m = Array(message)
        var best = (offset: 0, length: -1)
        for start in 0...max(0, m.count - 1) {
            var k = 0
            while k < e.count, start + k < m.count, e[k] == m[start + k] { k += 1 }
            if k > best.length { best = (start, k) }
        }
        let pad = "  actual message: ".count
        return ["  expected text:  \(expected)",
                "  actual message: \(message)",
                String(repeating: " ", count: pad + best.offset + max(0, best.length)) + "^ differs here"]
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
            data = try PlanLoader.load(planBytes: Array(test.plan.utf8), planFile: planName(test)) { path in
                (path, test.files[path].map { Array($0.utf8) })
            }
        } catch {
            let located = error.diagnostics.map { d in
                var d = d
                d.location = RuleTests.located(d.location, in: test)
                d.notes = d.notes.map { n in var n = n; n.location = RuleTests.located(n.location, in: test); return n }
                return d
            }.enumerated().sorted { a, b in
                let (x, y) = (a.element.location, b.element.location)
                return (x.line, x.column, a.offset) < (y.line, y.column, b.offset)
            }.map(\.element)
            return RuleTestResult(test: test, failures: failures + ["the test's data does not load:"] + located.map { "  \($0.headline)" })
        }
        // The plan's `params:` apply as in `spp-check check` (a test of an SDIS's own parameters).
        let overrides: [String: [String: Value]]
        var units: UnitParamSettings = [:]
        do {
            var ignored: [Diagnostic] = []
            overrides = try CheckRun.paramOverrides(data.plan, rules: rules, warnings: &ignored, units: &units)
        } catch {
            return RuleTestResult(test: test, failures: failures + ["the test's plan parameters do not apply:"] + error.diagnostics.map { "  \($0.headline)" })
        }
        let asOf = test.asOf ?? data.plan.period.start
        let context = EvaluationContext(data: data, asOf: asOf)
        let report = Engine.run(selected, on: context, overrides: overrides, keepResults: true, splitVersions: test.asOf == nil,
                                unitOverrides: units)
        var seen = Set<String>()
        for e in test.expectations {
            let key = "\(e.rule) \(e.subject)"
            let actual = report.results.filter { report.evaluated[Int($0.rule)] == e.rule && $0.subject == e.subject }
            let findings = report.findings.filter { $0.rule == e.rule && $0.subject == e.subject }
            // What the rule did say, to put beside a failed expectation.
            var said = actual.map { r -> String in
                let f = findings.first { $0.outcome == r.outcome }
                return "  actual: " + describe(r.outcome, r.subject, message: f?.message, missing: f?.missing ?? [])
            }
            if said.isEmpty {
                let others = report.findings.filter { $0.rule == e.rule }.prefix(5)
                said = others.map { "  the rule said: " + describe($0.outcome, $0.subject, message: $0.message, missing: $0.missing) }
            }
            if actual.isEmpty {
                failures.append("\(e.location): expected \(e.outcome.rawValue) for \(e.rule) on \(e.subject), but the rule said nothing about it")
                failures += said
            } else if !actual.contains(where: { $0.outcome == e.outcome }) {
                failures.append("\(e.location): expected \(e.outcome.rawValue) for \(e.rule) on \(e.subject), got \(Set(actual.map(\.outcome.rawValue)).sorted().joined(separator: ", "))")
                failures += said
            } else if let text = e.messageContains, !findings.contains(where: { $0.message.contains(text) }) {
                failures.append("\(e.location): no finding of \(e.rule) on \(e.subject) says '\(text)'")
                if let f = findings.first { failures += markedDifference(expected: text, in: f.message) } else { failures += said }
            }
            seen.insert(key)
        }
        if !test.otherFindingsAllowed {
            for f in report.findings where !seen.contains("\(f.rule) \(f.subject)") {
                var line = "unexpected " + describe(f.outcome, "\(f.subject)", message: f.message, missing: f.missing)
                line = line.replacingOccurrences(of: "unexpected \(f.outcome.rawValue) on ", with: "unexpected \(f.outcome.rawValue) of \(f.rule) on ")
                if let at = f.location { line = "\(RuleTests.located(at, in: test)): " + line }
                failures.append(line)
            }
        }
        return RuleTestResult(test: test, failures: failures, overridden: Set(overrides.keys), asOf: asOf,
                              judged: test.asOf.map { $0...$0 } ?? data.plan.period.start...max(data.plan.period.start, data.plan.period.end))
    }
}

extension RuleTests {
    /// The rule files a test file's tests run against, without `--rules`: those it names with
    /// `rules:`; else `NAME.yaml` (or `.yml`) beside `NAME.test.yaml`; else the rule files of the
    /// folder being tested (`folder`); else none, meaning the standard packs.
    public static func ruleFiles(for testFile: String, named: [String], folder: [String]?) -> [String] {
        if !named.isEmpty { return named }
        for suffix in [".test.yaml", ".test.yml"] where testFile.hasSuffix(suffix) {
            let stem = String(testFile.dropLast(suffix.count))
            for ext in [".yaml", ".yml"] where FileManager.default.fileExists(atPath: stem + ext) { return [stem + ext] }
        }
        return folder ?? []
    }

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
