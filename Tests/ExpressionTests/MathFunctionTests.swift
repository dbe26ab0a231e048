import Testing
@testable import RuleEngine

/// `ceil`, `floor`, `max` and `min`: what staffing ratios need ("never fewer than 2 adults,
/// one per 5 non-walking children, fractions rounded up").
@Suite struct MathFunctionTests {
    @Test func ceilAndFloorRoundADoubleToAnInt() throws {
        try expectValue("ceil(1.2)", .int(2))
        try expectValue("ceil(2.0)", .int(2))
        try expectValue("ceil(-1.5)", .int(-1))
        try expectValue("floor(1.8)", .int(1))
        try expectValue("floor(-1.5)", .int(-2))
        try expectValue("ceil(7)", .int(7))
        try expectValue("floor(-7)", .int(-7))
    }

    @Test func ceilOfAFractionOfChildrenGivesWholeAdults() throws {
        // 7 non-walking children at 1 adult per 5, 4 walking at 1 per 8: 1.4 + 0.5 = 1.9 → 2.
        try expectValue("ceil(7.0 / 5.0 + 4.0 / 8.0)", .int(2))
        // 5 and 8: exactly 2, not rounded up to 3.
        try expectValue("ceil(5.0 / 5.0 + 8.0 / 8.0)", .int(2))
        try expectValue("max(2, ceil(double(contributor.hours_per_week) / 5.0))", .int(7))
        try expectValue("max(2, ceil(1.0 / 5.0))", .int(2))
    }

    @Test func maxAndMinPickOneOfTwoValuesOfTheSameType() throws {
        try expectValue("max(2, 3)", .int(3))
        try expectValue("min(2, 3)", .int(2))
        try expectValue("max(-2, -3)", .int(-2))
        try expectValue("max(2u, 3u)", .uint(3))
        try expectValue("min(2.5, 1.5)", .double(1.5))
        try expectValue("max(1.0, 0.0 / 0.0) != max(1.0, 0.0 / 0.0)", .bool(true))
    }

    @Test func aDoubleTooLargeForAnIntIsAnError() throws {
        try expectError("ceil(1e300)", containing: "does not fit an int")
        try expectError("floor(-1e19)", containing: "does not fit an int")
        try expectError("ceil(1.0 / 0.0)", containing: "does not fit an int")
    }

    @Test(arguments: [
        ("max(2, 3.0)", "no function max(int, double)"),
        ("ceil('a')", "no function ceil(string)"),
        ("min(1)", "no function min(int)"),
    ])
    func mixedOrWrongTypesAreRefusedWhenTheRuleLoads(source: String, message: String) throws {
        let error = #expect(throws: (any Error).self) { try Fixtures.environment.compile(source, at: Fixtures.origin) }
        let text = error.map { "\($0.diagnostics.map(\.message))" } ?? ""
        #expect(text.contains(message), "\(source): \(text)")
    }
}
