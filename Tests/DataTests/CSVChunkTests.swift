import Testing
@testable import RuleEngine

/// A CSV file read in chunks on several threads gives the same records and the same
/// diagnostics, in the same order, as reading it row by row; small files are split here by
/// shrinking the chunk size to a few bytes, so boundaries land everywhere.
@Suite struct CSVChunkTests {
    /// What one read of a file leaves: records and diagnostics, comparable as a whole.
    struct Outcome: Equatable {
        var contributors: [Contributor]
        var assignments: [Assignment]
        var qualifications: [String]
        var increasing: Bool
        var errors: [Diagnostic]
        var warnings: [Diagnostic]
        var dropped: Int
    }

    /// Contributors known before the file is read: `c-1`…`c-3`.
    static func known() -> [Contributor] {
        (1...3).map { i in
            let c = Contributor(id: "c-\(i)", role: "spv", location: Location(file: "c.csv", line: i + 1, column: 1))
            c.index = i - 1
            return c
        }
    }

    func read(_ text: String, kind: RosterReference.Kind, chunking: CSVChunking, separator: Character? = nil) -> Outcome {
        var reader = FieldReader(zone: .paris)
        var records = RosterRecords()
        records.unitTable = IDTable(capacity: 2)
        _ = records.unitTable.insert("cis-a", index: 0)
        _ = records.unitTable.insert("cis-b", index: 1)
        if kind == .assignments { records.contributors = CSVChunkTests.known() }
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buf in
            RosterReader.readCSV(bytes: buf, file: "f.csv", kind: kind, separator: separator, reader: &reader,
                                 into: &records, chunking: chunking)
        }
        // Chunks number their records within themselves; `PlanLoader.resolve` numbers them all.
        for (i, c) in records.contributors.enumerated() { c.index = i }
        for (i, a) in records.assignments.enumerated() { a.index = i }
        return Outcome(contributors: records.contributors, assignments: records.assignments,
                       qualifications: records.allQualifications.joined().map { "\($0.contributor) \($0.qualification) \($0.location)" },
                       increasing: records.assignmentIDsIncreasing, errors: reader.sink.errors,
                       warnings: reader.sink.warnings, dropped: reader.sink.dropped)
    }

    /// Chunk sizes from one byte up, each with a few chunk counts.
    static let chunkings: [CSVChunking] = [1, 2, 3, 5, 7, 11, 17, 29, 47, 83, 151, 307, 601].flatMap { size in
        [2, 3, 8, 64].map { CSVChunking(minimumChunkBytes: size, maximumChunks: $0) }
    }

    /// Reads `text` row by row and in every chunking; expects every outcome to be the first.
    func expectSameInEveryChunking(_ text: String, kind: RosterReference.Kind, separator: Character? = nil,
                                   sourceLocation: SourceLocation = #_sourceLocation) -> Outcome {
        let expected = read(text, kind: kind, chunking: .sequential, separator: separator)
        for chunking in CSVChunkTests.chunkings {
            let got = read(text, kind: kind, chunking: chunking, separator: separator)
            #expect(got == expected, "chunk size \(chunking.minimumChunkBytes), at most \(chunking.maximumChunks) chunks",
                    sourceLocation: sourceLocation)
            if got != expected { break }
        }
        return expected
    }

    /// Sixty assignments with, here and there, a bad date, an end before its start, a missing
    /// value, a ragged row, a local time in the spring-forward gap, an unknown contributor or
    /// unit, and quoted sources holding separators, quotes and line breaks.
    static func assignments(lineEnd: String = "\n", separator: String = ",") -> String {
        var rows = ["id,contributor,unit,start,end,kind,source,note".replacingOccurrences(of: ",", with: separator)]
        for i in 1...60 {
            var start = "2026-03-0\(i % 7 + 2)T19:00", end = "2026-03-0\(i % 7 + 3)T07:00"
            var kind = "garde"
            var source = "declared"
            switch i % 11 {
            case 1: start = "2026-02-30T19:00"
            case 2: (start, end) = (end, start)
            case 3: kind = ""
            case 4: source = "\"two\(lineEnd)lines, \"\"quoted\"\"\(lineEnd)\""
            case 5: start = "2026-03-29T02:30"
            case 6: source = "\"\(separator)\(lineEnd)\(lineEnd)\""
            default: break
            }
            let fields = ["a-\(1000 + i)", "c-\(i % 4)", i % 13 == 0 ? "cis-x" : (i % 2 == 0 ? "cis-a" : "cis-b"),
                          start, end, kind, source, "n\(i)"]
            rows.append(i % 17 == 9 ? fields.prefix(5).joined(separator: separator) : fields.joined(separator: separator))
            if i % 19 == 0 { rows.append("") }
        }
        return rows.joined(separator: lineEnd) + lineEnd
    }

    @Test func chunkedAssignmentsMatchRowByRow() throws {
        let out = expectSameInEveryChunking(CSVChunkTests.assignments(), kind: .assignments)
        // The file exercises what it claims to: records resolved, errors in several places.
        #expect(out.assignments.count > 30)
        #expect(out.assignments.contains { $0.contributorIndex >= 0 && $0.unitIndex >= 0 })
        #expect(out.assignments.contains { $0.source?.contains("\n") == true })
        #expect(Set(out.errors.map(\.location.line)).count > 10)
        #expect(out.errors.contains { $0.message.hasPrefix("row has 5 fields") })
        #expect(out.increasing)
    }

    @Test func crlfLineEndsAreSplitAndCountedTheSame() throws {
        let out = expectSameInEveryChunking(CSVChunkTests.assignments(lineEnd: "\r\n"), kind: .assignments)
        #expect(out.errors.count > 10)
        #expect(out.assignments.contains { $0.source?.contains("\r\n") == true })
    }

    @Test func mixedLineEndsCountLinesAsTheCursorDoes() throws {
        // Lone carriage returns end lines too, quoted or not; only line feeds split chunks.
        let ends = ["\r\n", "\r", "\n"]
        var text = "id,contributor,unit,start,end,kind,source"
        for i in 1...30 {
            text += ends[i % 3] + "a-\(100 + i),c-1,cis-a,2026-03-0\(i % 5 + 2)T19:00,"
                + "\(i % 4 == 0 ? "bad" : "2026-03-09T07:00"),garde,\(i % 3 == 0 ? "\"x\ry\r\nz\"" : "s")"
        }
        let out = expectSameInEveryChunking(text + "\n", kind: .assignments)
        #expect(out.errors.count == 7)
        #expect(out.assignments.last?.location.line == 49)
    }

    @Test func aByteOrderMarkAndSemicolonsWithDecimalCommas() throws {
        var text = "\u{FEFF}contributor;code;hours;obtained;valid_until\n"
        for i in 1...40 {
            text += "c-\(i % 5);\(i % 6 == 0 ? "" : "FI");\(i % 7 == 0 ? "1x" : "\(i),5");2024-0\(i % 9 + 1)-1\(i % 10);\"\(i % 8 == 0 ? "2027-13-01" : "")\"\n"
        }
        let out = expectSameInEveryChunking(text, kind: .qualifications)
        #expect(out.qualifications.count > 20)
        #expect(out.errors.contains { $0.message == "bad number '1x' in column 'hours'" })
        #expect(out.errors.contains { $0.message == "missing value in required column 'code'" })
        #expect(out.errors.contains { $0.message.contains("no month 13") })
    }

    @Test func semicolonAssignmentsWithAnExplicitSeparator() throws {
        let out = expectSameInEveryChunking(CSVChunkTests.assignments(separator: ";"), kind: .assignments, separator: ";")
        #expect(out.assignments.count > 30)
    }

    @Test func contributorsWithExtraColumnsAndLists() throws {
        var text = "id,role,birth_date,units,qualifications,specialty,medical_fit\n"
        for i in 1...50 {
            text += "c-\(i),spv,19\(50 + i % 50)-0\(i % 9 + 1)-2\(i % 10),\"cis-a|cis-b\",\"FI | COD1\",\(i % 3 == 0 ? "\"multi\nline\"" : "x"),\(i % 6 == 0 ? "maybe" : "true")\n"
        }
        let out = expectSameInEveryChunking(text, kind: .contributors)
        #expect(out.contributors.count == 50)
        #expect(out.contributors.map(\.id) == (1...50).map { "c-\($0)" })
        #expect(out.errors.count >= 8)
    }

    @Test func aQuotedLineFeedOnAChunkBoundaryIsReadAgainFromWhereTheRowEnded() throws {
        // One long quoted field full of line feeds: every inner boundary falls inside it.
        let note = String(repeating: "line\n", count: 40)
        let text = "id,contributor,unit,start,end,kind,source\n"
            + "a-1,c-1,cis-a,2026-03-02T19:00,2026-03-03T07:00,garde,\"\(note)\"\n"
            + "a-2,c-2,cis-b,2026-03-02T19:00,bad,garde,s\n"
            + "a-3,c-3,cis-b,2026-03-02T19:00,2026-03-03T07:00,garde,s\n"
        let chunking = CSVChunking(minimumChunkBytes: 20, maximumChunks: 4)
        let bytes = Array(text.utf8)
        func offset(_ s: String) -> Int {
            let p = Array(s.utf8)
            return (0...(bytes.count - p.count)).first { Array(bytes[$0..<($0 + p.count)]) == p } ?? -1
        }
        let header = offset("a-1,")
        let (quoteStart, quoteEnd) = (offset(",\"line"), offset("\"\na-2"))
        let bounds = bytes.withUnsafeBufferPointer { CSVChunking.bounds($0, from: header, chunks: 4) }
        #expect(bounds.dropFirst().dropLast().contains { $0 > quoteStart && $0 < quoteEnd })
        let expected = read(text, kind: .assignments, chunking: .sequential)
        let got = read(text, kind: .assignments, chunking: chunking)
        #expect(got == expected)
        #expect(got.assignments.map(\.id) == ["a-1", "a-3"])
        #expect(got.errors.map(\.description) == [
            "f.csv:43:5: error: bad date-time 'bad' in column 'end'; expected YYYY-MM-DDTHH:MM[:SS] with an optional Z or ±HH:MM",
        ])
    }

    @Test func aSyntaxErrorInALaterChunkEndsTheFileThereAsRowByRow() throws {
        var lines = CSVChunkTests.assignments().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[40] = "a-bad,c-1,cis-a,\"2026-03-02T19:00\"x,2026-03-03T07:00,garde,s,n"
        let out = expectSameInEveryChunking(lines.joined(separator: "\n"), kind: .assignments)
        #expect(out.errors.last?.message.hasPrefix("unexpected 'x' after a closing quote") == true)
        #expect(out.assignments.allSatisfy { $0.location.line < 41 })
    }

    @Test func aQuoteLeftOpenSwallowsTheRestOfTheFileAsRowByRow() throws {
        var lines = (1...40).map { i in "a-\(100 + i),c-\(i % 4),cis-a,2026-03-0\(i % 5 + 2)T19:00,2026-03-09T07:00,garde,s" }
        lines[25] = "a-open,c-1,cis-a,2026-03-02T19:00,2026-03-03T07:00,garde,\"never closed"
        let out = expectSameInEveryChunking("id,contributor,unit,start,end,kind,source\n" + lines.joined(separator: "\n"), kind: .assignments)
        #expect(out.errors.last?.description == "f.csv:27:7: error: quoted field is never closed; add the closing '\"'")
        #expect(out.assignments.count == 25)
    }

    @Test func theErrorCapKeepsTheFirstErrorsOfTheFileAndCountsTheRest() throws {
        var text = "id,contributor,unit,start,end,kind\n"
        for i in 0..<1_200 { text += "a-\(10_000 + i),c-1,cis-a,2026-02-3\(i % 2)T10:00,2026-03-03T07:00,garde\n" }
        let out = expectSameInEveryChunking(text, kind: .assignments)
        #expect(out.errors.count == DiagnosticSink.limit)
        #expect(out.dropped == 200)
        #expect(out.errors.last?.location.line == 1_001)
    }

    @Test func aFileOverTheRowLimitIsReadRowByRowToNameTheRowThatCrossesIt() throws {
        let text = CSVChunkTests.assignments()
        let limit = 40
        let expected = read(text, kind: .assignments, chunking: CSVChunking(minimumChunkBytes: .max, maximumChunks: 1, recordLimit: limit))
        #expect(expected.errors.last?.message == "file has more than 40 rows; split it into several files")
        for size in [1, 7, 83, 601] {
            let got = read(text, kind: .assignments, chunking: CSVChunking(minimumChunkBytes: size, maximumChunks: 8, recordLimit: limit))
            #expect(got == expected, "chunk size \(size)")
        }
        // Under the limit, the chunked read is kept.
        let under = CSVChunking(minimumChunkBytes: 7, maximumChunks: 8, recordLimit: 1_000)
        #expect(read(text, kind: .assignments, chunking: under) == read(text, kind: .assignments, chunking: .sequential))
    }

    @Test func idsOutOfOrderAcrossChunksAreNoticed() throws {
        let rows = (1...40).map { i in "a-\(i == 30 ? 1005 : 1000 + i),c-1,cis-a,2026-03-02T19:00,2026-03-03T07:00,garde" }
        let out = expectSameInEveryChunking("id,contributor,unit,start,end,kind\n" + rows.joined(separator: "\n"), kind: .assignments)
        #expect(!out.increasing)
    }

    @Test func lineBreaksAreCountedAsTheCursorCountsThem() {
        let text = "a\nb\r\nc\rd\r\r\n\"e\r\nf\"\n"
        let bytes = Array(text.utf8)
        let n = bytes.withUnsafeBufferPointer { CSVChunking.lineBreaks($0, 0..<$0.count) }
        #expect(n == 7)
    }

    @Test func boundsFollowLineFeedsAndCoverTheBody() {
        let bytes = Array("h\nab\ncd\nef\n".utf8)
        let b = bytes.withUnsafeBufferPointer { CSVChunking.bounds($0, from: 2, chunks: 3) }
        #expect(b == [2, 8, 11, 11])
        #expect(CSVChunking.automatic.chunks(forBytes: 100) == 1)
        #expect(CSVChunking.sequential.chunks(forBytes: 1 << 40) == 1)
    }
}
