import Testing
@testable import RuleEngine

/// A record for tests: fields of the schema with a value, or nil for "no data".
struct TestRecord: ObjectValue {
    var typeName: String
    var fields: [String: Value?]

    func field(_ name: String) -> FieldLookup {
        guard let entry = fields[name] else { return .noSuchField }
        guard let value = entry else { return .missing }
        return .value(value)
    }
}

/// The environment the documentation's examples and most tests run in.
enum Fixtures {
    static let origin = Location(file: "rules.yaml", line: 12, column: 14)

    static let contributorSchema = ObjectSchema(fields: [
        "id": .string, "name": .string, "birth_date": .date, "phone": .string,
        "skills": .list(.string), "hours_per_week": .int,
    ])

    static let environment = ExpressionEnvironment(
        variables: [
            "contributor": .object("contributor"),
            "today": .date,
            "now": .timestamp,
            "params": .map(.string, .dyn),
        ],
        objects: ["contributor": contributorSchema]
    )

    static let contributor = TestRecord(typeName: "contributor", fields: [
        "id": .string("SPV-0042"),
        "name": .string("Camille Martin"),
        "birth_date": .date(CivilDate(year: 2008, month: 4, day: 15)),
        "phone": nil,
        "skills": .list([.string("driver"), .string("first-aid")]),
        "hours_per_week": .int(35),
    ])

    static var activation: Activation {
        var a = Activation(environment)
        a["contributor"] = .object(contributor)
        a["today"] = .date(CivilDate(year: 2026, month: 3, day: 31))
        a["now"] = .timestamp(Instant(rfc3339: "2026-03-31T08:00:00Z")!)
        a["params"] = .map([
            MapEntry(key: .string("max_hours"), value: .int(48)),
            MapEntry(key: .string("min_age"), value: .int(18)),
        ])
        return a
    }

    /// Compiles in the fixture environment and evaluates on the fixture activation.
    static func run(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> EvalOutcome {
        let compiled = try environment.compile(source, at: origin)
        return compiled.evaluate(activation)
    }

    /// The value an expression yields, failing the test on errors.
    static func value(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Value {
        let outcome = try run(source, sourceLocation: sourceLocation)
        guard case .value(let v) = outcome else {
            Issue.record("\(source) gave \(outcome)", sourceLocation: sourceLocation)
            return .null
        }
        return v
    }

    /// The first diagnostic that compiling `source` throws, rendered.
    static func diagnostic(_ source: String, in env: ExpressionEnvironment = environment, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        do {
            _ = try env.compile(source, at: origin)
            return nil
        } catch {
            return error.diagnostics.first?.headline
        }
    }
}

extension Value {
    /// Equality for assertions: same type and equal (NaN equal to NaN).
    func isSame(as other: Value) -> Bool {
        CELConformanceTests.strictlyEqual(self, other)
    }
}

func expectValue(_ source: String, _ expected: Value, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let v = try Fixtures.value(source, sourceLocation: sourceLocation)
    #expect(v.isSame(as: expected), "\(source) gave \(v.display) (\(v.typeName)), expected \(expected.display)", sourceLocation: sourceLocation)
}

func expectError(_ source: String, containing text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let outcome = try Fixtures.run(source, sourceLocation: sourceLocation)
    guard case .error(let message) = outcome else {
        Issue.record("\(source) gave \(outcome), expected an error", sourceLocation: sourceLocation)
        return
    }
    #expect(message.contains(text), "\(source): error '\(message)' does not mention '\(text)'", sourceLocation: sourceLocation)
}

extension EvalOutcome {
    var boolValue: Bool? {
        if case .value(.bool(let b)) = self { return b }
        return nil
    }
}
