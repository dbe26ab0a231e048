import Foundation
import Testing

/// End to end: what a roster holds beyond what the rules need never reaches a report; columns
/// no loaded rule reads are dropped and named; `--audience public` redacts HTML and Markdown.
@Suite struct MinimisationCheckTests {
    static let rules = """
        rules:
          - id: fit
            principle: risk-coverage
            severity: error
            title: Fit
            kind: assert
            for_each: contributors
            assert: contributor.medical.fit == true
            message: "{{contributor.id}} ({{contributor.extra.nom}}) is not fit"

        """
    static func plan(extra: [String]) -> String {
        """
        id: ligne-l1
        name: Ligne L1
        kind: carpool_line
        effective_from: 2026-01-01
        period: {start: 2026-03-02, end: 2026-03-09}
        units:
          - {id: line-l1, kind: line}
        rosters:
          - {path: contributors.csv, extra_columns: [\(extra.joined(separator: ", "))]}

        """
    }

    @Test(arguments: ["text", "json", "markdown", "html"])
    func aDiagnosisAndAnExtractsContentStopTheRunAndAreNeverEchoed(_ format: String) throws {
        let dir = try Binary.folder([
            "plan.yaml": Self.plan(extra: ["nom", "diagnostic", "extrait_b2"]), "rules.yaml": Self.rules,
            "contributors.csv": """
                id,role,nom,diagnostic,extrait_b2,medical_fit
                d-1,driver,Alice Martin,épilepsie,néant,true
                d-2,driver,Jean Dupont,,condamnation 2019 vol,asthme chronique

                """])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--format", format], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("contributors.csv:1:4: error: column 'diagnostic' holds health data (GDPR art. 9)"))
        #expect(run.stderr.contains("contributors.csv:1:5: error: column 'extrait_b2' holds criminal-record data (GDPR art. 10)"))
        #expect(run.stderr.contains("contributors.csv:3:6: error: 'medical_fit' holds more than true or false"))
        for secret in ["épilepsie", "condamnation 2019 vol", "asthme chronique", "néant"] {
            #expect(!run.stderr.contains(secret) && !run.stdout.contains(secret), "\(format) shows '\(secret)'")
        }
    }

    @Test func columnsNoRuleReadsAreDroppedAndNamed() throws {
        let dir = try Binary.folder([
            "plan.yaml": Self.plan(extra: ["nom", "pointure", "loisirs"]), "rules.yaml": Self.rules,
            "contributors.csv": """
                id,role,nom,pointure,loisirs,medical_fit,background_check_type
                d-1,driver,Alice Martin,38,escalade,true,B2
                d-2,driver,Jean Dupont,44,,false,B2

                """])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--format", "json"], in: dir)
        #expect(run.status == 1, "\(run.stderr)")
        // The rule reads medical and extra.nom (in its message): both kept; the rest dropped.
        #expect(run.stderr.contains("contributors.csv:1:1: warning: 'pointure' (2 contributors) is read by no loaded rule: dropped at load"))
        #expect(run.stderr.contains("contributors.csv:1:1: warning: 'loisirs' (2 contributors) is read by no loaded rule: dropped at load"))
        #expect(run.stderr.contains("warning: 'background_check' (2 contributors) is read by no loaded rule"))
        #expect(!run.stderr.contains("'nom'") && !run.stderr.contains("'medical'"))
        #expect(run.stdout.contains("\"data_ignored\""))
        #expect(run.stdout.contains("\"name\": \"pointure\""))
        #expect(run.stdout.contains("d-2 (Jean Dupont) is not fit"))
        let markdown = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--format", "markdown"], in: dir)
        #expect(markdown.stdout.contains("Data dropped at load (read by no rule): `background_check` (contributors.csv), `loisirs` (contributors.csv), `pointure` (contributors.csv)"))
    }

    @Test func explainShowsTheContributorDataARuleReadsEvenThroughItsKind() throws {
        // cp.honorability names its document (validity kind); cl.driver-age reads the birth date
        // without writing it (age kind); cp.psu-scale reads no contributor data at all.
        let honorability = try Binary.run(["explain", "cp.honorability"])
        #expect(honorability.stdout.contains("Contributor data read:\n  id, background_check\n"))
        let age = try Binary.run(["explain", "cl.driver-age"])
        #expect(age.stdout.contains("Contributor data read:\n  id, birth_date\n"))
        let psu = try Binary.run(["explain", "cp.psu-scale"])
        #expect(psu.status == 0)
        #expect(!psu.stdout.contains("Contributor data read"))
    }

    @Test(arguments: ["markdown", "html"])
    func aPublicReportIsRedactedByDefaultInHTMLAndMarkdown(_ format: String) throws {
        let dir = try Binary.folder([
            "plan.yaml": Self.plan(extra: ["nom"]), "rules.yaml": Self.rules,
            "contributors.csv": """
                id,role,nom,medical_fit
                d-2,driver,Jean Dupont,false

                """])
        defer { try? FileManager.default.removeItem(at: dir) }
        let operatorRun = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--format", format], in: dir)
        #expect(operatorRun.stdout.contains("Jean Dupont"), "the operator's report names what the roster names")
        let publicRun = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--format", format, "--audience", "public"], in: dir)
        #expect(publicRun.status == 1, "\(publicRun.stderr)")
        #expect(!publicRun.stdout.contains("Jean Dupont"))
        #expect(publicRun.stdout.contains("contributor:d-2"))
    }

    @Test func aPublicAudienceLeavesMachineFormatsAsTheyAreAndABadAudienceIsRefused() throws {
        let dir = try Binary.folder([
            "plan.yaml": Self.plan(extra: ["nom"]), "rules.yaml": Self.rules,
            "contributors.csv": "id,role,nom,medical_fit\nd-2,driver,Jean Dupont,false\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--format", "json", "--audience", "public"], in: dir)
        #expect(json.stdout.contains("Jean Dupont"))
        let bad = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--audience", "council"], in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("council"))
    }
}
