import Testing
@testable import RuleEngine

@Suite struct FindingDiffTests {
    func finding(_ rule: String, _ subject: String, severity: Severity = .error, outcome: Outcome = .fail,
                 message: String = "m", line: Int = 1) -> Finding {
        Finding(rule: rule, principle: .continuity, severity: severity, outcome: outcome, message: message,
                location: Location(file: "f.csv", line: line, column: 1), path: nil, subject: subject,
                measured: nil, expected: nil, missing: [], fix: nil,
                fingerprint: Fingerprint.of(rule, subject, "", outcome.rawValue))
    }

    func report(_ findings: [Finding]) -> Report {
        var r = Report()
        r.findings = findings
        return r
    }

    @Test func findingsAreMatchedByFingerprintNotByLine() {
        let before = report([finding("r.a", "contributor:1", line: 2), finding("r.a", "contributor:2", message: "under 18"),
                             finding("r.b", "unit:u", severity: .warning)])
        let after = report([finding("r.a", "contributor:1", line: 40), finding("r.a", "contributor:2", message: "under 17"),
                            finding("r.c", "contributor:3")])
        let diff = FindingDiff.compare(before, after, beforeLabel: "b", afterLabel: "a")
        #expect(diff.unchanged == 1, "a finding that only moved is the same finding")
        #expect(diff.changed.map(\.after.subject) == ["contributor:2"])
        #expect(diff.changed.first?.fields == ["message"])
        #expect(diff.added.map(\.rule) == ["r.c"])
        #expect(diff.removed.map(\.rule) == ["r.b"])
        #expect(diff.verdicts == [.init(subject: "contributor:3", before: "pass", after: "error"),
                                  .init(subject: "unit:u", before: "warning", after: "pass")])
    }

    @Test func aFailTurnedIndeterminateIsRemovedAndAdded() {
        // The outcome is part of the fingerprint: a reader must see that the rule no longer decides.
        let diff = FindingDiff.compare(report([finding("r.a", "c:1")]), report([finding("r.a", "c:1", outcome: .indeterminate)]),
                                       beforeLabel: "b", afterLabel: "a")
        #expect(diff.counts == (1, 1, 0, 0))
        #expect(diff.verdicts.isEmpty, "error before and after")
    }

    @Test func sharedFingerprintsArePairedInOrder() {
        let twice = [finding("r.a", "c:1"), finding("r.a", "c:1")]
        let diff = FindingDiff.compare(report(twice), report([finding("r.a", "c:1")]), beforeLabel: "b", afterLabel: "a")
        #expect(diff.counts == (0, 1, 0, 1))
    }

    @Test(arguments: [
        // (before severity or nil, after severity or nil, new-error gate, new-warning gate)
        (Severity?.none, Severity?.some(.error), true, true),
        (.none, .some(.warning), false, true),
        (.some(.warning), .some(.error), true, true),
        (.some(.error), .some(.error), false, false),
        (.some(.error), .none, false, false),
        (.some(.error), .some(.warning), false, false),
    ])
    func theGatesFailOnNewFindingsOnly(_ before: Severity?, _ after: Severity?, _ newError: Bool, _ newWarning: Bool) {
        let b = report(before.map { [finding("r.a", "c:1", severity: $0)] } ?? [])
        let a = report(after.map { [finding("r.a", "c:1", severity: $0)] } ?? [])
        let diff = FindingDiff.compare(b, a, beforeLabel: "b", afterLabel: "a")
        #expect(diff.fails(.newError) == newError)
        #expect(diff.fails(.newWarning) == newWarning)
        #expect(diff.fails(.anyChange) == (before != after))
        #expect(!diff.fails(.never))
    }

    @Test func aWaivedFindingIsNotNew() {
        var waived = finding("r.a", "c:1")
        waived.inBaseline = true
        let diff = FindingDiff.compare(report([]), report([waived]), beforeLabel: "b", afterLabel: "a")
        #expect(diff.added.count == 1)
        #expect(!diff.fails(.newError))
        #expect(diff.verdicts.isEmpty, "a finding that does not count changes no verdict")
    }

    @Test func aTerritoryValueThatChangesIsAChangeOfSettingsNotOfItsPlace() {
        func setting(_ value: Int64, line: Int, file: String) -> ParamSetting {
            ParamSetting(rule: "r.a", name: "max_weeks", value: .int(value), layer: .territory,
                         location: Location(file: file, line: line, column: 3), approvedBy: "CA du SDIS", basis: "délibération 2025-14",
                         date: nil, validUntil: nil, derogation: nil)
        }
        var a = finding("r.a", "c:1"), b = finding("r.a", "c:1"), c = finding("r.a", "c:1")
        a.settings = [setting(20, line: 7, file: "/tmp/x/tree/sdis.yaml")]
        b.settings = [setting(20, line: 9, file: "/tmp/y/tree/sdis.yaml")]
        c.settings = [setting(18, line: 7, file: "/tmp/x/tree/sdis.yaml")]
        #expect(FindingDiff.compare(report([a]), report([b]), beforeLabel: "b", afterLabel: "a").unchanged == 1)
        let diff = FindingDiff.compare(report([a]), report([c]), beforeLabel: "b", afterLabel: "a")
        #expect(diff.changed.first?.fields == ["settings"])
        #expect(DiffReport.render(diff, as: .text).contains(
            "    settings: max_weeks = 20 (territory, CA du SDIS, délibération 2025-14) → max_weeks = 18 (territory, CA du SDIS, délibération 2025-14)\n"))
    }

    @Test func aFailThatALawfulExceptionTurnsIntoAPassIsAChangeOfStatus() {
        var excepted = finding("r.a", "unit:s1")
        excepted.exception = ExceptionClaim(rule: "r.a", id: "parent-stand-in", subjects: [], approvedBy: nil, basis: nil,
                                            validUntil: nil, location: Location(file: "o.yaml", line: 1, column: 1))
        let diff = FindingDiff.compare(report([finding("r.a", "unit:s1")]), report([excepted]), beforeLabel: "b", afterLabel: "a")
        #expect(diff.changed.first?.fields == ["status"])
        #expect(diff.verdicts == [.init(subject: "unit:s1", before: "error", after: "pass")])
        #expect(!diff.fails(.newError))
        #expect(DiffReport.render(diff, as: .text).contains("    status: active → pass under exception 'parent-stand-in'\n"))
    }

    @Test func anAssignmentsFindingChangesItsOwnersVerdicts() {
        let diff = FindingDiff.compare(report([]), report([finding("r.a", "assignment:a1")]), beforeLabel: "b", afterLabel: "a",
                                       owners: { $0.subject == "assignment:a1" ? ["contributor:c1", "unit:u1"] : [] })
        #expect(diff.verdicts.map(\.subject) == ["assignment:a1", "contributor:c1", "unit:u1"])
    }

    @Test func theThreeFormatsGiveTheSameCounts() throws {
        let diff = FindingDiff.compare(report([finding("r.a", "c:1"), finding("r.b", "c:2")]),
                                       report([finding("r.a", "c:1", message: "other"), finding("r.c", "c:3|x")]),
                                       beforeLabel: "before", afterLabel: "after")
        let text = DiffReport.render(diff, as: .text)
        #expect(text.hasSuffix("added 1, removed 1, changed 1, unchanged 0\n"))
        #expect(text.contains("  + f.csv:1:1: error: m [r.c]"))
        #expect(text.contains("    message: m → other"))
        let json = DiffReport.render(diff, as: .json)
        #expect(json.contains("\"counts\": {\n    \"added\": 1,\n    \"removed\": 1,\n    \"changed\": 1,\n    \"unchanged\": 0\n  }"))
        let markdown = DiffReport.render(diff, as: .markdown)
        #expect(markdown.hasPrefix("## spp-check diff: ❌ 1 new error\n"))
        #expect(markdown.contains("| 1 | 1 | 1 | 0 |"))
        #expect(markdown.contains("`c:3¦x`"), "a cell cannot break the table")
    }
}
