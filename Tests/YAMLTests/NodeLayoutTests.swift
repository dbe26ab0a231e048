import Testing
@testable import RuleEngine

/// A node stores its place compactly (line, column, an interned file; see YAMLNode) and rebuilds
/// `location` and `tag` on demand: these tests hold the public behaviour to what a stored
/// `Location` gave.
@Suite struct NodeLayoutTests {
    @Test func aNodeTakesFortyBytes() {
        // The memory of a loaded stream is mostly nodes: this size is what maxNodes is based on.
        #expect(MemoryLayout<YAMLNode>.stride <= 40)
        #expect(MemoryLayout<YAMLPair>.stride == 2 * MemoryLayout<YAMLNode>.stride)
    }

    @Test func loadedNodesKeepFileLineAndColumn() throws {
        let stream = try YAMLLoader.load(bytes: Array("a:\n  - !x 1\n  - b\n".utf8), file: "dir/roster.yaml")
        let root = try #require(stream.documents.first)
        #expect(root.location == Location(file: "dir/roster.yaml", line: 1, column: 1))
        let items = try #require(root["a"]?.items)
        #expect(items.map(\.location.description) == ["dir/roster.yaml:2:5", "dir/roster.yaml:3:5"])
        #expect(items.map(\.tag) == ["!x", nil])
        #expect(items.first?.location.file == "dir/roster.yaml")
    }

    @Test func settingTheLocationKeepsTheTagAndTheOtherWayRound() {
        var node = YAMLNode(.string("x"), at: Location(file: "a.yaml", line: 3, column: 4), tag: "!t")
        node.location = Location(file: "b.yaml", line: 7, column: 9)
        #expect(node.location == Location(file: "b.yaml", line: 7, column: 9))
        #expect(node.tag == "!t")
        node.tag = nil
        #expect(node.tag == nil)
        #expect(node.location == Location(file: "b.yaml", line: 7, column: 9))
        node.tag = "!u"
        #expect(node.tag == "!u")
        #expect(node.location.file == "b.yaml")
    }

    @Test func nodesAreEqualWhenValueLocationAndTagAre() throws {
        let text = Array("k: v\n".utf8)
        let first = try YAMLLoader.load(bytes: text, file: "same.yaml").documents
        let again = try YAMLLoader.load(bytes: text, file: "same.yaml").documents
        let elsewhere = try YAMLLoader.load(bytes: text, file: "other.yaml").documents
        #expect(first == again)
        #expect(first.first?.hashValue == again.first?.hashValue)
        #expect(first != elsewhere)
        let plain = YAMLNode(.int(1), at: .start(of: "t.yaml"))
        let tagged = YAMLNode(.int(1), at: .start(of: "t.yaml"), tag: "!n")
        #expect(plain != tagged)
        #expect(Set([plain, tagged, YAMLNode(.int(1), at: .start(of: "t.yaml"))]).count == 2)
    }

    @Test func twoUnicodeSpellingsOfAFileNameStayTwoFiles() throws {
        // On Linux "café" in NFC and in NFD are two different files; String calls them equal.
        let composed = "caf\u{E9}.yaml"
        let decomposed = "cafe\u{301}.yaml"
        let a = try #require(try YAMLLoader.load(bytes: Array("1".utf8), file: composed).documents.first)
        let b = try #require(try YAMLLoader.load(bytes: Array("1".utf8), file: decomposed).documents.first)
        #expect(Array(a.location.file.utf8) == Array(composed.utf8))
        #expect(Array(b.location.file.utf8) == Array(decomposed.utf8))
    }
}
