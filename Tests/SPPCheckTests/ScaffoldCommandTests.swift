import Foundation
import Testing

/// `spp-check test --scaffold PLAN`: a rule test from a plan's findings that passes as written.
@Suite struct ScaffoldCommandTests {
    @Test func theScaffoldedTestOfTheViolationsFirefighterExamplePassesAsWritten() throws {
        let dir = try Binary.folder([:])
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let out = dir.appendingPathComponent("violations.test.yaml").path
        let scaffold = try Binary.run(["test", "--scaffold", "Examples/sapeurs-pompiers/violations/plan.yaml", "--output", out])
        #expect(scaffold.status == 0, "\(scaffold.stderr)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.hasPrefix("# Scaffolded by `spp-check test --scaffold Examples/sapeurs-pompiers/violations/plan.yaml`"))
        #expect(text.contains("# REVIEW BEFORE YOU KEEP IT"))
        // Trimmed: far fewer assignment rows than the example's 10,827.
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("        a-") }.count
        #expect(rows > 0 && rows < 5_000)
        // Findings of the plan are expected as they are, including one judged on an assignment.
        #expect(text.contains("{rule: \"spv.on-call-reach\", subject: \"assignment:"))
        #expect(text.contains("outcome: fail}  # as in the plan"))
        #expect(!text.contains("# Not reproduced"))
        let run = try Binary.run(["test", out])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("ok    \(out): findings of plan.yaml, scaffolded"))
        #expect(run.stdout.contains("1 passed, 0 failed"))
    }

    @Test func aScaffoldNamesItsRuleFilesRelativeToItselfAndPassesWithThem() throws {
        let dir = try Binary.folder([
            "packs/capacity.yaml": """
                rules:
                  - id: my.capacity
                    principle: continuity
                    severity: error
                    title: Capacity
                    kind: assert
                    for_each: units
                    assert: unit.capacity <= 20
                    message: "section {{unit.id}} has {{unit.capacity}} places"

                """,
            "plan.yaml": """
                id: c
                name: C
                kind: parental_creche
                effective_from: 2026-01-01
                period: {start: 2026-03-02, end: 2026-03-09}
                units:
                  - {id: s1, kind: creche_section, capacity: 24}
                  - {id: s2, kind: creche_section, capacity: 12}
                  - id: s3
                    kind: creche_section
                    capacity: 30

                """,
            "tests/README": "the scaffold goes here\n",
        ])
        let scaffold = try Binary.run(["test", "--scaffold", "plan.yaml", "--rules", "packs/capacity.yaml", "-o", "tests/plan.test.yaml", "--per-rule", "1"], in: dir)
        #expect(scaffold.status == 0, "\(scaffold.stderr)")
        let text = try String(contentsOfFile: dir.appendingPathComponent("tests/plan.test.yaml").path, encoding: .utf8)
        #expect(text.contains("rules:\n  - \"../packs/capacity.yaml\"\n"))
        // One failing unit is taken (--per-rule 1) and one passing; the other failing one is cut away.
        #expect(text.contains("{rule: \"my.capacity\", subject: \"unit:s1\", outcome: fail}  # as in the plan"))
        #expect(text.contains("{rule: \"my.capacity\", subject: \"unit:s2\", outcome: pass}  # a pass, as in the plan"))
        #expect(!text.contains("s3"))
        let run = try Binary.run(["test", "tests/plan.test.yaml"], in: dir)
        #expect(run.status == 0, "\(run.stdout)")
    }

    @Test func aPlanWithoutFindingsHasNothingToScaffold() throws {
        let run = try Binary.run(["test", "--scaffold", "Examples/sapeurs-pompiers/compliant/plan.yaml"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("Examples/sapeurs-pompiers/compliant/plan.yaml:1:1: error: the rules find nothing on this plan"))
        #expect(run.stdout.isEmpty)
    }

    @Test func theScaffoldIsNeverWrittenOverItsPlan() throws {
        let run = try Binary.run(["test", "--scaffold", "Examples/sapeurs-pompiers/violations/plan.yaml",
                                  "-o", "Examples/sapeurs-pompiers/violations/plan.yaml"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("would overwrite"))
    }
}
