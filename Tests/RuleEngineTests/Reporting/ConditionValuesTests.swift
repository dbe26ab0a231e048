import Testing
@testable import RuleEngine

@Suite struct ConditionValuesTests {
    @Test(arguments: [
        ("age_at(contributor.birth_date, as_of) >= params.min_age", ["age_at(contributor.birth_date, as_of)", "params.min_age"]),
        ("contributor.role == \"a >= b\"", ["contributor.role", "\"a >= b\""]),
        ("size(x.items) < 3", ["size(x.items)", "3"]),
        ("a.b > 1 && c.d < 2", ["a.b", "c.d"]),
        ("contributor.role in [\"driver\", \"x.y\"]", ["contributor.role"]),
        ("contributor.email.matches('^[a-z]+@') || unit.kind != 'line'", ["contributor.email", "unit.kind"]),
        ("true", []),
    ])
    func operandsAreTheSidesOfATopComparisonElseTheFieldsRead(_ source: String, _ expected: [String]) {
        #expect(ConditionValues.operands(of: source) == expected)
    }

    @Test func frenchLabels() throws {
        let (result, _) = try Fixture.check(lang: "fr")
        let lines = ConditionValues.explain(result, labels: .fr).values.flatMap { $0 }
        #expect(lines.contains("condition: age_at(contributor.birth_date, as_of) >= params.min_age"))
        #expect(lines.contains("valeurs: age_at(contributor.birth_date, as_of) = (manquant) · params.min_age = 18"))
    }

    @Test func redactionReachesTheValues() throws {
        let (result, input) = try Fixture.check(lang: "en", explain: true)
        var withName = input
        withName.explanations = ["x": ["values: contributor.name = Jean Dupont"]]
        #expect(Redactor(result.data).redact(withName).explanations["x"] == ["values: contributor.name = contributor:d-02"])
    }
}
