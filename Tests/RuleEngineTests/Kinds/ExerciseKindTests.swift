import Testing
@testable import RuleEngine

/// An exercise, not shipped: a kind written from the checklist of docs/architecture.md alone,
/// to show that a kind needs its own file and nothing else by hand. Each contributor serves at
/// least `min_assignments` assignments that `where` counts (duty and on call; declared
/// availability is no service).
///
/// ```yaml
/// kind: exercise_quota
/// where: assignment.kind == 'garde'
/// min_assignments: 2
/// ```
struct ExerciseQuotaRule: RuleKind {
    static let identifier = "exercise_quota"
    static let summary = "Each contributor serves at least a number of counted assignments."
    static let properties: [SchemaProperty] = [
        RuleFileSchema.filter(over: "assignments"),
        SchemaProperty("min_assignments", RuleFileSchema.integer, required: true, "The fewest assignments each contributor serves."),
    ]

    let environment: ExpressionEnvironment
    let filter: CompiledExpression?
    let minimum: RuleNumber

    static func parse(_ r: inout MappingReader, context: RuleContext) -> ExerciseQuotaRule? {
        let environment = KindKeys.assignmentEnvironment(context, measures: [:])
        let filter = r.optional("where").flatMap { RuleExpressions.boolean($0, "where", environment, &r) }
        let minimum = RuleNumber.read(&r, "min_assignments", context: context, integer: true, minimum: 0, required: true)
        guard let minimum, r.diagnostics.isEmpty else { return nil }
        return ExerciseQuotaRule(environment: environment, filter: filter, minimum: minimum)
    }

    /// Contributors, cut into ranges by the engine.
    func workload(_ context: EvaluationContext) -> Int { context.data.contributors.count }

    func evaluate(_ context: EvaluationContext, part: RulePart, into sink: inout ResultSink) {
        let least: Double
        switch minimum.value(in: context) {
        case .failure(let failure):
            // The rule's one result, given once whatever the parts.
            if part.index == 0 { sink.add(.failure(failure, context)) }
            return
        case .success(let value): least = value
        }
        let people = context.data.contributors
        let mine = part.range(in: people.count)
        var counted = [Int](repeating: 0, count: people.count)
        var doubt: [Int: [String]] = [:]
        var binder = AssignmentBinder(environment, context)
        for a in context.data.assignments where mine.contains(a.contributorIndex) && a.engagement != .availability {
            if let filter {
                binder.bind(a, contributor: people[a.contributorIndex])
                switch Verdict(filter.evaluate(binder.activation)) {
                case .yes: break
                case .no: continue
                case .unknown(let missing): doubt[a.contributorIndex, default: []] += missing; continue
                case .error(let message): doubt[a.contributorIndex, default: []] += ["where on assignment \(a.id) (\(message))"]; continue
                }
            }
            counted[a.contributorIndex] += 1
        }
        for c in mine {
            let person = people[c], n = counted[c]
            if Double(n) >= least {
                sink.pass(person.subject)
            } else if let missing = doubt[c] {
                sink.add(RuleResult(.indeterminate, subject: person.subject,
                                    message: "cannot decide whether \(person.id) serves \(numberText(least)) assignments: missing \(missing.joined(separator: ", "))",
                                    location: person.location, path: person.path, missing: missing))
            } else {
                sink.add(RuleResult(.fail, subject: person.subject, message: "\(person.id) serves \(n) assignments, fewer than \(numberText(least))",
                                    location: person.location, path: person.path, measured: "\(n)", expected: "at least \(numberText(least))"))
            }
        }
    }
}

@Suite struct ExerciseKindTests {
    static let rule = """
        rules:
          - id: Q-1
            principle: continuity
            severity: error
            title: two guards each
            params: {least: 2}
            kind: exercise_quota
            where: assignment.kind == 'garde'
            min_assignments: params.least

        """

