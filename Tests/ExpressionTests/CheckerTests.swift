import Testing
@testable import RuleEngine

@Suite struct CheckerTests {
    @Test func unknownFieldIsLocatedAtTheFieldWithASuggestion() {
        #expect(Fixtures.diagnostic("contributor.birthdate < today")
            == "rules.yaml:12:26: error: contributor has no field 'birthdate'; did you mean 'birth_date'?")
    }

    @Test func unknownVariableSuggestsTheClosestName() {
        #expect(Fixtures.diagnostic("size(contributer.skills) > 0")
            == "rules.yaml:12:19: error: unknown variable 'contributer'; did you mean 'contributor'?")
    }

    @Test func unknownFunctionSuggestsTheClosestName() {
        #expect(Fixtures.diagnostic("contributor.name.startswith('C')")
            == "rules.yaml:12:31: error: unknown function 'startswith'; did you mean 'startsWith'?")
    }

    @Test func misspeltMacroSuggestsTheMacro() {
        #expect(Fixtures.diagnostic("contributor.skills.exist(s, s == 'driver')")
            == "rules.yaml:12:33: error: unknown function 'exist'; did you mean 'exists'?")
    }

    @Test func aMisspeltReceiverIsReportedWithAnUnknownFunction() throws {
        let error = #expect(throws: DiagnosticList.self) {
            _ = try Fixtures.environment.compile("contributr.name.startswith('C')", at: Fixtures.origin)
        }
        #expect(error?.diagnostics.map(\.message) == [
            "unknown variable 'contributr'; did you mean 'contributor'?",
            "unknown function 'startswith'; did you mean 'startsWith'?",
        ])
    }

    @Test func nothingCloseMeansNoSuggestion() {
        #expect(Fixtures.diagnostic("zzz_unrelated")
            == "rules.yaml:12:14: error: unknown variable 'zzz_unrelated'")
    }

    @Test func comparingAStringWithAnIntIsAnErrorAtTheOperator() {
        #expect(Fixtures.diagnostic("\"a\" < 1")
            == "rules.yaml:12:18: error: cannot compare string with int using '<'")
        #expect(Fixtures.diagnostic("contributor.birth_date < now")
            == "rules.yaml:12:37: error: cannot compare date with timestamp using '<'")
    }

    @Test func wrongArgumentTypesNameTheExpectedSignature() {
        #expect(Fixtures.diagnostic("contributor.name.contains(3)")
            == "rules.yaml:12:31: error: no function string.contains(int); expected string.contains(string)")
        #expect(Fixtures.diagnostic("age_at(contributor.birth_date)")
            == "rules.yaml:12:14: error: no function age_at(date); expected age_at(date, date)")
    }

    @Test func errorsOnLaterLinesCountColumnsFromThatLine() {
        let source = "contributor.hours_per_week > 0 &&\n  contributor.nme == 'x'"
        #expect(Fixtures.diagnostic(source) == "rules.yaml:13:15: error: contributor has no field 'nme'; did you mean 'name'?")
    }

    @Test func laterLinesOfABlockScalarStartAtItsIndentation() throws {
        let source = "contributor.hours_per_week > 0 &&\ncontributor.nme == 'x'"
        let error = #expect(throws: Diagnostic.self) {
            _ = try Fixtures.environment.compile(source, at: Location(file: "rules.yaml", line: 20, column: 7), continuationColumn: 7)
        }
        #expect(error?.headline == "rules.yaml:21:19: error: contributor has no field 'nme'; did you mean 'name'?")
    }

    @Test func everyErrorOfAnExpressionIsReported() throws {
        let error = #expect(throws: DiagnosticList.self) {
            _ = try Fixtures.environment.compile("contributor.nme == 1 || unknown_thing", at: Fixtures.origin)
        }
        #expect(error?.diagnostics.map(\.location.column) == [26, 38])
    }

    @Test func syntaxErrorsAreLocated() {
        #expect(Fixtures.diagnostic("contributor.name = 'x'")
            == "rules.yaml:12:31: error: '=' is not an operator; use '==' to compare")
        #expect(Fixtures.diagnostic("(1 + 2")
            == "rules.yaml:12:20: error: expected ')' but found end of expression")
        #expect(Fixtures.diagnostic("'unterminated")
            == "rules.yaml:12:14: error: unterminated string literal")
    }

    @Test func extraFieldsTakeTheDeclaredType() throws {
        let env = ExpressionEnvironment(variables: ["unit": .object("unit")],
                                        objects: ["unit": ObjectSchema(fields: ["id": .string], extraFieldsAs: .dyn)])
        let compiled = try env.compile("unit.anything == 3", at: Fixtures.origin)
        #expect(compiled.type == .bool)
        let record = TestRecord(typeName: "unit", fields: ["id": .string("U1"), "anything": .int(3)])
        guard case .value(.bool(true)) = compiled.evaluate(Activation(env, ["unit": .object(record)])) else {
            Issue.record("expected true")
            return
        }
    }

    @Test func resultTypeIsInferred() throws {
        #expect(try Fixtures.environment.compile("contributor.skills.map(s, size(s))", at: Fixtures.origin).type == .list(.int))
        #expect(try Fixtures.environment.compile("params.max_hours", at: Fixtures.origin).type == .dyn)
        #expect(try Fixtures.environment.compile("today - days(1)", at: Fixtures.origin).type == .date)
    }
}

@Suite struct DataModelSchemaTests {
    @Test func assignmentFieldsOfTheDataModelTypeCheck() throws {
        let env = ExpressionEnvironment(variables: ["assignment": .object("assignment")], objects: ObjectSchema.dataModel())
        let compiled = try env.compile("assignment.end - assignment.start <= duration('12h')", at: Fixtures.origin)
        #expect(compiled.type == .bool)
        #expect(Fixtures.diagnostic("assignment.strat < assignment.end", in: env)
            == "rules.yaml:12:25: error: assignment has no field 'strat'; did you mean 'start'?")
    }

    @Test func anExtraFieldARecordLacksIsMissingData() throws {
        let env = ExpressionEnvironment(variables: ["unit": .object("unit")],
                                        objects: ["unit": ObjectSchema(fields: ["id": .string], extraFieldsAs: .dyn)])
        let compiled = try env.compile("unit.radio_channel == 'A'", at: Fixtures.origin)
        let record = TestRecord(typeName: "unit", fields: ["id": .string("U1")])
        guard case .indeterminate(let missing) = compiled.evaluate(Activation(env, ["unit": .object(record)])) else {
            Issue.record("expected indeterminate")
            return
        }
        #expect(missing == ["unit.radio_channel"])
    }

    @Test func aPatternFromDataIsUsedForEveryElement() throws {
        let env = ExpressionEnvironment(variables: ["ids": .list(.string), "pattern": .string])
        let compiled = try env.compile("ids.all(i, i.matches(pattern))", at: Fixtures.origin)
        let ids = Value.list((0..<100).map { .string("SPV-\($0)") })
        #expect(compiled.evaluate(Activation(env, ["ids": ids, "pattern": .string(#"^SPV-\d+$"#)])).boolValue == true)
        #expect(compiled.evaluate(Activation(env, ["ids": ids, "pattern": .string(#"^SPV-\d$"#)])).boolValue == false)
    }
}
