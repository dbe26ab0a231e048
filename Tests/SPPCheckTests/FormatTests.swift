import Foundation
import Testing

/// `check --format FORMAT[=PATH]`, `--redact`, `--lang` and `--explain` on the built binary.
@Suite struct FormatTests {
    static let rules = """
        rules:
          - id: cl.driver-adult
            principle: risk-coverage
            severity: error
            title: {en: "Drivers are adults", fr: "Conducteur majeur"}
            references: ["Code des transports L3132-1"]
            params: {min_age: 18}
            kind: assert
            for_each: contributors
            where: contributor.role == "driver"
            assert: age_at(contributor.birth_date, as_of) >= params.min_age
            message: {en: "driver {{contributor.id}} ({{contributor.extra.name}}) is under {{params.min_age}}", fr: "le conducteur {{contributor.id}} ({{contributor.extra.name}}) a moins de {{params.min_age}} ans"}

        """
    static let contributors = "id,role,birth_date,name\nd-01,driver,1980-01-01,Alice Martin\nd-02,driver,2009-06-01,Jean Dupont\n"

    func folder() throws -> URL {
        try Binary.folder(["plan.yaml": CheckCommandTests.plan, "rules.yaml": Self.rules, "contributors.csv": Self.contributors])
    }

    func read(_ dir: URL, _ name: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func severalFormatsInOneRunGoToTheirFilesAndOneIsPrinted() throws {
        let dir = try folder()
        let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--format", "sarif=out.sarif",
                                  "--format", "junit=out.xml", "--format", "text", "--format", "json=reports/out.json"],
                                 in: dir)
        #expect(run.status == 2, "reports/ does not exist: an error, exit 2")
        #expect(run.stderr.contains("reports/out.json:1:1: error: cannot write the report: no folder"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("reports"), withIntermediateDirectories: true)
        let again = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--format", "sarif=out.sarif",
                                    "--format", "junit=out.xml", "--format", "text", "--format", "json=reports/out.json"],
                                   in: dir)
        #expect(again.status == 1)
        #expect(again.stdout.contains("contributors.csv:3:1: error: driver d-02 (Jean Dupont) is under 18 [cl.driver-adult]"))
        #expect(try read(dir, "out.sarif").contains("\"version\": \"2.1.0\""))
        #expect(try read(dir, "out.xml").hasPrefix("<?xml"))
        #expect(try read(dir, "out.xml").contains("<testcase name=\"cl.driver-adult contributor:d-01\" classname=\"cl.driver-adult\"/>"))
        #expect(try read(dir, "reports/out.json").contains("\"format_version\": 1"))
    }

    @Test(arguments: ["text", "json", "sarif", "junit", "github", "markdown"])
    func everyFormatPrintsAlone(_ format: String) throws {
        let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--format", format], in: try folder())
        #expect(run.status == 1)
        #expect(run.stdout.contains("d-02"))
        #expect(run.stderr.isEmpty)
    }

    @Test func twoPrintedFormatsAreAnError() throws {
        let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--format", "json", "--format", "sarif"], in: try folder())
        #expect(run.status == 2)
        #expect(run.stderr.contains("only one format can be printed, found json and sarif"))
        #expect(run.stdout.isEmpty)
    }

    @Test func anUnknownFormatSuggestsTheClosest() throws {
        let run = try Binary.run(["check", "plan.yaml", "--format", "sarf=x"], in: try folder())
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown format 'sarf' in --format sarf=x; did you mean 'sarif'?"))
    }

    @Test func aReportNeverOverwritesAnInputFile() throws {
        let dir = try folder()
        for target in ["contributors.csv", "./plan.yaml", "rules.yaml"] {
            let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--format", "sarif=\(target)"], in: dir)
            #expect(run.status == 2)
            #expect(run.stderr.contains("would overwrite"))
        }
        #expect(try read(dir, "contributors.csv") == Self.contributors)
        #expect(try read(dir, "rules.yaml") == Self.rules)
        #expect(try read(dir, "plan.yaml") == CheckCommandTests.plan)
    }

    @Test func aFileFormatAloneLeavesStandardOutputEmptyButKeepsTheExitStatus() throws {
        let dir = try folder()
        let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--format", "markdown=comment.md"], in: dir)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(try read(dir, "comment.md").hasPrefix("## spp-check: ❌ 1 finding"))
    }

    @Test func withRedactTheNameColumnShowsInNoFormat() throws {
        let dir = try folder()
        for format in ["text", "json", "sarif", "junit", "github", "markdown"] {
            let plain = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--format", format], in: dir)
            #expect(plain.stdout.contains("Jean Dupont"), "\(format): the name must reach the report for this test to mean anything")
            let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--format", format, "--redact", "--explain"], in: dir)
            #expect(run.status == 1)
            #expect(!run.stdout.contains("Jean"), "\(format) shows a name")
            #expect(!run.stdout.contains("Dupont"), "\(format) shows a name")
            #expect(run.stdout.contains("contributor:d-02"))
        }
        let files = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--redact", "--format", "sarif=a.sarif",
                                    "--format", "junit=a.xml", "--format", "markdown=a.md", "--format", "github=a.txt", "--format", "json=a.json"], in: dir)
        #expect(files.status == 1)
        for name in ["a.sarif", "a.xml", "a.md", "a.txt", "a.json"] {
            #expect(!(try read(dir, name)).contains("Dupont"), "\(name) shows a name")
        }
    }

    @Test func langChoosesRuleTextsAndLabels() throws {
        let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--lang", "fr"], in: try folder())
        #expect(run.stdout.contains("error: le conducteur d-02 (Jean Dupont) a moins de 18 ans [cl.driver-adult]\n    sujet: contributor:d-02"))
        #expect(run.stdout.hasSuffix("1 règle, 2 résultats : 1 conforme, 1 non conforme, 0 indéterminé ; 1 erreur, 0 avertissement, 0 info\n"))
        let bad = try Binary.run(["check", "plan.yaml", "--lang", "de"], in: try folder())
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--lang takes en or fr, not 'de'"))
    }

    @Test func explainShowsTheRuleParametersAndReferencesUnderEachFinding() throws {
        let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--explain", "--lang", "en"], in: try folder())
        #expect(run.stdout.contains("""
                subject: contributor:d-02 · path: contributors[1]
                rule: Drivers are adults
                parameters: min_age = 18
                condition: age_at(contributor.birth_date, as_of) >= params.min_age
                values: age_at(contributor.birth_date, as_of) = 16 · params.min_age = 18
                references: Code des transports L3132-1

            """))
    }

    @Test func aPlanOverrideShowsInTheExplainedParameters() throws {
        let plan = CheckCommandTests.plan + "params:\n  cl.driver-adult: {min_age: 21}\n"
        let dir = try Binary.folder(["plan.yaml": plan, "rules.yaml": Self.rules, "contributors.csv": Self.contributors])
        let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--explain"], in: dir)
        #expect(run.stdout.contains("parameters: min_age = 21"))
    }
}

/// `check --waivers`, `--baseline` and `--write-baseline` through the formats.
@Suite struct WaiverFlagTests {
    static let waivers = """
        waivers:
          - rule: cl.driver-adult
            subject: "contributor:d-02"
            justification: "drives with a tutor until his birthday"
            approved_by: "board, deliberation 2026-14"
            expires: 2026-06-30

        """

    @Test func aWaivedFindingIsReportedAsWaivedAndNoLongerFails() throws {
        let dir = try FormatTests().folder()
        try Data(Self.waivers.utf8).write(to: dir.appendingPathComponent("waivers.yaml"))
        let run = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--waivers", "waivers.yaml", "--today", "2026-03-01", "--lang", "en"], in: dir)
        #expect(run.status == 0)
        #expect(run.stdout.contains("error (waived): driver d-02 (Jean Dupont) is under 18 [cl.driver-adult]"))
        #expect(run.stdout.contains("waived until 2026-06-30 (approved by board, deliberation 2026-14): drives with a tutor until his birthday [waivers.yaml:2:5]"))
        let expired = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--waivers", "waivers.yaml", "--today", "2026-07-01"], in: dir)
        #expect(expired.status == 1)
        #expect(expired.stdout.contains("[waiver.expired]"))
    }

    @Test func aBaselineWrittenByOneRunSilencesItsFindingsInTheNext() throws {
        let dir = try FormatTests().folder()
        let first = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--write-baseline", "baseline.json", "--format", "json=out.json"], in: dir)
        #expect(first.status == 1)
        let second = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--baseline", "baseline.json", "--format", "sarif"], in: dir)
        #expect(second.status == 0)
        #expect(second.stdout.contains("\"baselineState\": \"unchanged\""))
        let clash = try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml", "--baseline", "baseline.json", "--write-baseline", "baseline.json"], in: dir)
        #expect(clash.status == 2)
        #expect(clash.stderr.contains("would overwrite 'baseline.json'"))
    }
}
