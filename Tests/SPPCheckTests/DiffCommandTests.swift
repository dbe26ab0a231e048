import Foundation
import Testing

/// `spp-check diff` on the bundled carpool example, its counts checked against a hand count
/// from the example's README (its table of seeded violations) and roster.
@Suite struct DiffCommandTests {
    static let violations = "Examples/covoiturage/violations/plan.yaml"
    static let compliant = "Examples/covoiturage/compliant/plan.yaml"

    /// A copy of the standard packs with some parameter defaults of covoiturage.yaml changed.
    static func rules(_ replacements: [(String, String)]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spp-diff-rules-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Binary.root.appendingPathComponent("Rules"), to: dir)
        let pack = dir.appendingPathComponent("covoiturage.yaml")
        var text = try String(contentsOf: pack, encoding: .utf8)
        for (old, new) in replacements {
            #expect(text.components(separatedBy: old).count == 2, "'\(old)' is written once in covoiturage.yaml")
            text = text.replacingOccurrences(of: old, with: new)
        }
        try text.write(to: pack, atomically: true, encoding: .utf8)
        return dir
    }

    static func counts(_ json: String) throws -> [String: Int] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(object["counts"] as? [String: Int])
    }

    @Test func aThresholdChangeAddsAndChangesWhatAHandCountSays() throws {
        // min_age 17 → 18: drv-25 (born 2008-11-03, 17 over the period) is the only driver under
        // 18 in roster.yaml (the next youngest was born in 2002): one finding added. eur_per_km
        // 0.5 → 0.6: drv-07 (180 € for 120 km) still fails, its ceiling 60 € becomes 72 €: one
        // changed. The line's fallback (30 min for a promised 10), the stop without a PMR place and the
        // other seeds do not move.
        let after = try Self.rules([("min_age: {default: 17, min: 17,", "min_age: {default: 18, min: 17,"),
                                    ("eur_per_km: {default: 0.5,", "eur_per_km: {default: 0.6,")])
        defer { try? FileManager.default.removeItem(at: after) }
        let run = try Binary.run(["diff", Self.violations, "--rules-before", "Rules", "--rules-after", after.path, "--format", "json"])
        #expect(run.status == 1, "a new error finding fails the default gate: \(run.stderr)")
        #expect(try Self.counts(run.stdout) == ["added": 1, "removed": 0, "changed": 1, "unchanged": 10])
        #expect(run.stdout.contains("\"rule\": \"cl.driver-age\""))
        #expect(run.stdout.contains("\"subject\": \"contributor:drv-25\""))
        #expect(run.stdout.contains("plafond R3132-3 : 72.00 €"))
        // drv-25 already failed cl.driver-licence: its verdict stays error.
        #expect(run.stdout.contains("\"verdicts\": []"))
    }

    @Test func aLooserThresholdRemovesAFindingAndChangesAVerdict() throws {
        // eur_per_km 2.0: drv-07's 180 € for 120 km is under the 240 € ceiling; drv-07 had no
        // other finding, so its verdict goes from error to pass.
        let after = try Self.rules([("eur_per_km: {default: 0.5,", "eur_per_km: {default: 2.0,")])
        defer { try? FileManager.default.removeItem(at: after) }
        let run = try Binary.run(["diff", Self.violations, "--rules-before", "Rules", "--rules-after", after.path])
        #expect(run.status == 0, "nothing new: \(run.stderr)")
        #expect(run.stdout.hasSuffix("added 0, removed 1, changed 0, unchanged 10\n"))
        #expect(run.stdout.contains("removed (1)\n  - Examples/covoiturage/violations/roster.yaml:75:5: error: le conducteur drv-07"))
        #expect(run.stdout.contains("verdict changes (1)\n  contributor:drv-07  error → pass\n"))
        let strict = try Binary.run(["diff", Self.violations, "--rules-before", "Rules", "--rules-after", after.path, "--fail-on", "any-change"])
        #expect(strict.status == 1)
    }

    @Test func twoPlanFoldersGiveTheSeededViolationsOfTheReadme() throws {
        // The violations README's table lists 10 seeded findings; both folders share one info
        // finding (risk.cosp-requested), which does not change.
        let run = try Binary.run(["diff", Self.compliant, Self.violations, "--format", "json"])
        #expect(run.status == 1)
        #expect(try Self.counts(run.stdout) == ["added": 10, "removed": 0, "changed": 0, "unchanged": 1])
        let readme = try String(contentsOf: Binary.root.appendingPathComponent("Examples/covoiturage/violations/README.md"), encoding: .utf8)
        let seededRules = readme.split(separator: "\n").filter { $0.hasPrefix("| `") }.compactMap { $0.split(separator: "`").dropFirst().first.map(String.init) }
        #expect(seededRules.count == 10)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let added = try #require(object["added"] as? [[String: Any]]).compactMap { $0["rule"] as? String }
        #expect(added.sorted() == seededRules.sorted())

        let back = try Binary.run(["diff", Self.violations, Self.compliant, "--format", "markdown"])
        #expect(back.status == 0, "fixing everything is no new error")
        #expect(back.stdout.hasPrefix("## spp-check diff: ⚠️ findings change\n"))
        #expect(back.stdout.contains("| 0 | 10 | 0 | 1 |"))
        #expect(back.stdout.contains("### Removed (10)"))
    }

    @Test func twoGitRevisionsAreReadWithoutTouchingTheWorkingTree() throws {
        let repo = FileManager.default.temporaryDirectory.appendingPathComponent("spp-diff-git-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: repo) }
        let service = repo.appendingPathComponent("service")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Binary.root.appendingPathComponent("Examples/covoiturage/compliant"), to: service)
        func git(_ arguments: [String]) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-C", repo.path, "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"] + arguments
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "git \(arguments.joined(separator: " "))")
        }
        try git(["init", "-q"])
        try git(["add", "."])
        try git(["commit", "-q", "-m", "compliant"])
        // Revision 2: the line's fallback taxi now comes after 30 minutes (cl.departure-guarantee).
        let plan = service.appendingPathComponent("plan.yaml")
        let text = try String(contentsOf: plan, encoding: .utf8)
        #expect(text.contains("max_delay_minutes: 10,"))
        try text.replacingOccurrences(of: "max_delay_minutes: 10,", with: "max_delay_minutes: 30,").write(to: plan, atomically: true, encoding: .utf8)
        try git(["commit", "-q", "-am", "slower taxi"])
        // The working tree then differs from both revisions: it must be neither read nor changed.
        try "id: [broken".write(to: plan, atomically: true, encoding: .utf8)

        let run = try Binary.run(["diff", "service/plan.yaml", "--git", "HEAD~1..HEAD"], in: repo)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("before: HEAD~1:service/plan.yaml with the standard packs"))
        #expect(run.stdout.contains("  + HEAD:service/plan.yaml:"))
        #expect(run.stdout.contains("[cl.departure-guarantee]"))
        #expect(run.stdout.hasSuffix("added 1, removed 0, changed 0, unchanged 1\n"))
        #expect(try String(contentsOf: plan, encoding: .utf8) == "id: [broken")

        let unknown = try Binary.run(["diff", "service/plan.yaml", "--git", "nosuch..HEAD"], in: repo)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("service/plan.yaml:1:1: error: unknown git revision 'nosuch'"))
    }

    @Test(arguments: [
        (["diff", "Examples/covoiturage/violations/plan.yaml"], "nothing differs between the two sides"),
        (["diff", "a.yaml", "b.yaml", "--git", "HEAD"], "--git compares revisions of one plan"),
        (["diff", "a.yaml", "b.yaml", "--format", "sarif"], "unknown format 'sarif'"),
        (["diff", "a.yaml", "b.yaml", "--fail-on", "new-errors"], "new-errors"),
    ])
    func badFlagsExitWithStatusTwo(_ arguments: [String], _ words: String) throws {
        let run = try Binary.run(arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(words), "\(run.stderr)")
    }
}
