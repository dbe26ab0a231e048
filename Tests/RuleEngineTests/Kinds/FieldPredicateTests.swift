import Testing
@testable import RuleEngine

/// `FieldPredicate`, the shortcut a compiled expression takes for simple filters on records'
/// string fields: wherever it gives a verdict it is the evaluator's, and it gives one whenever
/// every field it reads is present; so an expression gives the same outcome with and without it.
@Suite struct FieldPredicateTests {
    static let params = [
        RuleParam(name: "grades", defaultValue: .list([.string("sergent"), .string("adjudant")]), description: nil, location: .start(of: "t")),
        RuleParam(name: "kind", defaultValue: .string("garde"), description: nil, location: .start(of: "t")),
        RuleParam(name: "limit", defaultValue: .int(3), description: nil, location: .start(of: "t")),
    ]
    static let environment = RuleEnvironment.make(params: params, extra: [
        "assignment": .object("assignment"), "contributor": .object("contributor"), "unit": .object("unit"),
    ])
    static let paramValues = Dictionary(uniqueKeysWithValues: params.map { ($0.name, $0.defaultValue) })

    /// Filters of the simple forms (a verdict is expected when the fields are present).
    static let simple = [
        "assignment.kind == 'garde'",
        "'garde' == assignment.kind",
        "assignment.kind != 'garde'",
        "assignment.kind in ['garde', 'astreinte']",
        "assignment.engine == 'VSAV' && assignment.kind in ['garde', 'astreinte']",
        "assignment.engine == 'VSAV' && assignment.kind in ['garde', 'astreinte'] && contributor.grade in params.grades",
        "assignment.position == 'conducteur' || contributor.role == 'spv'",
        "!(assignment.kind == params.kind)",
        "contributor.status == 'volunteer' && !(assignment.source in ['import', 'manual'])",
        "assignment.unit == 'u1' || assignment.contributor == 'B' || assignment.id == 'a3'",
    ]
    /// Filters it must leave to the evaluator.
    static let other = [
        "has(assignment.engine)",
        "assignment.duration > duration('8h')",
        "size(contributor.units) > 0",
        "assignment.kind in params.grades || params.limit > 2",
        "unit.kind == 'station'",
        "contributor.grade in [params.kind, 'sergent']",
        "assignment.kind == string(params.limit)",
        "(assignment.kind == 'garde') == true",
    ]

    static func contributor(_ id: String, role: String, grade: String?, status: String?) -> Contributor {
        let c = Contributor(id: id, role: role, location: .start(of: "c.csv"))
        c.grade = grade
        c.status = status
        return c
    }

    static func assignment(_ id: String, _ who: String, kind: String, engine: String?, position: String?, source: String?) -> Assignment {
        Assignment(id: id, contributor: who, unit: "u1", position: position, start: 0, end: 3600, kind: kind, engine: engine,
                   countsInRatio: nil, requestedByAdministration: nil, source: source, extra: [:],
                   location: .start(of: "a.csv"), contributorIndex: 0, unitIndex: 0)
    }

    static let people = [
        contributor("A", role: "spv", grade: "sergent", status: "volunteer"),
        contributor("B", role: "spp", grade: nil, status: "volunteer"),
        contributor("C", role: "spv", grade: "caporal", status: nil),
    ]
    static let assignments = [
        assignment("a1", "A", kind: "garde", engine: "VSAV", position: "conducteur", source: "import"),
        assignment("a2", "B", kind: "astreinte", engine: nil, position: nil, source: nil),
        assignment("a3", "C", kind: "formation", engine: "FPT", position: "chef", source: "manual"),
        assignment("a4", "A", kind: "garde", engine: "VSAV", position: nil, source: "csv"),
        assignment("a5", "Ça", kind: "gardé", engine: "VSAV", position: "conducteur", source: nil),
    ]

