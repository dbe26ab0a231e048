import Foundation
import Testing
@testable import RuleEngine

/// The text `ParallelText` streams is, piece after piece, the text written sequentially.
@Suite struct ParallelTextTests {
    /// Piece `i` as a sequential writer would write it: varying lengths, non-ASCII text.
    static func piece(_ i: Int, _ out: inout String) {
        out += i == 0 ? "\n" : ",\n"
        out += "<\(i)"
        if i % 3 == 0 { out += " é🚒" }
        out += String(repeating: "x", count: i % 7) + ">"
    }

    static func sequential(_ count: Int, prefix: String, suffix: String) -> String {
        var out = prefix
        for i in 0..<count { piece(i, &out) }
        return out + suffix
    }

    static let counts = [0, 1, 2, ParallelText.minimumPerChunk - 1, ParallelText.minimumPerChunk,
                         ParallelText.minimumPerChunk + 1, 2 * ParallelText.minimumPerChunk - 1, 2 * ParallelText.minimumPerChunk,
                         3 * ParallelText.maximumPerChunk, 3 * ParallelText.maximumPerChunk + 1, 200_003]

    @Test(arguments: counts)
    func streamedPiecesJoinedAreTheSequentialText(_ count: Int) {
        var emitted: [String] = []
        ParallelText.stream(count: count, prefix: "[", suffix: "]\n", { i, out in Self.piece(i, &out) }) { emitted.append($0) }
        let expected = Self.sequential(count, prefix: "[", suffix: "]\n")
        #expect(emitted.joined() == expected)
        // One piece when one thread writes it all; otherwise the prefix, the chunks, the suffix.
        let chunks = max(1, count / ParallelText.minimumPerChunk, (count + ParallelText.maximumPerChunk - 1) / ParallelText.maximumPerChunk)
        #expect(emitted.count == (chunks == 1 ? 1 : chunks + 2))
        if chunks > 1 {
            #expect(emitted.first == "[")
            #expect(emitted.last == "]\n")
        }
    }

    @Test(arguments: [1, ParallelText.minimumPerChunk, 5 * ParallelText.minimumPerChunk + 17, 100_000])
    func piecesArriveInOrderEachChunkContinuingTheLast(_ count: Int) {
        var next = 0
        var ordered = true
        ParallelText.stream(count: count, { i, out in out += "\(i);" }) { chunk in
            for number in chunk.split(separator: ";") {
                if Int(number) != next { ordered = false }
                next += 1
            }
        }
        #expect(ordered)
        #expect(next == count)
    }

    @Test func aPieceIsWrittenOnceEvenAcrossChunks() {
        let count = 7 * ParallelText.minimumPerChunk + 3
        var text = ""
        ParallelText.stream(count: count, { i, out in out += "\(i) " }) { text += $0 }
        let numbers = text.split(separator: " ").compactMap { Int($0) }
        #expect(numbers == Array(0..<count))
    }

    struct Stop: Error {}

    @Test func anEmitThatThrowsStopsTheStreamAndTheErrorReachesTheCaller() {
        let count = 10 * ParallelText.minimumPerChunk
        var calls = 0
        #expect(throws: Stop.self) {
            try ParallelText.stream(count: count, prefix: "p", suffix: "s", { i, out in out += "." }) { _ in
                calls += 1
                if calls == 2 { throw Stop() }
            }
        }
        #expect(calls == 2)
    }
}

/// A report streamed to its file: the same text as rendering it whole, written atomically.
@Suite struct ReportStreamTests {
    static func report(_ n: Int) -> Report {
        var report = Fixture.report([])
        report.findings = (0..<n).map { i in
            Fixture.finding(rule: "R-\(i % 3)", message: "gap \(i) — é", subject: "unit:u\(i)",
                            measured: i % 2 == 0 ? "1 present" : nil, missing: i % 5 == 0 ? ["x.y"] : [],
                            fingerprint: Fingerprint.of(["R", "\(i)"]))
        }
        return report
    }

