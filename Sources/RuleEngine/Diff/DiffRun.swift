import Foundation

/// What `spp-check diff` compares: two checks of the same service, each as `check` would run it.
public struct DiffOptions: Sendable {
    public var before: CheckOptions
    public var after: CheckOptions
    /// How each side is named in the report (`rules Rules/`, `git a1b2c3d`…).
    public var beforeLabel: String
    public var afterLabel: String

    public init(before: CheckOptions, after: CheckOptions, beforeLabel: String, afterLabel: String) {
        self.before = before
        self.after = after
        self.beforeLabel = beforeLabel
        self.afterLabel = afterLabel
    }
}

/// Runs both checks and compares their findings.
public enum DiffRun {
    /// - Parameter displayFiles: rewrites each side's file paths for display (a revision's
    ///   temporary copy shown as `REV:path`); identity by default.
    /// - Throws: `DiagnosticList` when either side cannot be checked.
    public static func run(_ options: DiffOptions,
                           displayFiles: (before: @Sendable (String) -> String, after: @Sendable (String) -> String) = ({ $0 }, { $0 })) throws -> FindingDiff {
        let before = try check(options.before, displayFiles.before)
        let after = try check(options.after, displayFiles.after)
        return FindingDiff.compare(relabel(before.report, displayFiles.before), relabel(after.report, displayFiles.after),
                                   beforeLabel: options.beforeLabel, afterLabel: options.afterLabel,
                                   owners: { owners(of: $0, in: before.data) + owners(of: $0, in: after.data) })
    }

    /// One side's check; its errors name files as the reader knows them.
    static func check(_ options: CheckOptions, _ display: (String) -> String) throws -> CheckResult {
        do {
            return try CheckRun.run(options)
        } catch {
            let diagnostics = error.diagnostics
            guard !diagnostics.isEmpty else { throw error }
            throw DiagnosticList(diagnostics.map { d in
                var d = d
                d.location.file = display(d.location.file)
                d.notes = d.notes.map { var n = $0; n.location.file = display(n.location.file); return n }
                return d
            })
        }
    }

    /// An assignment's contributor and unit: their verdict changes with the assignment's.
    static func owners(of finding: Finding, in data: ServiceData) -> [String] {
        guard finding.subject.hasPrefix("assignment:") else { return [] }
        let id = finding.subject.dropFirst("assignment:".count)
        guard let a = data.assignments.first(where: { $0.id == id }) else { return [] }
        return ["contributor:\(a.contributor)", "unit:\(a.unit)"]
    }

    static func relabel(_ report: Report, _ display: (String) -> String) -> Report {
        var report = report
        for i in report.findings.indices {
            if let file = report.findings[i].location?.file { report.findings[i].location?.file = display(file) }
        }
        return report
    }
}