    static func activation(_ a: Assignment, _ c: Contributor?) -> Activation {
        var activation = Activation(environment)
        activation["params"] = .object(ParamsObject(values: paramValues))
        activation["assignment"] = .object(a)
        activation["contributor"] = c.map { .object($0) }
        return activation
    }

    /// An outcome as comparable text.
    static func text(_ outcome: EvalOutcome) -> String {
        switch outcome {
        case .value(let v): "value \(v.displayText)"
        case .error(let message): "error \(message)"
        case .indeterminate(let missing): "missing \(missing)"
        }
    }

    @Test(arguments: simple)
    func aVerdictIsTheEvaluatorsAndIsGivenWhenFieldsArePresent(_ source: String) throws {
        let expression = try Self.environment.compile(source, at: .start(of: "t"))
        let fast = try #require(expression.program.shortcut, "\(source) is a simple form")
        // The same decided on the records themselves, parameters put in (the selection layer's).
        let onRecords = try #require(expression.decision(params: Self.paramValues), "\(source) decided on records")
        var decided = 0
        for a in Self.assignments {
            for c in Self.people + [nil] {
                let activation = Self.activation(a, c)
                let outcome = expression.evaluateSlowly(activation)
                // The expression's own evaluation is the evaluator's, shortcut or not.
                #expect(Self.text(expression.evaluate(activation)) == Self.text(outcome), "\(source) on \(a.id)/\(c?.id ?? "nobody")")
                #expect(onRecords.decide(a, c) == fast.test(activation.values), "\(source) on records, \(a.id)/\(c?.id ?? "nobody")")
                if let verdict = fast.test(activation.values) {
                    decided += 1
                    guard case .value(.bool(let b)) = outcome else {
                        Issue.record("\(source) on \(a.id)/\(c?.id ?? "nobody"): fast \(verdict), evaluator \(outcome)")
                        continue
                    }
                    #expect(verdict == b, "\(source) on \(a.id)/\(c?.id ?? "nobody")")
                } else {
                    // Left to the evaluator only when some field it reads is absent.
                    if case .value(.bool) = outcome, c != nil, a.engine != nil, a.position != nil, a.source != nil,
                       c?.grade != nil, c?.status != nil {
                        Issue.record("\(source) on \(a.id)/\(c?.id ?? "nobody"): all fields present, no fast verdict")
                    }
                }
            }
        }
        #expect(decided > 0, "\(source) decided at least one record")
    }

    @Test(arguments: other)
    func otherFormsAreLeftToTheEvaluator(_ source: String) throws {
        let expression = try Self.environment.compile(source, at: .start(of: "t"))
        // A shortcut that never decides is allowed (a parameter of another type): none decides.
        for a in Self.assignments {
            for c in Self.people {
                #expect(expression.program.shortcut?.test(Self.activation(a, c).values) == nil, "\(source)")
            }
        }
    }

    /// A record that is not of the table's type (a candidate's hypothetical assignment) is left
    /// to the evaluator.
    @Test func aRecordOfAnotherTypeIsLeftToTheEvaluator() throws {
        let expression = try Self.environment.compile("assignment.unit == 'u1'", at: .start(of: "t"))
        var activation = Self.activation(Self.assignments[0], Self.people[0])
        activation["assignment"] = .object(CandidateAssignment(contributor: "A", unit: "u1", position: nil, start: 0, end: 60))
        #expect(expression.program.shortcut?.test(activation.values) == nil)
        #expect(Self.text(expression.evaluate(activation)) == "value true")
    }

