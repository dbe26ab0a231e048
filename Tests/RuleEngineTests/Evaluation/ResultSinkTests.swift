import Testing
@testable import RuleEngine

@Suite struct ResultSinkTests {
    static let mixed: [RuleResult] = [
        .pass("contributor:a"),
        RuleResult(.fail, subject: "contributor:b", message: "too long", key: "max_hours"),
        .pass("contributor:c"),
        RuleResult(.indeterminate, subject: "contributor:d", message: "no birth date", missing: ["contributor.birth_date"]),
        RuleResult(.pass, subject: "contributor:e", key: "min_rest"),
        RuleResult(.fail, subject: "contributor:f", message: "no rest"),
    ]

    @Test func addingAListKeepsEverythingInOrderWhenPassesAreKept() {
        var sink = ResultSink(keepPasses: true)
        sink.add(contentsOf: Self.mixed)
        #expect(sink.results == Self.mixed)
        #expect(sink.passes == 0)
    }

    @Test func addingAListCountsItsPassesAndKeepsTheRestInOrderWhenPassesAreNotKept() {
        var sink = ResultSink(keepPasses: false)
        sink.add(contentsOf: Self.mixed)
        #expect(sink.results.map(\.subject) == ["contributor:b", "contributor:d", "contributor:f"])
        #expect(sink.results == Self.mixed.filter { $0.outcome != .pass })
        #expect(sink.passes == 3)
    }

    @Test(arguments: [true, false])
    func addingAListAppendsToResultsAlreadyThere(_ keepPasses: Bool) {
        var sink = ResultSink(keepPasses: keepPasses)
        sink.add(RuleResult(.fail, subject: "unit:u1", message: "first"))
        sink.pass("unit:u2")
        sink.add(contentsOf: Self.mixed)
        sink.add(contentsOf: [])
        sink.add(contentsOf: [RuleResult(.fail, subject: "unit:u3", message: "last"), .pass("unit:u4")])
        let all: [RuleResult] = [RuleResult(.fail, subject: "unit:u1", message: "first"), .pass("unit:u2")] + Self.mixed
            + [RuleResult(.fail, subject: "unit:u3", message: "last"), .pass("unit:u4")]
        #expect(sink.results == (keepPasses ? all : all.filter { $0.outcome != .pass }))
        #expect(sink.passes == (keepPasses ? 0 : 5))
        // Every result is counted once, kept or not.
        #expect(sink.results.count + sink.passes == all.count)
    }

    @Test func addingOnlyPassesWhenNotKeptLeavesNoResults() {
        var sink = ResultSink(keepPasses: false)
        sink.add(contentsOf: (0..<1_000).map { .pass("contributor:\($0)") })
        #expect(sink.results.isEmpty)
        #expect(sink.passes == 1_000)
    }

    @Test(arguments: [true, false])
    func takingTheResultsLeavesTheSinkEmptyButKeepsItsPassCount(_ keepPasses: Bool) {
        var sink = ResultSink(keepPasses: keepPasses)
        sink.add(contentsOf: Self.mixed)
        let passes = sink.passes
        let taken = sink.takeResults()
        #expect(taken == (keepPasses ? Self.mixed : Self.mixed.filter { $0.outcome != .pass }))
        #expect(sink.results.isEmpty)
        #expect(sink.passes == passes)
        #expect(sink.takeResults().isEmpty)
        // The sink still works after: new results start a fresh list.
        sink.add(RuleResult(.fail, subject: "unit:u9", message: "after"))
        #expect(sink.results.map(\.subject) == ["unit:u9"])
    }

    @Test func aPassWithAKeyKeepsTheKeyWhenPassesAreKept() {
        var sink = ResultSink(keepPasses: true)
        sink.pass("contributor:a", key: "max_hours")
        sink.pass("contributor:a", key: nil)
        #expect(sink.results == [RuleResult(.pass, subject: "contributor:a", key: "max_hours"), RuleResult(.pass, subject: "contributor:a")])
        #expect(sink.results.map(\.key) == ["max_hours", nil])
        #expect(sink.passes == 0)
    }

    /// Counts how often the texts of a pass are built.
    final class Counter: @unchecked Sendable {
        var subjects = 0
        var keys = 0
        func subject() -> String { subjects += 1; return "contributor:x" }
        func key() -> String? { keys += 1; return "k" }
    }

    @Test func aCountedPassNeverBuildsItsSubjectOrKey() {
        let counter = Counter()
        var sink = ResultSink(keepPasses: false)
        for _ in 0..<10 {
            sink.pass(counter.subject(), key: counter.key())
            sink.pass(counter.subject())
        }
        #expect(counter.subjects == 0)
        #expect(counter.keys == 0)
        #expect(sink.passes == 20)
        #expect(sink.results.isEmpty)
    }

    @Test func aKeptPassBuildsItsSubjectAndKeyOnce() {
        let counter = Counter()
        var sink = ResultSink(keepPasses: true)
        sink.pass(counter.subject(), key: counter.key())
        #expect(counter.subjects == 1)
        #expect(counter.keys == 1)
        #expect(sink.results == [RuleResult(.pass, subject: "contributor:x", key: "k")])
    }
}
