import Testing
@testable import RuleEngine

@Suite struct RegexTests {
    @Test func nestedQuantifiersDoNotBacktrackCatastrophically() throws {
        let env = ExpressionEnvironment(variables: ["s": .string])
        let a = String(repeating: "a", count: 10_000)
        let compiled = try env.compile("s.matches('(a+)+$')", at: Fixtures.origin)
        #expect(compiled.evaluate(Activation(env, ["s": .string(a)])).boolValue == true)
        let failing = try env.compile("s.matches('^(a+)+b$')", at: Fixtures.origin)
        #expect(failing.evaluate(Activation(env, ["s": .string(a + "c")])).boolValue == false)
        let exponential = try env.compile("s.matches('^(a|a)*(a|aa)*x$')", at: Fixtures.origin)
        #expect(exponential.evaluate(Activation(env, ["s": .string(a)])).boolValue == false)
    }

    @Test(arguments: [
        ("'SPV-0042'.matches('^SPV-[0-9]{4}$')", true),
        ("'spv-0042'.matches('(?i)^SPV-\\\\d+$')", true),
        ("'SPV-42'.matches('^SPV-\\\\d{4}$')", false),
        ("'a.b'.matches('^a\\\\.b$')", true),
        ("'axb'.matches('^a\\\\.b$')", false),
        ("'hello world'.matches('\\\\bworld\\\\b')", true),
        ("'x'.matches('[^abc]')", true),
        ("'b'.matches('^[^abc]$')", false),
        ("'éte'.matches('^.{3}$')", true),
        ("'06 12 34 56 78'.matches('^0[1-9]( ?[0-9]{2}){4}$')", true),
        ("'abcabc'.matches('^(?:abc){2}$')", true),
        ("'tab\\there'.matches('\\\\s')", true),
    ])
    func supportedSyntaxMatchesAsRE2Does(source: String, expected: Bool) throws {
        try expectValue(source, .bool(expected))
    }

    @Test func unsupportedConstructInALiteralPatternIsALoadError() {
        // With escapes in the literal, the error points at the literal.
        #expect(Fixtures.diagnostic("contributor.name.matches('(a)\\\\1')")
            == "rules.yaml:12:39: error: invalid regular expression: backreferences like '\\1' are not supported (RE2 syntax)")
        // In a raw literal, at the construct itself.
        #expect(Fixtures.diagnostic("contributor.name.matches(r'^(a)\\1$')")
            == "rules.yaml:12:45: error: invalid regular expression: backreferences like '\\1' are not supported (RE2 syntax)")
        #expect(Fixtures.diagnostic("contributor.name.matches('a(?=b)')")?.contains("lookaround") == true)
        #expect(Fixtures.diagnostic("contributor.name.matches('a{2000}')")?.contains("repetition count above 1000") == true)
    }

    @Test func badPatternFromDataIsARunTimeError() throws {
        let env = ExpressionEnvironment(variables: ["p": .string])
        let compiled = try env.compile("'abc'.matches(p)", at: Fixtures.origin)
        guard case .error(let message) = compiled.evaluate(Activation(env, ["p": .string("(unclosed")])) else {
            Issue.record("expected an error")
            return
        }
        #expect(message == "invalid regular expression: missing ')'")
    }
}
