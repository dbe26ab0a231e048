import Foundation
import Testing
@testable import RuleEngine

/// A small carpool service, checked in-process: two drivers' rules, a roster with names and
/// e-mails, so that every reporter has passes, a failure, an indeterminate result and personal
/// data to hide.
enum Fixture {
    static let rules = """
        rules:
          - id: cl.driver-adult
            principle: risk-coverage
            severity: error
            title: {en: "Drivers are adults", fr: "Conducteur majeur"}
            rationale: {en: "Only adults may drive passengers.", fr: "Seuls les majeurs conduisent."}
            references: ["Code des transports L3132-1"]
            tags: [drivers]
            params:
              min_age: {default: 18, description: minimum age}
            kind: assert
            for_each: contributors
            where: contributor.role == "driver"
            assert: age_at(contributor.birth_date, as_of) >= params.min_age
            message: {en: "driver {{contributor.id}} ({{contributor.extra.name}}) is under {{params.min_age}}", fr: "le conducteur {{contributor.id}} ({{contributor.extra.name}}) a moins de {{params.min_age}} ans"}
            fix: "write to {{contributor.extra.email}}"
          - id: cl.role-known
            principle: equality
            severity: info
            title: Roles are known
            kind: assert
            for_each: contributors
            assert: contributor.role in ["driver", "passenger"]
            message: "unknown role {{contributor.role}}"
          - id: cl.old-rule
            principle: continuity
            severity: warning
            title: Old rule
            valid_until: 2020-12-31
            kind: assert
            for_each: contributors
            assert: "true"
            message: "never"

        """
    static let plan = """
        id: ligne-l1
        name: Ligne L1
        kind: carpool_line
        effective_from: 2026-01-01
        period: {start: 2026-03-02, end: 2026-03-09}
        units:
          - {id: line-l1, kind: line, opening_hours: "Mo-Fr 06:30-09:00"}
        rosters: [{path: contributors.csv, extra_columns: [name, email]}]

        """
    static let contributors = """
        id,role,birth_date,name,email
        d-01,driver,1980-01-01,Alice Martin,alice.martin@example.org
        d-02,driver,2009-06-01,Jean Dupont,jean.dupont@example.org
        d-03,driver,,Zoé Lefèvre,zoe@example.org
        p-01,passenger,2012-01-01,Paul Durand,paul@example.org

        """
    /// Names and e-mails of the roster, which `--redact` must hide.
    static let personalData = ["Alice Martin", "Jean Dupont", "Zoé Lefèvre", "Paul Durand", "jean.dupont@example.org", "Dupont"]

    /// A fresh folder with the fixture's files (or others).
    static func folder(_ files: [String: String] = ["rules.yaml": rules, "plan.yaml": plan, "contributors.csv": contributors]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spp-reporting-\(UUID().uuidString)")
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return dir
    }

    /// The fixture checked with every result kept, and the input reporters get.
    static func check(lang: String? = nil, explain: Bool = false) throws -> (CheckResult, ReportInput) {
        let dir = try folder()
        var options = CheckOptions(plan: dir.appendingPathComponent("plan.yaml").path)
        options.rulePaths = [dir.appendingPathComponent("rules.yaml").path]
        options.lang = lang
        options.keepResults = true
        let result = try CheckRun.run(options)
        return (result, ReportInput(result, lang: lang, explain: explain, workingDirectory: dir.path))
    }

    /// A finding made by hand, for edge cases a rule file can't easily produce.
    static func finding(rule: String = "R-1", principle: Principle = .continuity, severity: Severity = .error,
                        outcome: Outcome = .fail, message: String = "m", location: Location? = Location(file: "plan.yaml", line: 3, column: 5),
                        path: String? = nil, subject: String = "unit:u1", measured: String? = nil, expected: String? = nil,
                        missing: [String] = [], fix: String? = nil, fingerprint: String = "00112233445566778899aabbccddeeff") -> Finding {
        Finding(rule: rule, principle: principle, severity: severity, outcome: outcome, message: message, location: location,
                path: path, subject: subject, measured: measured, expected: expected, missing: missing, fix: fix,
                fingerprint: fingerprint)
    }

    /// A report holding `findings`, counted as results.
    static func report(_ findings: [Finding], passes: [(rule: String, subject: String)] = []) -> Report {
        var report = Report()
        report.findings = findings
        for f in findings {
            if !report.evaluated.contains(f.rule) { report.evaluated.append(f.rule) }
            report.count(f.outcome, principle: f.principle)
        }
        for p in passes {
            if !report.evaluated.contains(p.rule) { report.evaluated.append(p.rule) }
            report.count(.pass, principle: .continuity)
        }
        for f in findings {
            report.results.append(ResultRecord(rule: Int32(report.evaluated.firstIndex(of: f.rule)!), outcome: f.outcome, subject: f.subject))
        }
        for p in passes {
            report.results.append(ResultRecord(rule: Int32(report.evaluated.firstIndex(of: p.rule)!), outcome: .pass, subject: p.subject))
        }
        return report
    }

    static func input(_ findings: [Finding], passes: [(rule: String, subject: String)] = [], lang: String? = nil,
                      workingDirectory: String = "/work/repo") -> ReportInput {
        ReportInput(report: report(findings, passes: passes), run: RunInfo(plan: "plan.yaml"), lang: lang,
                    workingDirectory: workingDirectory)
    }
}

/// Runs a program with its output in files (a pipe could block on large output).
enum Shell {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("spp-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let outURL = tmp.appendingPathComponent("out"), errURL = tmp.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Run(status: process.terminationStatus,
                   stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                   stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