    /// The string-field tables agree with the records' `field(_:)`.
    @Test func theStringFieldTablesReadWhatFieldReads() {
        func text(_ lookup: FieldLookup) -> String {
            switch lookup {
            case .value(let v): "value \(v.displayText)"
            case .missing: "missing"
            case .noSuchField: "no such field"
            }
        }
        func expected(_ s: String?) -> String { s.map { "value \(Value.string($0).displayText)" } ?? "missing" }
        #expect(Assignment.stringFields.count == 8 && Contributor.stringFields.count == 6)
        for a in Self.assignments {
            for (name, get) in Assignment.stringFields { #expect(text(a.field(name)) == expected(get(a)), "assignment.\(name)") }
        }
        for c in Self.people {
            for (name, get) in Contributor.stringFields { #expect(text(c.field(name)) == expected(get(c)), "contributor.\(name)") }
        }
    }

    /// Rule level: a simple `where` (decided on the fields) and the same condition in a form
    /// only the evaluator takes give the same results, for every kind with a `where` over
    /// assignments, on data where some assignments lack the field.
    @Test(arguments: ["coverage", "validity", "assert", "concentration", "limit", "resilience", "age", "average_hours", "disparity", "uniform"])
    func aRuleGivesTheSameResultsWithTheShortcutAsWithoutIt(_ kind: String) throws {
        let data = try DerivedTablesTests.data()
        func rule(_ condition: String) throws -> Rule {
            let body = switch kind {
            case "coverage": "kind: coverage\n    min: 1\n    where: \"\(condition)\""
            case "validity": "kind: validity\n    document: insurance\n    where: \"\(condition)\""
            case "concentration": "kind: concentration\n    max_share: 0.4\n    where: \"\(condition)\""
            case "limit": "kind: limit\n    max_hours: 10\n    window: 1d\n    where: \"\(condition)\""
            case "resilience": "kind: resilience\n    min: 1\n    where: \"\(condition)\""
            case "age": "kind: age\n    where: \"\(condition)\"\n    bands:\n      - {min: 18, max: 60}"
            case "average_hours": "kind: average_hours\n    where: \"\(condition)\"\n    max_average_hours: 2\n    reference_weeks: 1"
            case "uniform": "kind: uniform\n    for_each: assignments\n    value: kind\n    group: contributor\n    where: \"\(condition)\""
            case "disparity": "kind: disparity\n    group: units\n    measure: served_hours\n    max_ratio: 1.5\n    where: \"\(condition)\""
            default: "kind: assert\n    for_each: assignments\n    where: \"\(condition)\"\n    assert: assignment.duration <= duration('8h')\n    message: too long"
            }
            let text = "rules:\n  - id: R\n    principle: continuity\n    severity: error\n    title: t\n    \(body)\n"
            return try #require(try RuleLoader.load(sources: [("rules.yaml", Array(text.utf8))]).rules.first)
        }
        let context = EvaluationContext(data: data, asOf: data.plan.period.start)
        for condition in ["assignment.engine == '1'", "assignment.kind in ['garde'] && contributor.role == 'spv'",
                          "assignment.position != 'chef' || assignment.engine == '3'"] {
            let fast = try rule(condition), slow = try rule("(\(condition)) == true")
            #expect(Self.filter(of: fast)?.hasShortcut == true)
            #expect(Self.filter(of: slow)?.hasShortcut == false)
            let results = fast.check.evaluate(context)
            #expect(!results.isEmpty)
            #expect(results == slow.check.evaluate(context), "\(kind): \(condition)")
        }
    }

    /// The compiled `where` of a rule.
    static func filter(of rule: Rule) -> CompiledExpression? {
        switch rule.check {
        case let c as CoverageRule: c.spec.filter?.expression
        case let r as ResilienceRule: r.spec.filter?.expression
        case let c as ConcentrationRule: c.filter?.expression
        case let l as LimitRule: l.filter
        case let v as ValidityRule: v.filter
        case let a as AssertRule: a.filter
        case let a as AgeRule: a.filter
        case let h as AverageHoursRule: h.filter
        case let d as DisparityRule: d.filter
        case let u as UniformRule: u.filter
        default: nil
        }
    }

    @Test func aFieldOfNoTableHasNoShortcut() throws {
        #expect(try !Self.environment.compile("unit.kind == 'station'", at: .start(of: "t")).hasShortcut)
    }
}
