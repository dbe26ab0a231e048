import Testing
@testable import RuleEngine

/// Message templates: placeholders that name a variable or its field are read straight from
/// the activation (`CompiledExpression.quickValue`), with the same text as a full evaluation.
@Suite struct MessageTemplateTests {
    struct Record: ObjectValue {
        var typeName: String { "thing" }
        func field(_ name: String) -> FieldLookup {
            switch name {
            case "id": .value(.string("T-1"))
            case "gone": .missing
            default: .noSuchField
            }
        }
    }

    static let environment = ExpressionEnvironment(
        variables: ["thing": .object("thing"), "n": .int, "m": .map(.string, .dyn), "s": .string],
        objects: ["thing": ObjectSchema(fields: ["id": .string, "gone": .string])])

    static func template(_ text: String) throws -> MessageTemplate {
        let node = try #require(try YAMLLoader.load(bytes: Array("\"\(text)\"".utf8), file: "t.yaml").documents.first)
        return try MessageTemplate.compile(LocalizedText(text), node: node, in: environment)
    }

    static func activation(_ bindings: [String: Value]) -> Activation {
        Activation(environment, bindings)
    }

    @Test func variablesAndFieldsReadDirectlyGiveTheEvaluatedText() throws {
        let t = try Self.template("{{thing.id}} has {{n}} ({{s}}), {{m.k}}, {{n + 1}}")
        let a = Self.activation(["thing": .object(Record()), "n": .int(3), "s": .string("x"),
                                 "m": .map([MapEntry(key: .string("k"), value: .string("v"))])])
        #expect(t.render(a, lang: nil) == "T-1 has 3 (x), v, 4")
    }

    @Test func whatCannotBeReadShowsAsAQuestionMark() throws {
        let t = try Self.template("[{{thing.gone}}] [{{n}}] [{{thing.id}}]")
        // `n` unset: missing; `thing.gone` missing in the record.
        #expect(t.render(Self.activation(["thing": .object(Record())]), lang: nil) == "[?] [?] [T-1]")
        // `thing` unset: its field cannot be read either.
        #expect(t.render(Self.activation(["n": .int(1)]), lang: nil) == "[?] [1] [?]")
    }

    @Test func quickValueReadsOnlyVariablesAndTheirFields() throws {
        let a = Self.activation(["thing": .object(Record()), "n": .int(3)])
        func compiled(_ source: String) throws -> CompiledExpression {
            try Self.environment.compile(source, at: .start(of: "t"))
        }
        #expect(try compiled("n").quickValue(a)?.celEquals(.int(3)) == true)
        #expect(try compiled("thing.id").quickValue(a)?.celEquals(.string("T-1")) == true)
        #expect(try compiled("thing.gone").quickValue(a) == nil)
        #expect(try compiled("s").quickValue(a) == nil)
        #expect(try compiled("n + 1").quickValue(a) == nil)
    }
}