    /// Loads `Q-1` as the loader would: the common keys by the loader (through a registered
    /// kind whose keys it shares), the kind's own keys by the exercise kind's `parse`.
    static func load(_ text: String = rule) throws -> Rule {
        let node = try #require(try YAMLLoader.load(bytes: Array(text.utf8), file: "rules.yaml").documents.first?["rules"]?.items?.first)
        let stand = text.replacingOccurrences(of: "kind: exercise_quota", with: "kind: limit")
            .replacingOccurrences(of: "min_assignments: params.least", with: "max_hours: 1")
        var rule = try #require(try RuleLoader.load(sources: [("rules.yaml", Array(stand.utf8))]).rules.first)
        var reader = MappingReader(node, what: "rule 'Q-1'")
        reader.allow(RuleFileSchema.common.keys)
        let context = RuleContext(ruleID: rule.id, params: rule.params, serviceKinds: [])
        rule.check = try #require(ExerciseQuotaRule.parse(&reader, context: context), "\(reader.diagnostics)")
        #expect(reader.diagnostics.isEmpty)
        return rule
    }

    static func data() throws -> ServiceData {
        try KindTest.data(plan: CoverageTests.plan(ConcentrationTests.allDay), files: [
            "contributors.csv": CoverageTests.fiveMembers,
            "assignments.csv": KindTest.assignments([
                "a1,A,u1,,2026-03-02T08:00,2026-03-02T12:00,garde",
                "a2,A,u1,,2026-03-02T12:00,2026-03-02T16:00,garde",
                "a3,B,u1,,2026-03-02T08:00,2026-03-02T12:00,garde",
                "a4,B,u1,,2026-03-02T12:00,2026-03-02T16:00,formation",
                "a5,C,u1,,2026-03-02T08:00,2026-03-02T12:00,garde",
            ]),
        ])
    }

    @Test func theKindMeasuresThroughTheEngine() throws {
        let rule = try Self.load()
        let data = try Self.data()
        let report = Engine.run([rule], on: EvaluationContext(data: data, asOf: data.plan.period.start), keepResults: true)
        #expect(report.findings.map(\.message) == ["B serves 1 assignments, fewer than 2", "C serves 1 assignments, fewer than 2",
                                                    "D serves 0 assignments, fewer than 2", "E serves 0 assignments, fewer than 2"])
        #expect(report.results.filter { $0.outcome == .pass }.map(\.subject) == ["contributor:A"])
    }

    @Test func itsPartsAddUpToTheWholeRule() throws {
        let rule = try Self.load()
        let data = try Self.data()
        let context = EvaluationContext(data: data, asOf: data.plan.period.start, params: ["least": .int(2)])
        let whole = rule.check.evaluate(context)
        #expect(whole.count == data.contributors.count)
        for count in 2...4 {
            var sink = ResultSink(keepPasses: true)
            for i in 0..<count { rule.check.evaluate(context, part: RulePart(i, of: count), into: &sink) }
            #expect(sink.results == whole, "\(count) parts")
        }
    }

    @Test func itsKeysAreInTheSchemaAndItsErrorsAreLocated() throws {
        #expect(ExerciseQuotaRule.keys == ["where", "min_assignments"])
        #expect(RuleFileSchema.properties(of: ExerciseQuotaRule.self).first { $0.name == "min_assignments" }?.required == true)
        let bad = Self.rule.replacingOccurrences(of: "min_assignments: params.least", with: "min_assignments: 1.5")
        let node = try #require(try YAMLLoader.load(bytes: Array(bad.utf8), file: "rules.yaml").documents.first?["rules"]?.items?.first)
        var reader = MappingReader(node, what: "rule 'Q-1'")
        reader.allow(RuleFileSchema.common.keys)
        #expect(ExerciseQuotaRule.parse(&reader, context: RuleContext(ruleID: "Q-1", params: [], serviceKinds: [])) == nil)
        #expect(reader.diagnostics.map(\.description) == ["rules.yaml:9:22: error: 'min_assignments' must be a whole number, found 1.5"])
    }
}
