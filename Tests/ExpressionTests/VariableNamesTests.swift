import Testing
@testable import RuleEngine

/// `CompiledExpression.variableNames`: the variables an expression reads, which kinds use to
/// tell that a verdict is the same for every record (a filter reading no `params`, a
/// `require` reading no `assignment`).
@Suite struct VariableNamesTests {
    static let environment = ExpressionEnvironment(
        variables: [
            "contributor": .object("contributor"),
            "today": .date,
            "now": .timestamp,
            "params": .map(.string, .dyn),
            "names": .list(.string),
            "limits": .map(.string, .int),
            "flag": .bool,
        ],
        objects: ["contributor": Fixtures.contributorSchema]
    )

    static func names(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Set<String> {
        try environment.compile(source, at: Fixtures.origin).variableNames
    }

    @Test(arguments: [
        ("true", []),
        ("1 + 2 == 3 && 'a' < 'b'", []),
        ("contributor.name == 'x'", ["contributor"]),
        ("contributor.skills[0] == 'driver'", ["contributor"]),
        ("limits['max'] > contributor.hours_per_week", ["limits", "contributor"]),
        ("!flag", ["flag"]),
        ("-contributor.hours_per_week < 0", ["contributor"]),
        ("flag || string(today) < string(now)", ["flag", "today", "now"]),
        ("size(names) > 2", ["names"]),
        ("contributor.name.startsWith(names[0])", ["contributor", "names"]),
        ("contributor.name.matches('^C')", ["contributor"]),
        ("flag ? contributor.id : string(today)", ["flag", "contributor", "today"]),
        ("[contributor.id, 'x', string(now)] == names", ["contributor", "now", "names"]),
        ("{'a': today, contributor.id: now}.size() == 2", ["today", "contributor", "now"]),
        ("{'k': 1}[contributor.id] == 1", ["contributor"]),
        ("has(contributor.phone)", ["contributor"]),
        ("has(params.max_hours) && params.max_hours > 1", ["params"]),
        ("contributor.id in names", ["contributor", "names"]),
    ] as [(String, Set<String>)])
    func theVariablesReadAreNamed(_ source: String, _ expected: Set<String>) throws {
        #expect(try Self.names(source) == expected, "\(source)")
    }

    @Test(arguments: [
        // The iteration variable is the comprehension's own local, not a variable.
        ("names.exists(n, n == 'a')", ["names"]),
        ("names.all(n, n != contributor.id)", ["names", "contributor"]),
        ("[1, 2, 3].exists(x, x > contributor.hours_per_week)", ["contributor"]),
        ("[1, 2].filter(x, x > 1).size() == 1", []),
        ("names.map(n, n + string(today)).size() > 0", ["names", "today"]),
        ("[1, 2].exists_one(x, flag)", ["flag"]),
        ("names.filter(n, n.size() > params.min).exists(m, m == contributor.id)", ["names", "params", "contributor"]),
        // An iteration variable named like a variable hides it inside the comprehension.
        ("[1, 2].exists(today, today > 1)", []),
        ("[1, 2].exists(today, today > 1) && string(today) < string(now)", ["today", "now"]),
    ] as [(String, Set<String>)])
    func comprehensionsNameTheirRangeFilterAndBodyButNotTheirOwnVariable(_ source: String, _ expected: Set<String>) throws {
        #expect(try Self.names(source) == expected, "\(source)")
    }

    @Test func paramsAnywhereInAFilterIsSeen() throws {
        // What a coverage rule's `where` must not share across rules when it reads `params`.
        #expect(try Self.names("contributor.id != 'x' || (flag && [1].exists(v, v == params.n))").contains("params"))
        #expect(try !Self.names("contributor.id != 'x' || (flag && [1].exists(v, v == 1))").contains("params"))
    }
}