    @Test(arguments: [0, 1, 1_999, 5_000, 20_001])
    func jsonWrittenInPiecesIsTheRenderedDocument(_ n: Int) {
        let report = Self.report(n)
        let run = RunInfo(plan: "plan.yaml")
        var pieces: [String] = []
        JSONReporter.write(report, run: run) { pieces.append($0) }
        // The reference: the whole document as one JSONText tree.
        let tree = JSONReporterTests.documentTree(report)
        #expect(pieces.joined() == tree)
        #expect(pieces.joined() == JSONReporter.render(report, run: run))
        // Large reports are handed over in several pieces, never held whole.
        #expect(n < 2 * ParallelText.minimumPerChunk || pieces.count > 2)
    }

    @Test(arguments: OutputFormat.allCases)
    func everyFormatWrittenInPiecesIsItsRenderedText(_ format: OutputFormat) throws {
        let (_, input) = try Fixture.check()
        var pieces: [String] = []
        format.write(input) { pieces.append($0) }
        #expect(pieces.joined() == format.render(input))
        #expect(!pieces.isEmpty)
    }

    @Test func theFileHoldsThePiecesInOrderReplacingItsOldContent() throws {
        let dir = try Fixture.folder(["out.json": "old content"])
        let path = dir.appendingPathComponent("out.json").path
        let pieces = ["{", "\"a\": 1", ", ", String(repeating: "é", count: 100_000), "}\n"]
        try ReportFile.write(to: path) { emit in
            for piece in pieces { try emit(piece) }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == pieces.joined())
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.json"])
    }

    @Test func aStreamedJSONReportInItsFileIsTheRenderedDocument() throws {
        let dir = try Fixture.folder([:])
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("report.json").path
        let report = Self.report(6_001)
        let run = RunInfo(plan: "plan.yaml")
        try ReportFile.write(to: path) { emit in try JSONReporter.write(report, run: run, to: emit) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == JSONReporter.render(report, run: run))
    }

    struct Broken: Error {}

    @Test func aProducerThatFailsMidwayLeavesTheOldFileAndNoTemporaryFile() throws {
        let dir = try Fixture.folder(["out.json": "old content"])
        let path = dir.appendingPathComponent("out.json").path
        #expect(throws: Broken.self) {
            try ReportFile.write(to: path) { emit in
                try emit("new beginning")
                throw Broken()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old content")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.json"])
    }

    @Test func aProducerThatFailsBeforeTheFirstPieceCreatesNoFile() throws {
        let dir = try Fixture.folder([:])
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("new.json").path
        #expect(throws: Broken.self) { try ReportFile.write(to: path) { _ in throw Broken() } }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [])
    }

    @Test func aMissingFolderIsALocatedErrorAndNothingIsProduced() {
        var produced = false
        let error = #expect(throws: Diagnostic.self) {
            try ReportFile.write(to: "/nonexistent-spp-stream/out.json") { emit in
                produced = true
                try emit("x")
            }
        }
        #expect(error?.description == "/nonexistent-spp-stream/out.json:1:1: error: cannot write the report: no folder '/nonexistent-spp-stream'; create it first")
        #expect(!produced)
    }

    @Test func writeAllWritesEveryByteToAPipe() throws {
        var fds: [Int32] = [-1, -1]
        try #require(pipe(&fds) == 0)
        defer { close(fds[0]) }
        // Under a pipe's buffer (64 KiB on Linux), so that writing never waits for the reader.
        let text = String(repeating: "ligne é 🚒\n", count: 2_000)
        #expect(text.utf8.count < 60_000)
        #expect(ReportFile.writeAll(text, to: fds[1]) == nil)
        #expect(ReportFile.writeAll("", to: fds[1]) == nil)
        close(fds[1])
        let read = FileHandle(fileDescriptor: fds[0], closeOnDealloc: false).readDataToEndOfFile()
        #expect(String(decoding: read, as: UTF8.self) == text)
    }

    @Test func writeAllToAnInvalidDescriptorGivesTheReasonInLowerCase() {
        // -1, never a descriptor that another test running in parallel might have opened.
        #expect(ReportFile.writeAll("x", to: -1) == "bad file descriptor")
    }
}
