import Foundation
import Testing

/// Every limit of docs/robustness.md hit end to end: the built binary stops with a located
/// error and exit status 2 (or, for limits met while evaluating, a located failing finding),
/// never a crash, a hang or an out-of-memory.
@Suite struct LimitsTests {
    static let plan = """
        id: ligne-l1
        name: Ligne L1
        kind: carpool_line
        effective_from: 2026-01-01
        period: {start: 2026-03-02, end: 2026-03-09}
        units:
          - {id: line-l1, kind: line, opening_hours: "Mo-Fr 06:30-09:00"}
        rosters: [contributors.csv]

        """
    static let contributors = "id,role,birth_date\nd-01,driver,1980-01-01\n"

    /// A rule file with one `assert` rule over contributors; the expression is a block scalar
    /// (no YAML escaping), starting at line 9, column 7.
    static func rules(assert expression: String) -> String {
        """
        rules:
          - id: r
            principle: risk-coverage
            severity: error
            title: t
            kind: assert
            for_each: contributors
            assert: >-
              \(expression)
            message: "{{contributor.id}}"

        """
    }

    /// Runs `spp-check check plan.yaml --rules rules.yaml` in a folder of the given files
    /// (the plan, rule file and contributors above unless replaced).
    func check(_ files: [String: String]) throws -> Binary.Run {
        var all = ["plan.yaml": Self.plan, "rules.yaml": Self.rules(assert: "true"), "contributors.csv": Self.contributors]
        for (name, text) in files { all[name] = text }
        let dir = try Binary.folder(all)
        defer { try? FileManager.default.removeItem(at: dir) }
        return try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml"], in: dir)
    }

    /// Like `check`, with one file written from raw bytes (too large to build as a String twice).
    func check(writing name: String, bytes: (FileHandle) throws -> Void) throws -> Binary.Run {
        let dir = try Binary.folder(["plan.yaml": Self.plan, "rules.yaml": Self.rules(assert: "true"),
                                     "contributors.csv": Self.contributors])
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        try bytes(handle)
        try handle.close()
        return try Binary.run(["check", "plan.yaml", "--rules", "rules.yaml"], in: dir)
    }

    // MARK: YAML (the limits themselves are tested in Tests/YAMLTests/LimitsTests.swift and AliasTests.swift)

