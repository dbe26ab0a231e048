import Foundation
import Testing
@testable import RuleEngine

/// The examples of docs/data-model.md are loaded as they are written, so the doc cannot drift.
@Suite struct DataModelDocTests {
    /// Every fenced block whose info string has `file=NAME`, by name.
    static func docFiles() throws -> [String: String] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/data-model.md"), encoding: .utf8)
        var files: [String: String] = [:]
        var current: String?
        var body: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let name = current {
                if line.hasPrefix("```") {
                    files[name] = body.joined(separator: "\n") + "\n"
                    current = nil
                    body = []
                } else {
                    body.append(line)
                }
            } else if line.hasPrefix("```"), let r = line.range(of: "file=") {
                current = String(line[r.upperBound...]).trimmingCharacters(in: .whitespaces)
            }
        }
        return files
    }

    @Test func theDocumentHoldsTheExampleFiles() throws {
        let files = try Self.docFiles()
        #expect(Set(files.keys) == ["plan.yaml", "contributors.csv", "assignments.csv", "qualifications.csv",
                                     "roster.yaml", "plan-creche.yaml"])
    }

    @Test func theFireExampleLoadsWithEveryRecord() throws {
        let data = try loadFiles(Self.docFiles())
        #expect(data.plan.kind == .fireRescue)
        #expect(data.plan.units.map(\.id) == ["cis-bourgoin", "cis-lisle"])
        #expect(data.plan.territory.zones.first?.communes.map(\.insee) == ["38053", "38193"])
        #expect(data.plan.territory.zones.first?.population == 44000)
        #expect(data.contributors.count == 3)
        #expect(data.assignments.count == 3)
        #expect(data.warnings.isEmpty)
        let first = try #require(data.contributors.first)
        #expect(first.birthDate == CivilDate(year: 1988, month: 4, day: 12))
        #expect(first.medical?.validUntil == CivilDate(year: 2026, month: 9, day: 1))
        #expect(first.extra["employer_convention"] == .string("yes"))
        // The qualifications file replaces the bare FI-A and adds FMPA.
        #expect(first.qualifications?.map(\.code) == ["FI-A", "PSC1", "FMPA"])
        #expect(first.qualifications?.first?.hours == 270)
        #expect(data.contributors[2].medical == nil)
        #expect(data.contributors[2].qualifications == [])
        let night = data.assignments[0]
        #expect(night.end - night.start == 12 * 3600)
        #expect(data.assignments[2].start == night.start)
        #expect(data.plan.params["spv.on-call-reach"]?.values["max_reach_minutes"] == .int(8))
        #expect(data.plan.units[0].staffing.count == 3)
        #expect(data.plan.riskCover.policies.first?.validUntil == CivilDate(year: 2026, month: 12, day: 31))
    }

    @Test func theCrecheExampleLoadsItsYAMLRoster() throws {
        let data = try loadFiles(Self.docFiles(), plan: "plan-creche.yaml")
        #expect(data.plan.kind == .parentalCreche)
        #expect(data.contributors.map(\.id) == ["p-01"])
        #expect(data.contributors[0].backgroundCheck?.label == "honorabilite")
        #expect(data.contributors[0].qualifications?.first?.hours == 7)
        #expect(data.contributors[0].extra["family_size"] == .int(2))
        #expect(data.attendance.first?.walking == 3)
        #expect(data.carpoolRequests.first?.pickedAt.map { $0 - data.carpoolRequests[0].requestedAt } == 240)
        #expect(data.assignments.first?.countsInRatio == false)
        // Mo-Fr 07:30-18:30 over the week of 2 March 2026: five days of 11 h.
        let section = data.plan.units[0]
        #expect(Interval.totalDuration(data.openIntervals(of: section)) == 5 * 11 * 3600)
    }
}
