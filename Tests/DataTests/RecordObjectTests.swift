import Testing
@testable import RuleEngine

/// Records as the expression language sees them: values, missing data, extras, schemas.
@Suite struct RecordObjectTests {
    func loaded() throws -> ServiceData {
        try loadFiles(withRosters([
            "contributors.csv": """
            id,role,birth_date,medical_valid_until,medical_fit,licence_category,qualifications,employer_convention
            c-1,spv,1990-05-17,2026-06-01,true,C,FI-A|PSC1,yes
            c-2,spv,,,,,,

            """,
            "assignments.csv": "id,contributor,unit,position,start,end,kind\na-1,c-1,cis-a,chef_agres,2026-03-02T19:00,2026-03-03T07:00,garde\n",
        ], extraColumns: ["contributors.csv": ["employer_convention"]]))
    }

    func value(_ l: FieldLookup) -> Value? {
        if case .value(let v) = l { return v }
        return nil
    }

    func isMissing(_ l: FieldLookup) -> Bool {
        if case .missing = l { return true }
        return false
    }

    func isNoSuchField(_ l: FieldLookup) -> Bool {
        if case .noSuchField = l { return true }
        return false
    }

    @Test func fieldsHaveTheirTypedValues() throws {
        let c = try loaded().contributors[0]
        guard case .date(let d)? = value(c.field("birth_date")) else { Issue.record("birth_date"); return }
        #expect(d == CivilDate(year: 1990, month: 5, day: 17))
        guard case .object(let medical)? = value(c.field("medical")) else { Issue.record("medical"); return }
        #expect(medical.typeName == "document")
        guard case .bool(true)? = value(medical.field("fit")) else { Issue.record("fit"); return }
        guard case .object(let licence)? = value(c.field("licence")) else { Issue.record("licence"); return }
        guard case .string("C")? = value(licence.field("category")) else { Issue.record("category"); return }
        guard case .list(let quals)? = value(c.field("qualifications")) else { Issue.record("qualifications"); return }
        #expect(quals.count == 2)
    }

    @Test func missingDataIsMissingNotAPass() throws {
        let c = try loaded().contributors[1]
        #expect(isMissing(c.field("birth_date")))
        #expect(isMissing(c.field("medical")))
        #expect(isMissing(c.field("licence")))
        // An empty extra cell is left out of `extra`, as an absent YAML key would be.
        guard case .map(let extra)? = value(c.field("extra")) else { Issue.record("extra"); return }
        #expect(extra.isEmpty)
        // An empty cell of a list column is missing too: one rule for CSV and YAML.
        #expect(isMissing(c.field("qualifications")))
    }

    @Test func extrasAreReachableAndUnknownNamesAreNot() throws {
        let c = try loaded().contributors[0]
        guard case .map(let extra)? = value(c.field("extra")) else { Issue.record("extra"); return }
        #expect(extra.count == 1)
        guard case .string("employer_convention") = extra.first?.key, case .string("yes")? = extra.first?.value else {
            Issue.record("extra: \(extra)"); return
        }
        // Plans are closed: an extra column is read through `extra`, never as a field.
        #expect(isNoSuchField(c.field("employer_convention")))
        #expect(isNoSuchField(c.field("shoe_size")))
    }

    @Test func assignmentsExposeTimestampsAndDuration() throws {
        let a = try loaded().assignments[0]
        guard case .timestamp(let s)? = value(a.field("start")) else { Issue.record("start"); return }
        #expect(s.seconds == paris("2026-03-02T19:00"))
        guard case .duration(let d)? = value(a.field("duration")) else { Issue.record("duration"); return }
        #expect(d.seconds == 12 * 3600)
        #expect(a.subject == "assignment:a-1")
        #expect(a.path == "assignments[0]")
        #expect(a.contributorIndex == 0)
        #expect(a.unitIndex == 0)
    }