    @Test func aPlanLargerThan64MiBIsALocatedErrorWithStatus2() throws {
        let run = try check(writing: "plan.yaml") { handle in
            try handle.write(contentsOf: Data(Self.plan.utf8))
            let comment = Data(("# " + String(repeating: "x", count: (1 << 20) - 3) + "\n").utf8)
            for _ in 0..<65 { try handle.write(contentsOf: comment) }
        }
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("plan.yaml:1:1: error: file is "))
        #expect(run.stderr.contains("larger than the limit of 67108864 bytes; split it into smaller files"))
    }

    @Test func ruleFileNestedDeeperThanTheLimitIsALocatedErrorWithStatus2() throws {
        let run = try check(["rules.yaml": "rules: " + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "\n"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("rules.yaml:1:"))
        #expect(run.stderr.contains("error: nesting is deeper than 512 levels; flatten the document"))
    }

    @Test func aliasBombInARuleFileIsALocatedErrorWithStatus2() throws {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for i in 1...9 { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]") }
        let run = try check(["rules.yaml": lines.joined(separator: "\n") + "\n"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("rules.yaml:"))
        #expect(run.stderr.contains("error: aliases expand to more than 1000000 nodes (alias bomb?); use fewer or smaller aliases"))
    }

    @Test func moreDocumentsThanTheLimitIsALocatedErrorWithStatus2() throws {
        let run = try check(["rules.yaml": String(repeating: "--- 1\n", count: 100_001)])
        #expect(run.status == 2)
        #expect(run.stderr.contains("rules.yaml:100001:1: error: stream has more than 100000 documents; split it into several files"))
    }

    // MARK: Expressions

    @Test func anExpressionLongerThan20000CharactersIsALocatedErrorWithStatus2() throws {
        let long = "contributor.id == '" + String(repeating: "x", count: 20_001) + "'"
        let run = try check(["rules.yaml": Self.rules(assert: long)])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("rules.yaml:9:"))
        #expect(run.stderr.contains("error: expression is 20021 characters long; the limit is 20000"))
    }

    @Test func anExpressionNestedDeeperThan100IsALocatedErrorWithStatus2() throws {
        let deep = String(repeating: "(", count: 150) + "true" + String(repeating: ")", count: 150)
        let run = try check(["rules.yaml": Self.rules(assert: deep)])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("rules.yaml:9:"))
        #expect(run.stderr.contains("100"))
    }

    @Test func anEvaluationOverTheCostLimitFailsTheRecordAtItsRowNeverPasses() throws {
        let thousand = "[" + (0..<1000).map(String.init).joined(separator: ",") + "]"
        let run = try check(["rules.yaml": Self.rules(assert: "\(thousand).all(x, \(thousand).all(y, x + y >= 0))")])
        #expect(run.status == 1)
        #expect(run.stdout.contains("contributors.csv:2:1: error: 'assert' could not be evaluated: evaluation cost limit exceeded"))
    }

    @Test func aPathologicalRegexFinishesWithTheRightAnswer() throws {
        // `(a+)+$` on "aaa…ab" takes 2^n steps in a backtracking engine; ours is a Pike VM.
        let id = String(repeating: "a", count: 5_000) + "b"
        let contributors = "id,role,birth_date\n\(id),driver,1980-01-01\n"
        let pathological = try check(["contributors.csv": contributors,
                                       "rules.yaml": Self.rules(assert: "!contributor.id.matches('^(a+)+$')")])
        #expect(pathological.status == 0)
        let nested = try check(["contributors.csv": contributors,
                                "rules.yaml": Self.rules(assert: "contributor.id.matches('^(a|aa|a*)*(a*)*b$')")])
        #expect(nested.status == 0)
        let failing = try check(["contributors.csv": contributors,
                                 "rules.yaml": Self.rules(assert: "contributor.id.matches('^(a*)*$')")])
        #expect(failing.status == 1)
    }

    @Test func aBackreferenceIsRefusedAtTheRuleWithStatus2() throws {
        let run = try check(["rules.yaml": Self.rules(assert: "contributor.id.matches('^(a+)\\\\1$')")])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("rules.yaml:9:"))
    }

    // MARK: CSV

    @Test func aHundredMegabyteCSVFieldIsALocatedErrorWithStatus2() throws {
        let run = try check(writing: "contributors.csv") { handle in
            try handle.write(contentsOf: Data("id,role,birth_date\nd-01,".utf8))
            let chunk = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
            for _ in 0..<100 { try handle.write(contentsOf: chunk) }
            try handle.write(contentsOf: Data(",1980-01-01\n".utf8))
        }
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("contributors.csv:2:2: error: field is longer than 1048576 bytes"))
    }

    @Test func anUnclosedQuoteRunningToTheEndIsALocatedErrorWithStatus2() throws {
        let run = try check(["contributors.csv": "id,role,birth_date\nd-01,\"driver,1980-01-01\n" + String(repeating: "d-02,driver,1980-01-01\n", count: 60_000)])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("contributors.csv:2:2: error: field is longer than 1048576 bytes"))
        #expect(run.stderr.contains("is a quote left open?"))
    }

    // MARK: Files a plan may name

    @Test func aRosterPathClimbingOutOfThePlanFolderIsRefusedWithStatus2() throws {
        let run = try check(["plan.yaml": Self.plan.replacingOccurrences(of: "rosters: [contributors.csv]", with: "rosters: [../contributors.csv]")])
        #expect(run.status == 2)
        #expect(run.stderr.contains("plan.yaml:8:11: error: roster path '../contributors.csv' climbs out of the plan's folder"))
    }

    @Test func anAbsoluteRosterPathIsRefusedWithStatus2() throws {
        for path in ["/etc/passwd", "~/contributors.csv"] {
            let run = try check(["plan.yaml": Self.plan.replacingOccurrences(of: "rosters: [contributors.csv]", with: "rosters: [\"\(path)\"]")])
            #expect(run.status == 2)
            #expect(run.stderr.contains("plan.yaml:8:11: error: roster path '\(path)' is absolute; write it relative to the plan's folder"))
        }
    }

    @Test func aRuleFileCanNotIncludeAnotherFile() throws {
        let run = try check(["rules.yaml": "include: ../secret.yaml\n" + Self.rules(assert: "true")])
        #expect(run.status == 2)
        #expect(run.stderr.contains("rules.yaml:1:1: error: unknown key 'include' in the rule file"))
    }

    @Test func aRosterPathThatDescendsAndClimbsBackStaysAllowed() throws {
        let run = try check(["plan.yaml": Self.plan.replacingOccurrences(of: "rosters: [contributors.csv]", with: "rosters: [data/../contributors.csv]"),
                             "data/README": "a folder the path passes through\n"])
        #expect(run.status == 0)
    }
}
