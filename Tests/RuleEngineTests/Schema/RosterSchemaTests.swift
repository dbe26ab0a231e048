import Foundation
import Testing
@testable import RuleEngine

/// The YAML roster schema, derived from the records' field tables: every example roster
/// validates, and the mistakes the roster decoder rejects, the schema rejects too.
@Suite struct RosterSchemaTests {
    static let rosters = SchemaValidationTests.files("Examples") { $0.hasSuffix("roster.yaml") }

    @Test func thereAreRostersToValidate() {
        #expect(Self.rosters.count >= 6)
    }

    @Test(.enabled(if: SchemaValidationTests.enabled, "needs jsonschema from PyPI in .build/schema-venv"), arguments: rosters)
    func everyExampleRosterValidates(_ path: String) throws {
        #expect(try SchemaValidationTests.errors(SchemaValidationTests.text(path), .roster, file: path) == [])
    }

    @Test(.enabled(if: SchemaValidationTests.enabled, "needs jsonschema from PyPI in .build/schema-venv"), arguments: [
        // A misspelt key, a nested document key, a number where an INSEE code is a string,
        // an engagement outside its values, a required key missing.
        "contributors:\n  - {id: c-1, role: spv, grad: sergent}\n",
        "contributors:\n  - {id: c-1, role: spv, medical: {valid_untill: 2026-01-01}}\n",
        "contributors:\n  - {id: c-1, role: spv, residence_insee: 38053}\n",
        "assignments:\n  - {id: a, contributor: c, unit: u, start: 2026-03-02T19:00, end: 2026-03-03T07:00, kind: garde, engagement: standby}\n",
        "assignments:\n  - {id: a, contributor: c, unit: u, start: 2026-03-02T19:00, kind: garde}\n",
    ])
    func whatTheDecoderRejectsTheSchemaRejects(_ yaml: String) throws {
        #expect(try !SchemaValidationTests.errors(yaml, .roster).isEmpty)
        let files = ["plan.yaml": "id: t\nname: T\nkind: fire_rescue\neffective_from: 2026-01-01\nperiod: {start: 2026-03-02, end: 2026-03-09}\nunits:\n  - {id: u, kind: station}\nrosters:\n  - {path: r.yaml, kind: roster}\n",
                     "r.yaml": yaml]
        #expect(throws: (any Error).self) {
            try PlanLoader.load(planBytes: Array(files["plan.yaml"]!.utf8), planFile: "plan.yaml", csvSeparator: nil) { path in
                (path, files[path].map { Array($0.utf8) })
            }
        }
    }

    @Test func theSchemaKnowsTheTablesColumns() {
        let contributor = RosterSchema.contributor
        #expect(contributor.keys.contains("medical") && contributor.keys.contains("extra"))
        #expect(Set(contributor.requiredKeys) == ["id", "role"])
        guard case .object(let medical)? = contributor["medical"]?.node else { Issue.record("medical"); return }
        #expect(medical.keys == ["valid_from", "valid_until", "fit"])
        #expect(RosterSchema.nestedQualification.requiredKeys == ["code"])
    }
}