    @Test func everySchemaNamesTheFieldsItsRecordAnswers() throws {
        let data = try loadFiles(DataModelDocTests.docFiles())
        let creche = try loadFiles(DataModelDocTests.docFiles(), plan: "plan-creche.yaml")
        let samples: [any ObjectValue] = [
            data.plan, data.plan.territory.zones[0], data.plan.territory.zones[0].communes[0], data.plan.units[0],
            data.plan.units[0].staffing[0], try #require(data.plan.units[0].fallback), data.plan.tariffs[0],
            data.plan.accessChannels[0], data.plan.eligibility[0], data.plan.riskCover.policies[0], data.contributors[0],
            try #require(data.contributors[0].medical), try #require(data.contributors[0].qualifications?.first),
            data.assignments[0], creche.attendance[0], creche.carpoolRequests[0],
        ]
        #expect(Set(samples.map(\.typeName)) == Set(RecordSchemas.all.keys))
        for s in samples {
            let schema = try #require(RecordSchemas.all[s.typeName])
            for name in schema.keys {
                #expect(!isNoSuchField(s.field(name)), "\(s.typeName).\(name)")
            }
            #expect(isNoSuchField(s.field("no_such_field_anywhere")), "\(s.typeName)")
        }
    }

    @Test func collectionsAreNamedForRules() throws {
        let data = try loaded()
        let c = data.collections
        #expect(c["contributors"]?.count == 2)
        #expect(c["assignments"]?.count == 1)
        #expect(c["units"]?.count == 2)
    }
}

/// What `spp-check inspect` shows.
@Suite struct InspectionTests {
    @Test func theInspectionCountsRecordsAndExpandsTheFirstWeek() throws {
        let data = try loadFiles(DataModelDocTests.docFiles(), plan: "plan-creche.yaml")
        let i = Inspection(data)
        #expect(i.counts.first { $0.record == "contributors" }?.count == 1)
        #expect(i.counts.first { $0.record == "attendance" }?.count == 1)
        #expect(i.periodDays == 7)
        let line = try #require(i.units.first { $0.unit == "line-l1" })
        #expect(line.firstWeek.count == 10)
        #expect(line.firstWeek.first == Inspection.OpenSpan(start: "2026-03-02T06:30", end: "2026-03-02T09:00", hours: 2.5))
        #expect(line.periodHours == 27.5)
        let text = i.text
        #expect(text.contains("period: 2026-03-02 to 2026-03-09 (7 days, end excluded)"))
        #expect(text.contains("    2026-03-02T06:30 → 2026-03-02T09:00 (2.50 h)"))
        #expect(text.contains("  contributors: 1"))
    }

    @Test func theInspectionEncodesAsJSON() throws {
        let data = try loadFiles(DataModelDocTests.docFiles())
        let json = try JSONEncoderShim.encode(Inspection(data))
        #expect(json.contains("\"time_zone\":\"Europe\\/Paris\"") || json.contains("\"time_zone\":\"Europe/Paris\""))
        #expect(json.contains("\"first_week\":[{\"end\":\"2026-03-09T00:00\",\"hours\":168,\"start\":\"2026-03-02T00:00\"}]"))
        // 28 days of 24/7 less the hour lost on 29 March.
        #expect(json.contains("\"period_hours\":671"))
    }
}

import Foundation

enum JSONEncoderShim {
    static func encode(_ v: some Encodable) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: try e.encode(v), as: UTF8.self)
    }
}

/// Interval algebra the rule kinds build on.
@Suite struct IntervalTests {
    func iv(_ a: Int64, _ b: Int64) -> Interval { Interval(start: a, end: b) }

    @Test func mergeJoinsOverlappingAndTouching() {
        #expect(Interval.merge([iv(5, 8), iv(0, 2), iv(2, 3), iv(7, 9), iv(4, 4)]) == [iv(0, 3), iv(5, 9)])
    }

    @Test func intersectAndSubtract() {
        let a = [iv(0, 10), iv(20, 30)], b = [iv(5, 25)]
        #expect(Interval.intersect(a, b) == [iv(5, 10), iv(20, 25)])
        #expect(Interval.subtract(a, b) == [iv(0, 5), iv(25, 30)])
        #expect(Interval.subtract([iv(0, 10)], [iv(2, 3), iv(5, 6)]) == [iv(0, 2), iv(3, 5), iv(6, 10)])
        #expect(Interval.totalDuration(a) == 20)
    }

    @Test func coverageCountsPresenceOverTheWindow() {
        let c = Interval.coverage(of: [iv(0, 10), iv(5, 15), iv(5, 15)], within: [iv(2, 20)])
        #expect(c.map(\.0) == [iv(2, 5), iv(5, 10), iv(10, 15), iv(15, 20)])
        #expect(c.map(\.1) == [1, 3, 2, 0])
    }
}
