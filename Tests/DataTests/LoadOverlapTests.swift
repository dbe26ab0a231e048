import Testing
@testable import RuleEngine

/// The loader reads the first contributors and qualifications files while the plan is decoded,
/// and attaches large qualification files on every core; neither changes what a load gives.
@Suite struct LoadOverlapTests {
    static let contributors = "id,role,birth_date\nc-1,spv,1988-04-12\nc-2,spv,2001-02-30\nc-3,spv,1990-01-01\n"
    static let assignments = "id,contributor,unit,start,end,kind\na-1,c-1,cis-a,2026-03-02T19:00,2026-03-03T07:00,garde\na-2,c-9,cis-a,2026-03-02T19:00,2026-03-03T07:00,garde\n"

    func plan(_ rosters: [String], extra: String = "") -> String {
        minimalPlan + "\n" + extra + "rosters:\n" + rosters.map { "  - \($0)\n" }.joined()
    }

    @Test func rostersReadWhileThePlanIsDecodedReportTheirErrors() {
        let files = ["plan.yaml": plan(["contributors.csv", "qualifications.csv", "assignments.csv"]),
                     "contributors.csv": LoadOverlapTests.contributors,
                     "qualifications.csv": "contributor,code,hours\nc-1,FI,x\nc-7,FI,2\n",
                     "assignments.csv": LoadOverlapTests.assignments]
        // Errors are shown sorted by place.
        #expect(loadErrors(files) == [
            "assignments.csv:3:1: error: unknown contributor 'c-9' in assignment 'a-2'; did you mean 'c-1'?",
            "contributors.csv:3:3: error: bad date '2001-02-30' in column 'birth_date' (February 2001 has 28 days)",
            "qualifications.csv:2:3: error: bad number 'x' in column 'hours'",
            "qualifications.csv:3:1: error: unknown contributor 'c-7' in qualification 'FI'; did you mean 'c-1'?",
        ])
    }

    @Test func rostersReadAheadAreDroppedWhenThePlanCannotBeRead() {
        // Without a plan no roster is read, so the contributors' bad date is not reported.
        let files = ["plan.yaml": plan(["contributors.csv"]).replacingOccurrences(of: "id: t\n", with: ""),
                     "contributors.csv": LoadOverlapTests.contributors]
        #expect(loadErrors(files) == ["plan.yaml:1:1: error: missing required key 'id' in the plan"])
    }

    @Test func readAheadRecordsAreTheRecordsOfAPlainLoad() throws {
        let good = LoadOverlapTests.contributors.replacingOccurrences(of: "2001-02-30", with: "2001-02-28")
        let quals = "contributor,code,hours\nc-1,FI,2\nc-3,COD1,35\n"
        let ahead = try loadFiles(["plan.yaml": plan(["contributors.csv", "qualifications.csv"]),
                                   "contributors.csv": good, "qualifications.csv": quals])
        // Listed after a file the plan is needed for, nothing is read ahead.
        let after = try loadFiles(["plan.yaml": plan(["assignments.csv", "contributors.csv", "qualifications.csv"]),
                                   "contributors.csv": good, "qualifications.csv": quals,
                                   "assignments.csv": "id,contributor,unit,start,end,kind\n"])
        #expect(ahead.contributors == after.contributors)
        #expect(ahead.contributors.map { $0.qualifications?.map(\.code) ?? [] } == [["FI"], [], ["COD1"]])
        #expect(ahead.files == ["plan.yaml", "contributors.csv", "qualifications.csv"])
    }

    /// A file large enough to be read in chunks: every record numbered and resolved as one.
    @Test func aChunkedAssignmentsFileIsNumberedAndResolvedAsAWhole() throws {
        var assignments = "id,contributor,unit,position,start,end,kind,engine,source\n"
        let rows = 60_000
        for r in 0..<rows {
            assignments += "a-\(100_000 + r),c-\(r % 3 + 1),\(r % 2 == 0 ? "cis-a" : "cis-bourgoin"),chef_agres,2026-03-02T19:00,2026-03-03T07:00,garde,VSAV,declared_availability\n"
        }
        #expect(assignments.utf8.count > 2 * CSVChunking.automatic.minimumChunkBytes)
        let good = LoadOverlapTests.contributors.replacingOccurrences(of: "2001-02-30", with: "2001-02-28")
        let data = try loadFiles(["plan.yaml": plan(["contributors.csv", "assignments.csv"]),
                                  "contributors.csv": good, "assignments.csv": assignments])
        #expect(data.assignments.count == rows)
        #expect(data.assignments.map(\.index) == Array(0..<rows))
        #expect(data.assignments.map(\.contributorIndex) == (0..<rows).map { $0 % 3 })
        #expect(data.assignments.map(\.unitIndex) == (0..<rows).map { $0 % 2 })
        #expect(data.assignments.map(\.location.line) == Array(2..<(rows + 2)))
    }

    /// Enough rows to be attached on several threads; each contributor's rows are spread over
    /// the whole file.
    @Test func aLargeQualificationFileIsAttachedInFileOrderPerContributor() throws {
        let people = 500
        var contributors = "id,role\n"
        for p in 0..<people { contributors += "c-\(p),spv\n" }
        var quals = "contributor,code,hours\n"
        let rows = 120_000
        for r in 0..<rows { quals += "c-\(r * 7 % people),Q\(r % 3),\(r)\n" }
        let data = try loadFiles(["plan.yaml": plan(["contributors.csv", "qualifications.csv"]),
                                  "contributors.csv": contributors, "qualifications.csv": quals])
        for p in [0, 1, 250, 499] {
            let expected = (0..<rows).filter { $0 * 7 % people == p }.map(Double.init)
            #expect(data.contributors[p].qualifications?.map { $0.hours ?? -1 } == expected)
        }
        #expect(data.contributors.allSatisfy { $0.qualifications?.count == rows / people })
    }

    @Test func unknownContributorsOfALargeQualificationFileAreReportedInFileOrder() {
        var quals = "contributor,code\n"
        for r in 0..<110_000 { quals += r % 20_000 == 7 ? "x-\(r),FI\n" : "c-\(r % 3 + 1),FI\n" }
        let errs = loadErrors(["plan.yaml": plan(["contributors.csv", "qualifications.csv"]),
                               "contributors.csv": LoadOverlapTests.contributors.replacingOccurrences(of: "2001-02-30", with: "2001-02-28"),
                               "qualifications.csv": quals])
        #expect(errs == [7, 20_007, 40_007, 60_007, 80_007, 100_007].map {
            "qualifications.csv:\($0 + 2):1: error: unknown contributor 'x-\($0)' in qualification 'FI'"
        })
    }
}
