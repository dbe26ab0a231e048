import Testing
@testable import RuleEngine

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

@Suite struct MissingDataTests {
    @Test func missingFieldMakesTheOutcomeIndeterminateNamingThePath() throws {
        guard case .indeterminate(let missing) = try Fixtures.run("contributor.phone.startsWith('+33')") else {
            Issue.record("expected indeterminate")
            return
        }
        #expect(missing == ["contributor.phone"])
    }

    @Test func hasIsFalseNotIndeterminateForAMissingField() throws {
        try expectValue("has(contributor.phone)", .bool(false))
        try expectValue("has(contributor.name)", .bool(true))
        try expectValue("!has(contributor.phone) || contributor.phone.startsWith('+33')", .bool(true))
    }

    @Test func andOrAbsorbMissingDataLikeErrors() throws {
        try expectValue("false && contributor.phone == ''", .bool(false))
        try expectValue("contributor.phone == '' || true", .bool(true))
        guard case .indeterminate(let missing) = try Fixtures.run("contributor.phone == '' || 1 / 0 == 1") else {
            Issue.record("expected indeterminate: missing data wins over an error")
            return
        }
        #expect(missing == ["contributor.phone"])
    }

    @Test func absentKeyOfADynamicDataMapIsMissingData() throws {
        guard case .indeterminate(let missing) = try Fixtures.run("contributor.hours_per_week <= params.max_weekly") else {
            Issue.record("expected indeterminate")
            return
        }
        #expect(missing == ["params.max_weekly"])
        guard case .indeterminate(let indexed) = try Fixtures.run("params['max_weekly'] > 1") else {
            Issue.record("expected indeterminate")
            return
        }
        #expect(indexed == ["params.max_weekly"])
    }

    @Test func absentKeyOfALiteralMapIsAnError() throws {
        try expectError("{'a': 1}.b == 1", containing: "no such key")
    }

    @Test func unsetVariableIsMissing() throws {
        let compiled = try Fixtures.environment.compile("today > date('2026-01-01')", at: Fixtures.origin)
        guard case .indeterminate(let missing) = compiled.evaluate(Activation(Fixtures.environment)) else {
            Issue.record("expected indeterminate")
            return
        }
        #expect(missing == ["today"])
    }

    @Test func allReportsMissingDataWhenNoElementDecidesFalse() throws {
        let env = ExpressionEnvironment(variables: ["people": .list(.object("contributor"))], objects: ["contributor": Fixtures.contributorSchema])
        let compiled = try env.compile("people.all(p, p.phone != '')", at: Fixtures.origin)
        let people = Value.list([.object(Fixtures.contributor)])
        guard case .indeterminate(let missing) = compiled.evaluate(Activation(env, ["people": people])) else {
            Issue.record("expected indeterminate")
            return
        }
        #expect(missing == ["p.phone"])
    }

    @Test func activationSlotsMatchTheEnvironment() throws {
        let env = Fixtures.environment
        let slot = try #require(env.slot(of: "today"))
        var activation = Activation(env)
        activation[slot: slot] = .date(CivilDate(year: 2026, month: 1, day: 1))
        #expect(activation["today"]?.display == "2026-01-01")
    }
}
