import Foundation
import Testing
@testable import RuleEngine

/// The lawful exceptions the standard packs declare beside R2324-50-1's parent stand-in: the
/// PMI capacity derogation (cp.parent-run-capacity) and the art. 17 working-time derogation
/// (risk.daily-rest), each turning a failure into a pass under the exception when an override
/// file claims it, with who approved it and on what basis.
@Suite struct StandardExceptionsTests {
    /// Checks `plan` against the standard packs, with `files` written beside it.
    static func run(plan: String, files: [String: String]) throws -> CheckResult {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("std-exc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        try plan.write(to: dir.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        return try CheckRun.run(CheckOptions(plan: dir.appendingPathComponent("plan.yaml").path))
    }

    static func creche(overrides: Bool) -> String {
        """
        id: c
        name: C
        kind: parental_creche
        effective_from: 2026-01-01
        period: {start: 2026-03-02, end: 2026-03-03}
        units: [{id: s1, kind: creche_section, capacity: 25}, {id: s2, kind: creche_section, capacity: 26}]
        \(overrides ? "overrides: [pmi.yaml]" : "")
        """
    }

    static let pmi = """
        territory: Département 99
        approved_by: "président du conseil départemental, après avis de la PMI"
        basis: "arrêté d'autorisation n° 2019-114 (25 places)"
        date: 2019-06-03
        exceptions:
          - {rule: cp.parent-run-capacity, id: pmi-capacity, subjects: ["unit:s1"]}
        """

    @Test func thePMICapacityDerogationTurnsTheSectionItCoversIntoAPassUnderIt() throws {
        let without = try Self.run(plan: Self.creche(overrides: false), files: [:])
        let before = without.report.findings.filter { $0.rule == "cp.parent-run-capacity" }
        #expect(before.filter { $0.outcome == .fail }.map(\.subject).sorted() == ["unit:s1", "unit:s2"])

        let result = try Self.run(plan: Self.creche(overrides: true), files: ["pmi.yaml": Self.pmi])
        let findings = result.report.findings.filter { $0.rule == "cp.parent-run-capacity" }
        let s1 = try #require(findings.first { $0.subject == "unit:s1" })
        let s2 = try #require(findings.first { $0.subject == "unit:s2" })
        #expect(s1.exception?.id == "pmi-capacity")
        let law = try #require(s1.exception?.lawBasis)
        #expect(law.hasPrefix("Ancien CSP R2324-25") && law.contains("non tranché pour le texte en vigueur"))
        #expect(!s1.isActive)
        #expect(s2.exception == nil && s2.isActive)
        let text = TextReporter.render(ReportInput(result), color: false)
        #expect(text.contains("error (pass under exception pmi-capacity): la section s1 a 25 places"))
        #expect(text.contains("approved by président du conseil départemental, après avis de la PMI, arrêté d'autorisation n° 2019-114 (25 places)"))
    }

    static func station(overrides: Bool) -> String {
        """
        id: f
        name: F
        kind: fire_rescue
        effective_from: 2026-01-01
        period: {start: 2026-03-02, end: 2026-03-09}
        units: [{id: u1, kind: station}]
        rosters: [contributors.csv, assignments.csv]
        \(overrides ? "overrides: [sdis.yaml]" : "")
        """
    }

    /// c3 serves 36 h in a row (08:00 → 20:00 the next day), then has 10 h off: a block over
    /// 24 h without an equal rest after it, and 10 h of rest where 11 are due. c6 serves 12 h.
    static let rosters = [
        "contributors.csv": "id,role\nc3,spp\nc6,spp\n",
        "assignments.csv": """
            id,contributor,unit,start,end,kind
            d1,c3,u1,2026-03-02T08:00,2026-03-03T20:00,garde
            d2,c3,u1,2026-03-04T06:00,2026-03-04T10:00,garde
            g1,c6,u1,2026-03-02T08:00,2026-03-02T20:00,garde

            """,
    ]

    static let sdis = """
        territory: SDIS 99
        approved_by: "conseil d'administration du SDIS 99"
        basis: "règlement intérieur, art. 12 : repos compensateur équivalent après les gardes de plus de 24 h"
        date: 2025-11-20
        valid_until: 2027-12-31
        exceptions:
          - {rule: risk.daily-rest, id: art-17, subjects: ["contributor:c3"]}
        """

    @Test func theArticle17DerogationTurnsTheRestFailureIntoAPassUnderIt() throws {
        let without = try Self.run(plan: Self.station(overrides: false), files: Self.rosters)
        let c3Before = try #require(without.report.findings.first { $0.rule == "risk.daily-rest" && $0.subject == "contributor:c3" })
        #expect(c3Before.outcome == .fail && c3Before.isActive)

        var files = Self.rosters
        files["sdis.yaml"] = Self.sdis
        let result = try Self.run(plan: Self.station(overrides: true), files: files)
        let rest = result.report.findings.filter { $0.rule == "risk.daily-rest" }
        let c3 = try #require(rest.first { $0.subject == "contributor:c3" })
        #expect(c3.exception?.id == "art-17")
        #expect(c3.exception?.lawBasis.hasPrefix("Directive 2003/88/CE, art. 17 § 2 et § 3 c) iii)") == true)
        #expect(!c3.isActive)
        #expect(!rest.contains { $0.subject == "contributor:c6" })
        let c3Failures = without.report.findings.filter { $0.rule == "risk.daily-rest" && $0.subject == "contributor:c3" && $0.outcome == .fail }.count
        #expect(c3Failures >= 1)
        #expect(rest.filter { $0.subject == "contributor:c3" }.allSatisfy { $0.exception?.id == "art-17" })
        #expect(result.report.outcomes[.pass] == without.report.outcomes[.pass].map { $0 + c3Failures })
        let json = JSONReporter.render(result.report, run: result.run)
        #expect(json.contains("\"law\": \"Directive 2003/88/CE, art. 17"))
    }

    @Test func anExpiredDerogationIsNotApplied() throws {
        var files = Self.rosters
        files["sdis.yaml"] = Self.sdis.replacingOccurrences(of: "valid_until: 2027-12-31", with: "valid_until: 2026-01-31")
        let result = try Self.run(plan: Self.station(overrides: true), files: files)
        let c3 = try #require(result.report.findings.first { $0.rule == "risk.daily-rest" && $0.subject == "contributor:c3" })
        #expect(c3.exception == nil && c3.isActive)
        #expect(result.warnings.map(\.message).contains("the exception 'art-17' of rule 'risk.daily-rest' expired on 2026-01-31: not applied"))
    }
}
