import Testing
@testable import RuleEngine

/// The CSV reader against RFC 4180 and what spreadsheets export.
@Suite struct CSVCursorTests {
    /// Every record as (physical line, fields).
    func rows(_ text: String, separator: UInt8? = nil) throws -> [(Int, [String])] {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buf in
            let c = CSVCursor(buf, separator: separator)
            var out: [(Int, [String])] = []
            while try c.next() { out.append((c.rowLine, (0..<c.count).map { c.string($0) })) }
            return out
        }
    }

    @Test func quotedFieldsHoldSeparatorsAndQuotes() throws {
        let r = try rows("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n")
        #expect(r.map(\.1) == [["a", "b", "c"], ["1", "x, y", "say \"hi\""]])
    }

    @Test func embeddedNewlinesCountAsPhysicalLines() throws {
        let r = try rows("id,note\n1,\"two\nlines\"\n2,plain\n3,\"a\r\nb\"\n4,x\n")
        #expect(r.map(\.0) == [1, 2, 4, 5, 7])
        #expect(r[1].1 == ["1", "two\nlines"])
        #expect(r[3].1 == ["3", "a\r\nb"])
    }

    @Test func theFieldLineIsWhereTheFieldStarts() throws {
        let bytes = Array("a,b,c\n1,\"x\ny\",z\n".utf8)
        try bytes.withUnsafeBufferPointer { buf in
            let c = CSVCursor(buf, separator: nil)
            _ = try c.next()
            _ = try c.next()
            #expect(c.fieldLine(0) == 2)
            #expect(c.fieldLine(2) == 3)
        }
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let r = try rows("\u{FEFF}id,role\nc-1,spv\n")
        #expect(r.first?.1 == ["id", "role"])
    }

    @Test func semicolonsAreDetectedFromTheHeader() throws {
        let r = try rows("id;role;note\nc-1;spv;\"a;b\"\n")
        #expect(r.map(\.1) == [["id", "role", "note"], ["c-1", "spv", "a;b"]])
    }

    @Test func aCommaInsideAQuotedSemicolonHeaderDoesNotFoolDetection() throws {
        let r = try rows("\"a,b\";c\n1;2\n")
        #expect(r.map(\.1) == [["a,b", "c"], ["1", "2"]])
    }

    @Test func anExplicitSeparatorWins() throws {
        let r = try rows("a;b,c\n1;2,3\n", separator: CSVCursor.comma)
        #expect(r.map(\.1) == [["a;b", "c"], ["1;2", "3"]])
    }

    @Test func crlfAndNoFinalNewlineAndEmptyLines() throws {
        let r = try rows("a,b\r\n\r\n1,2\r\n\n3,\r\n4,5")
        #expect(r.map(\.1) == [["a", "b"], ["1", "2"], ["3", ""], ["4", "5"]])
        #expect(r.map(\.0) == [1, 3, 5, 6])
    }

    @Test func anUnclosedQuoteIsAnErrorWhereItOpens() {
        #expect(throws: CSVCursor.SyntaxError.self) { try rows("a,b\n1,\"open\n2,3\n") }
        do {
            _ = try rows("a,b\n1,\"open\n2,3\n")
        } catch let error as CSVCursor.SyntaxError {
            #expect(error.line == 2)
            #expect(error.column == 2)
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func textAfterAClosingQuoteIsAnError() {
        do {
            _ = try rows("a,b\n1,\"x\"y\n")
            Issue.record("accepted text after a closing quote")
        } catch let error as CSVCursor.SyntaxError {
            #expect(error.message == "unexpected 'y' after a closing quote; double a quote inside a quoted field (\"\")")
            #expect(error.line == 2)
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func aSemicolonRosterLoadsWithDecimalCommas() throws {
        let files = withRosters([
            "contributors.csv": "\u{FEFF}id;role;note\r\nc-1;spv;\"sapeur; première classe\"\r\n",
            "qualifications.csv": "contributor;code;hours\nc-1;PSC1;7,5\n",
        ], extraColumns: ["contributors.csv": ["note"]])
        let data = try loadFiles(files)
        #expect(data.contributors[0].extra["note"] == .string("sapeur; première classe"))
        #expect(data.contributors[0].qualifications?.first?.hours == 7.5)
    }

    @Test func aRaggedRowInACommaFileWithOneFieldHintsAtTheSeparator() {
        let errs = loadErrors(withRosters(["contributors.csv": "id,role\nc-1;spv\n"]))
        #expect(errs == ["contributors.csv:2:1: error: row has 1 field but the header has 2; is the separator ';'?"])
    }

    @Test func theSeparatorOptionAppliesToEveryFile() throws {
        let files = withRosters(["contributors.csv": "id;role\nc-1;spv\n"])
        let errs = loadErrors(files, separator: ",")
        #expect(errs == ["contributors.csv:1:1: error: missing required column 'id' in the contributors file",
                         "contributors.csv:1:1: error: missing required column 'role' in the contributors file"])
    }

    @Test func anErrorInAMultiLineRowIsOnItsPhysicalLine() {
        let errs = loadErrors(withRosters(["contributors.csv": "id,role,note,birth_date\nc-1,spv,\"a\nb\",1990-13-01\n"],
                                          extraColumns: ["contributors.csv": ["note"]]))
        #expect(errs == ["contributors.csv:3:4: error: bad date '1990-13-01' in column 'birth_date' (there is no month 13)"])
    }
}
