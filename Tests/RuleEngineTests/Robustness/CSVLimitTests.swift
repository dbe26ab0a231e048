import Testing
@testable import RuleEngine

/// The CSV reader's bounds (docs/robustness.md): a field over 1 MiB, a row over 10,000 fields
/// or a file over 10 million rows is a located syntax error, so that a hostile or broken roster
/// can neither exhaust memory nor pass for data.
@Suite struct CSVLimitTests {
    /// Reads every record of `bytes`; the first syntax error, or nil and the record count.
    private func read(_ bytes: [UInt8]) -> (error: CSVCursor.SyntaxError?, records: Int) {
        bytes.withUnsafeBufferPointer { buf in
            let cursor = CSVCursor(buf, separator: UInt8(ascii: ","))
            var records = 0
            do throws(CSVCursor.SyntaxError) {
                while try cursor.next() { records += 1 }
                return (nil, records)
            } catch {
                return (error, records)
            }
        }
    }

    private func field(_ length: Int, quoted: Bool) -> [UInt8] {
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: length)
        let cell = quoted ? [UInt8(ascii: "\"")] + body + [UInt8(ascii: "\"")] : body
        return Array("id,name\n".utf8) + Array("a,".utf8) + cell + [10]
    }

    @Test func aFieldOfExactly1MiBIsRead() {
        #expect(read(field(CSVCursor.maxFieldBytes, quoted: false)).records == 2)
        #expect(read(field(CSVCursor.maxFieldBytes, quoted: true)).records == 2)
    }

    @Test func aFieldOneByteOverTheLimitIsLocatedAtItsRowAndColumn() throws {
        for quoted in [false, true] {
            let error = try #require(read(field(CSVCursor.maxFieldBytes + 1, quoted: quoted)).error)
            #expect(error.line == 2)
            #expect(error.column == 2)
            #expect(error.message == "field is longer than 1048576 bytes; a roster field holds an id, a date or a short text (is a quote left open?)")
        }
    }

    @Test func aHundredMegabyteFieldStopsAtTheLimit() throws {
        let error = try #require(read(field(100 << 20, quoted: true)).error)
        #expect(error.line == 2)
        #expect(error.message.hasPrefix("field is longer than 1048576 bytes"))
    }

    @Test func aRowOfMoreThan10000FieldsIsLocated() throws {
        let row = Array(repeating: "x", count: CSVCursor.maxFields + 1).joined(separator: ",")
        let error = try #require(read(Array("id\n\(row)\n".utf8)).error)
        #expect(error.line == 2)
        #expect(error.message == "row has more than 10000 fields; is the separator right?")
        #expect(read(Array(Array(repeating: "x", count: CSVCursor.maxFields).joined(separator: ",").utf8)).records == 1)
    }

    @Test func aFileOfMoreThanTenMillionRowsIsLocatedAtTheFirstRowOver() throws {
        var bytes = [UInt8]()
        bytes.reserveCapacity(2 * (CSVCursor.maxRecords + 1))
        for _ in 0...CSVCursor.maxRecords { bytes.append(UInt8(ascii: "x")); bytes.append(10) }
        let (error, records) = read(bytes)
        #expect(records == CSVCursor.maxRecords)
        let e = try #require(error)
        #expect(e.line == CSVCursor.maxRecords + 1)
        #expect(e.message == "file has more than 10000000 rows; split it into several files")
    }

    @Test func emptyLinesDoNotCountAsRows() {
        #expect(read(Array("id\n\n\n\nx\n".utf8)).records == 2)
    }

    @Test func theLimitIsAnErrorOfTheRosterThroughThePlanLoader() throws {
        let csv = "id,role\n" + "d-01," + String(repeating: "x", count: CSVCursor.maxFieldBytes + 1) + "\n"
        let plan = """
            id: t
            name: T
            kind: fire_rescue
            effective_from: 2026-01-01
            period: {start: 2026-03-02, end: 2026-03-09}
            units: [{id: u, kind: station}]
            rosters: [contributors.csv]
            """
        do {
            _ = try PlanLoader.load(planBytes: Array(plan.utf8), planFile: "plan.yaml") { path in
                (path, path == "contributors.csv" ? Array(csv.utf8) : nil)
            }
            Issue.record("a roster over the field limit loaded")
        } catch {
            #expect(error.diagnostics.map(\.description).first?.hasPrefix("contributors.csv:2:2: error: field is longer than 1048576 bytes") == true)
        }
    }

    @Test func pastAThousandErrorsTheRestAreCountedNotListed() throws {
        let rows = (1...1_500).map { "d-\($0),driver,2026-02-30" }.joined(separator: "\n")
        let plan = """
            id: t
            name: T
            kind: fire_rescue
            effective_from: 2026-01-01
            period: {start: 2026-03-02, end: 2026-03-09}
            units: [{id: u, kind: station}]
            rosters: [contributors.csv]
            """
        do {
            _ = try PlanLoader.load(planBytes: Array(plan.utf8), planFile: "plan.yaml") { path in
                (path, path == "contributors.csv" ? Array("id,role,birth_date\n\(rows)\n".utf8) : nil)
            }
            Issue.record("1,500 bad rows loaded")
        } catch {
            let messages = error.diagnostics.map(\.message)
            #expect(messages.count == DiagnosticSink.limit + 1)
            #expect(messages.last == "500 more errors not shown")
        }
    }
}
