import Testing
@testable import RuleEngine

@Suite struct BoundsTests {
    @Test func nestingBeyondTheDepthLimitIsALocatedErrorNotACrash() {
        let deep = String(repeating: "(", count: 150) + "1" + String(repeating: ")", count: 150)
        let message = Fixtures.diagnostic(deep)
        #expect(message?.hasPrefix("rules.yaml:12:") == true)
        #expect(message?.contains("nests more than 100 levels deep") == true)
    }

    @Test func longOperatorChainsAreBoundedToo() {
        let chain = Array(repeating: "1", count: 500).joined(separator: " + ")
        #expect(Fixtures.diagnostic(chain)?.contains("nests more than 100 levels deep") == true)
        let deepList = String(repeating: "[", count: 5000)
        #expect(Fixtures.diagnostic(deepList)?.contains("nests more than 100 levels deep") == true)
    }

    @Test func sourceLongerThanTheLimitIsRefused() {
        var env = Fixtures.environment
        env.limits.maxSourceLength = 100
        let long = "'" + String(repeating: "x", count: 200) + "'"
        #expect(Fixtures.diagnostic(long, in: env) == "rules.yaml:12:14: error: expression is 202 characters long; the limit is 100")
    }

    @Test func evaluationStopsAtTheCostLimit() throws {
        let thousand = "[" + (0..<1000).map(String.init).joined(separator: ",") + "]"
        let outcome = try Fixtures.run("\(thousand).all(x, \(thousand).all(y, x + y >= 0))")
        guard case .error(let message) = outcome else {
            Issue.record("expected the cost limit, got \(outcome)")
            return
        }
        #expect(message == "evaluation cost limit exceeded")
    }

    @Test func costLimitIsNotAbsorbedByOr() throws {
        var env = Fixtures.environment
        env.limits.maxCost = 50
        let compiled = try env.compile("[1,2,3,4,5,6,7,8,9,10].map(x, x * 2).all(x, x > 0) || true", at: Fixtures.origin)
        guard case .error(let message) = compiled.evaluate(Activation(env)) else {
            Issue.record("expected the cost limit")
            return
        }
        #expect(message == "evaluation cost limit exceeded")
    }

    @Test func stringGrowthIsBounded() throws {
        var env = Fixtures.environment
        env.limits.maxStringLength = 1000
        let compiled = try env.compile("['a','b','c','d','e','f','g','h','i','j'].map(x, 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx').join('yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy')", at: Fixtures.origin)
        guard case .error(let message) = compiled.evaluate(Activation(env)) else {
            Issue.record("expected the length limit")
            return
        }
        #expect(message == "string longer than 1000 bytes")
    }
}

@Suite struct ArithmeticTests {
    @Test func integerOverflowIsAnError() throws {
        try expectError("9223372036854775807 + 1", containing: "overflow")
        try expectError("-9223372036854775808 / -1", containing: "overflow")
        try expectError("-9223372036854775808 % -1", containing: "overflow")
        try expectError("0u - 1u", containing: "overflow")
        try expectError("-(-9223372036854775808)", containing: "overflow")
    }

    @Test func divisionByZeroIsAnError() throws {
        try expectError("contributor.hours_per_week / 0", containing: "division by zero")
        try expectError("contributor.hours_per_week % 0", containing: "modulus by zero")
        try expectValue("1.0 / 0.0", .double(.infinity))
    }

    @Test func badConversionsAreErrors() throws {
        try expectError("int('12x')", containing: "cannot convert")
        try expectError("int(1e99)", containing: "range")
        try expectError("duration(contributor.name)", containing: "cannot parse duration")
    }

    @Test func mixedIntAndDoubleArithmeticIsALoadError() {
        #expect(Fixtures.diagnostic("contributor.hours_per_week * 1.5")
            == "rules.yaml:12:41: error: cannot apply '*' to int and double")
    }
}

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
        #expect(Fixtures.diagnostic("contributor.name.matches('(a)\\\\1')")
            == "rules.yaml:12:39: error: invalid regular expression: backreferences like '\\1' are not supported (RE2 syntax)")
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

extension EvalOutcome {
    var boolValue: Bool? {
        if case .value(.bool(let b)) = self { return b }
        return nil
    }
}
