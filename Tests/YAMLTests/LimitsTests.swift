import Testing
@testable import RuleEngine

@Suite struct LimitsTests {
    @Test func hundredThousandNestedBracketsFailAtTheDepthLimit() {
        let text = String(repeating: "[", count: 100_000)
        #expect(diagnostic(text) == "t.yaml:1:513: error: nesting is deeper than 512 levels; flatten the document")
    }

    @Test func nestingAtTheLimitLoads() throws {
        let text = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        var node = try #require(try load(text).documents.first)
        var depth = 1
        while let first = node.items?.first { node = first; depth += 1 }
        #expect(depth == 512)
    }

    @Test func deepBlockNestingIsLocatedAtTheFirstCollectionTooDeep() {
        var limits = YAMLLoader.Limits()
        limits.maxDepth = 3
        #expect(diagnostic("a:\n b:\n  c:\n   d: 1\n", limits: limits) ==
            "t.yaml:4:4: error: nesting is deeper than 3 levels; flatten the document")
    }

    @Test func fiftyMegabyteScalarLoads() throws {
        var bytes = Array("big: ".utf8)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "x"), count: 50_000_000))
        bytes.append(UInt8(ascii: "\n"))
        let document = try #require(try YAMLLoader.load(bytes: bytes, file: "t.yaml").documents.first)
        #expect(document["big"]?.string?.utf8.count == 50_000_000)
    }

    @Test func inputLargerThanTheLimitIsRejected() {
        var limits = YAMLLoader.Limits()
        limits.maxFileSize = 8
        #expect(diagnostic("a: 123456789\n", limits: limits) ==
            "t.yaml:1:1: error: file is 13 bytes, larger than the limit of 8 bytes; split it into smaller files")
    }

    @Test func moreDocumentsThanTheLimitAreRejected() {
        var limits = YAMLLoader.Limits()
        limits.maxDocuments = 2
        #expect(diagnostic("1\n---\n2\n---\n3\n", limits: limits) ==
            "t.yaml:4:1: error: stream has more than 2 documents; split it into several files")
    }

    @Test func moreNodesThanTheLimitAreRejected() {
        var limits = YAMLLoader.Limits()
        limits.maxNodes = 4
        #expect(diagnostic("a: [1, 2]\nb: 3\n", limits: limits) ==
            "t.yaml:1:8: error: stream has more than 4 nodes; split it into smaller files")
    }

    @Test func largeFlatSequenceMovesOutInChunksIntact() throws {
        // More items than one chunk of the node stack (65,536), to exercise the chunked move.
        let count = 200_003
        let text = "[" + (0..<count).map(String.init).joined(separator: ",") + "]"
        let items = try #require(try load(text).documents.first?.items)
        #expect(items.count == count)
        #expect(items.enumerated().allSatisfy { $0.element.int == $0.offset })
        #expect(items.last?.location.column == text.count - String(count - 1).count)
    }

    @Test func largeMappingMovesOutInChunksIntact() throws {
        let count = 100_001
        let text = (0..<count).map { "k\($0): \($0)\n" }.joined()
        let pairs = try #require(try load(text).documents.first?.pairs)
        #expect(pairs.count == count)
        #expect(pairs.enumerated().allSatisfy { $0.element.key.string == "k\($0.offset)" && $0.element.value.int == $0.offset })
        #expect(pairs.last?.key.location.line == count)
    }

    @Test func invalidUTF8IsLocatedAtTheBadByte() {
        #expect(diagnostic(bytes: Array("a: ok\nb: caf".utf8) + [0xC3, 0x28] + [0x0A]) ==
            "t.yaml:2:8: error: invalid UTF-8: invalid trailing UTF-8 octet (byte 0x28); save the file as UTF-8")
        #expect(diagnostic(bytes: Array("é: ".utf8) + [0xFF]) ==
            "t.yaml:1:4: error: invalid UTF-8: invalid leading UTF-8 octet (byte 0xff); save the file as UTF-8")
    }

    @Test func nulByteIsLocated() {
        #expect(diagnostic(bytes: Array("a: 1\nb: x".utf8) + [0] + Array("y\n".utf8)) ==
            "t.yaml:2:5: error: NUL byte is not allowed in YAML; remove it")
    }

    @Test func otherControlCharacterIsNamed() {
        #expect(diagnostic(bytes: Array("a: \u{07}\n".utf8)) ==
            "t.yaml:1:4: error: control character U+0007 is not allowed in YAML; remove it")
    }

    @Test func libyamlErrorCarriesItsContextAsANote() {
        #expect(diagnostic("a: [1, 2\n") == """
            t.yaml:2:1: error: did not find expected ',' or ']'
            t.yaml:1:4: note: while parsing a flow sequence
            """)
        #expect(diagnostic("a: b: c\n") == "t.yaml:1:5: error: mapping values are not allowed in this context")
    }
}

@Suite struct StreamTests {
    @Test func everyDocumentIsLoadedInOrder() throws {
        let stream = try load("a: 1\n---\n- 2\n--- x\n...\n---\n")
        #expect(stream.documents.map(\.kindName) == ["mapping", "sequence", "string", "null"])
        #expect(stream.documents.map(\.location.line) == [1, 3, 4, 6])
    }

    @Test func emptyBytesAreTheEmptyStream() throws {
        #expect(try load("").documents.isEmpty)
        #expect(try load("# only a comment\n\n").documents.isEmpty)
    }

    @Test func byteOrderMarkIsSkippedAndDoesNotShiftColumns() throws {
        let stream = try YAMLLoader.load(bytes: [0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8), file: "t.yaml")
        let pair = try #require(stream.documents.first?.pairs?.first)
        #expect(pair.key.string == "a")
        #expect(pair.key.location == Location(file: "t.yaml", line: 1, column: 1))
        #expect(pair.value.location == Location(file: "t.yaml", line: 1, column: 4))
    }

    @Test func crlfLineEndsCountAsOneLineEach() throws {
        let document = try #require(try load("a: 1\r\nb: |\r\n  x\r\n  y\r\nc: 3\r\n").documents.first)
        #expect(document["b"]?.string == "x\ny\n")
        #expect(document.pair("c")?.key.location.line == 5)
    }

    @Test func locationsAreOneBasedAndCountUnicodeScalars() throws {
        let document = try #require(try load("élan: [x, 'ü', y]\n").documents.first)
        let items = try #require(document["élan"]?.items)
        #expect(items.map(\.location.column) == [8, 11, 16])
        #expect(document.location == Location(file: "t.yaml", line: 1, column: 1))
    }
}
