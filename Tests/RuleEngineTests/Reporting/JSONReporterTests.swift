import Testing
@testable import RuleEngine

/// The JSON report writes its findings directly, not through `JSONText`: the text must be the
/// one `JSONText` gives, for every shape a finding can have.
@Suite struct JSONReporterTests {
    static let waiver = Waiver(rule: "r.one", subject: "contributor:*", justification: "accepted \"for now\"",
                               approvedBy: "conseil", expires: CivilDate(year: 2027, month: 1, day: 31),
                               location: Location(file: "waivers.yaml", line: 3, column: 5))

    static let findings: [Finding] = [
        Finding(rule: "r.one", principle: .continuity, severity: .error, outcome: .fail,
                message: "gap at 14:00", location: Location(file: "plan.yaml", line: 12, column: 7),
                path: "units[2]", subject: "unit:u-1", measured: "1 present", expected: "at least 2",
                missing: [], fix: "assign someone", fingerprint: "abc123"),
        Finding(rule: "r.two", principle: .riskCoverage, severity: .warning, outcome: .indeterminate,
                message: "cannot decide: \"quoted\"\nnew line\tand tab \u{01}", location: nil, path: nil,
                subject: "contributor:c-1", measured: nil, expected: nil,
                missing: ["contributor.birth_date", "contributor.insurance"], fix: nil, fingerprint: "def456",
                waiver: waiver, inBaseline: true),
        Finding(rule: "r.three", principle: .equality, severity: .info, outcome: .fail, message: "é ü 🚒",
                location: Location(file: "dir/roster.csv", line: 1_000_000, column: 1), path: "assignments[3]",
                subject: "assignment:a-1", measured: "", expected: "", missing: ["one"], fix: "",
                fingerprint: ""),
    ]

    @Test(arguments: findings.indices)
    func aFindingIsWrittenAsJSONTextWritesIt(_ i: Int) {
        var direct = ""
        JSONReporter.write(Self.findings[i], into: &direct)
        var viaTree = ""
        JSONReporter.finding(Self.findings[i]).write(to: &viaTree, indent: 2)
        #expect(direct == viaTree)
    }

    @Test func theReportIsTheDocumentWithItsFindingsInOrder() throws {
        var report = Report()
        report.findings = (0..<5_000).map { n in
            var f = Self.findings[n % Self.findings.count]
            f.subject += "-\(n)"
            return f
        }
        let text = JSONReporter.render(report, run: RunInfo(plan: "plan.yaml"))
        // The same document as one JSONText tree, rendered in one piece.
        let tree = Self.documentTree(report)
        #expect(text == tree)
    }

    /// The report of `report` (plan `plan.yaml`, no rule evaluated) as one `JSONText` tree,
    /// rendered in one piece: the reference the faster writers are checked against.
    static func documentTree(_ report: Report) -> String {
        JSONText.object([
            ("tool", .object([("name", .string("spp-check")), ("version", .string(RunInfo.toolVersion))])),
            ("format_version", .int(JSONReporter.formatVersion)),
            ("run", .object([
                ("plan", .string("plan.yaml")), ("as_of", .null), ("rule_packs", .array([])),
                ("rules_evaluated", .int(0)), ("rules_skipped", .array([])),
            ])),
            ("summary", JSONReporter.summary(report)),
            ("findings", .array(report.findings.map(JSONReporter.finding))),
        ]).rendered() + "\n"
    }
}
