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
