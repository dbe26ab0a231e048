import Foundation
import Testing
@testable import RuleEngine

/// Content-Length framing and JSON as the server reads them from an untrusted editor.
@Suite struct MessageFramingTests {
    /// A reader over `bytes` handed out `chunk` bytes at a time.
    private func reader(_ bytes: [UInt8], chunk: Int = 7) -> MessageReader {
        final class Source: @unchecked Sendable { var offset = 0 }
        let source = Source()
        return MessageReader(read: { out in
            guard source.offset < bytes.count else { return false }
            let end = min(bytes.count, source.offset + chunk)
            out.append(contentsOf: bytes[source.offset..<end])
            source.offset = end
            return true
        })
    }

    private func frame(_ body: String) -> [UInt8] {
        Array("Content-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
    }

    private func items(_ bytes: [UInt8], chunk: Int = 7) -> [MessageReader.Item] {
        var r = reader(bytes, chunk: chunk)
        var out: [MessageReader.Item] = []
        while let item = r.next() { out.append(item) }
        return out
    }

    @Test func messagesSplitAcrossReadsAreReassembled() {
        let bytes = frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize"}"#) + frame(#"{"jsonrpc":"2.0","method":"initialized","params":{"é":"ü\n"}}"#)
        let got = items(bytes, chunk: 3)
        #expect(got.count == 2)
        guard case .message(let first) = got[0], case .message(let second) = got[1] else {
            Issue.record("expected two messages, got \(got)")
            return
        }
        #expect(first["method"]?.string == "initialize")
        #expect(first["id"]?.int == 1)
        #expect(second["params"]?["é"]?.string == "ü\n")
    }

    @Test func aBodyThatIsNotJSONIsMalformedAndTheNextMessageIsStillRead() {
        let got = items(frame("{not json") + frame(#"{"method":"exit"}"#))
        #expect(got.count == 2)
        if case .malformed(let why) = got[0] { #expect(why.contains("invalid JSON")) } else { Issue.record("not malformed: \(got[0])") }
        if case .message(let m) = got[1] { #expect(m["method"]?.string == "exit") } else { Issue.record("lost the next message") }
    }

    @Test(arguments: ["Content-Length: abc", "Content-Length: -5", "Content-Type: x"])
    func aHeaderWithoutAValidLengthIsMalformed(header: String) {
        let got = items(Array("\(header)\r\n\r\n".utf8) + frame(#"{"method":"exit"}"#))
        guard case .malformed(let why)? = got.first else {
            Issue.record("expected malformed first, got \(got)")
            return
        }
        #expect(why.contains("Content-Length"))
        if case .message(let m)? = got.last { #expect(m["method"]?.string == "exit") } else { Issue.record("lost the next message") }
    }

    @Test func aLengthLongerThanTheStreamEndsItWithoutAHang() {
        #expect(items(Array("Content-Length: 1000\r\n\r\n{}".utf8)).isEmpty)
    }

    @Test func aHugeDeclaredLengthIsRefusedWithoutBeingHeld() {
        let got = items(Array("Content-Length: 99999999999\r\n\r\n{}".utf8))
        #expect(got.isEmpty || { if case .malformed = got[0] { return true } else { return false } }())
    }

    @Test func garbageWithoutAHeaderEndIsDroppedPastTheHeaderLimit() {
        let garbage = [UInt8](repeating: UInt8(ascii: "x"), count: MessageReader.maxHeader + 10)
        let got = items(garbage, chunk: 4096)
        guard case .malformed(let why)? = got.first else {
            Issue.record("expected malformed, got \(got)")
            return
        }
        #expect(why.contains("header"))
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSON.ParseError.self) { try JSON.parse(deep) }
    }

    @Test func jsonRoundTripsEscapesAndNumbers() throws {
        let value = JSON.object(["a": .string("line\n\"quoted\" \u{1}"), "n": .int(42), "x": .number(1.5), "l": .array([.null, .bool(true)])])
        #expect(try JSON.parse(value.text) == value)
        #expect(try JSON.parse(#""\ud83d\ude92""#) == .string("🚒"))
    }

    @Test func theWriterFramesWithTheByteLength() {
        final class Sink: @unchecked Sendable { var bytes: [UInt8] = [] }
        let sink = Sink()
        MessageWriter(write: { sink.bytes += $0 }).send(.object(["s": "é"]))
        #expect(String(decoding: sink.bytes, as: UTF8.self) == "Content-Length: 10\r\n\r\n{\"s\":\"é\"}")
    }
}
