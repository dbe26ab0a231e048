/// How much of each rule its tests reach, in the manner of `opa test --coverage`, measured on
/// what a rule can do rather than on lines: each outcome (pass, fail, indeterminate), each
/// parameter path (defaults, overridden by a plan) and each dated version.
///
/// An item is covered when a test that PASSED has an expectation naming the rule and:
/// - outcome O: the expectation's outcome is O (a passed test's expected outcome is the actual one);
/// - parameter path `defaults` (rules with parameters only): the test's plan overrides none of
///   the rule's parameters; path `overridden`: it overrides at least one;
/// - a dated version: a day the test judges (its `as_of`, else the plan's period) is in the
///   version's dates.
///
/// The percentage is 100 × covered items ÷ items, over every rule loaded (an untested rule
/// counts all its items as not covered).
public struct RuleCoverage: Sendable {
    /// One thing a rule can do, and the tests that reach it.
    public struct Item: Sendable, Hashable {
        /// `outcome`, `params` or `version`.
        public var group: String
        /// `pass`, `fail`, `indeterminate`; `defaults`, `overridden`; a version's name.
        public var name: String
        /// The names of the passed tests that reach it; empty when not covered.
        public var tests: [String]
        public var covered: Bool { !tests.isEmpty }
    }

    public var rule: String
    public var pack: String
    public var items: [Item]
    public var tested: Bool
    public var covered: Int { items.filter(\.covered).count }

    /// The parameter paths a rule has: none without parameters.
    static func paramPaths(_ rule: Rule) -> [String] { rule.params.isEmpty ? [] : ["defaults", "overridden"] }

    /// The dated versions of a rule (`versions:`), each with the dates it is in force. A rule
    /// without dated versions has none to count (its one text is covered through its outcomes).
    static func versions(_ rule: Rule) -> [(name: String, from: CivilDate?, until: CivilDate?)] {
        rule.versions.map { ($0.id, $0.from, $0.until) }
    }
}

/// The coverage of a whole test run.
public struct CoverageReport: Sendable {
    public var rules: [RuleCoverage]
    public var testsPassed: Int
    public var testsFailed: Int
    /// The threshold asked for (`--min`), if any.
    public var minimum: Double?

    public var items: Int { rules.reduce(0) { $0 + $1.items.count } }
    public var covered: Int { rules.reduce(0) { $0 + $1.covered } }
    /// 100 × covered ÷ items; 100 when there is nothing to cover.
    public var percent: Double { items == 0 ? 100 : 100 * Double(covered) / Double(items) }
    public var untested: [String] { rules.filter { !$0.tested }.map(\.rule) }
    /// Whether the run is under the threshold (compared on the exact ratio, not the rounded figure).
    public var belowMinimum: Bool { minimum.map { percent < $0 } ?? false }

    /// Covered and total items of one group (`outcome`, `params`, `version`).
    public func count(_ group: String) -> (covered: Int, total: Int) {
        let all = rules.flatMap(\.items).filter { $0.group == group }
        return (all.filter(\.covered).count, all.count)
    }
}

extension RuleTests {
    /// The coverage of `rules` by a run's results (see `RuleCoverage` for what is counted).
    public static func coverage(of rules: RuleSet, by results: [RuleTestResult], minimum: Double? = nil) -> CoverageReport {
        // rule id → what the passed tests reach: (test name, outcome, overridden, as of).
        var reached: [String: [(test: String, outcome: Outcome, overridden: Bool, judged: ClosedRange<CivilDate>?)]] = [:]
        var named = Set<String>()
        for r in results {
            for e in r.test.expectations {
                named.insert(e.rule)
                guard r.passed else { continue }
                reached[e.rule, default: []].append((r.test.name, e.outcome, r.overridden.contains(e.rule), r.judged))
            }
        }
        func names(_ hits: [(test: String, outcome: Outcome, overridden: Bool, judged: ClosedRange<CivilDate>?)]) -> [String] {
            var seen = Set<String>()
            return hits.map(\.test).filter { seen.insert($0).inserted }
        }
        let coverage = rules.rules.map { rule -> RuleCoverage in
            let hits = reached[rule.id] ?? []
            var items = Outcome.allCases.map { o in
                RuleCoverage.Item(group: "outcome", name: o.rawValue, tests: names(hits.filter { $0.outcome == o }))
            }
            for path in RuleCoverage.paramPaths(rule) {
                let over = path == "overridden"
                items.append(.init(group: "params", name: path, tests: names(hits.filter { $0.overridden == over })))
            }
            for v in RuleCoverage.versions(rule) {
                let inForce = hits.filter { h in
                    guard let days = h.judged else { return false }
                    return (v.from.map { $0 <= days.upperBound } ?? true) && (v.until.map { days.lowerBound <= $0 } ?? true)
                }
                items.append(.init(group: "version", name: v.name, tests: names(inForce)))
            }
            return RuleCoverage(rule: rule.id, pack: rule.pack, items: items, tested: named.contains(rule.id))
        }
        let failed = results.filter { !$0.passed }.count
        return CoverageReport(rules: coverage, testsPassed: results.count - failed, testsFailed: failed, minimum: minimum)
    }
}
