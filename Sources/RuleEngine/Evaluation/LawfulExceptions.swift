/// The law's own exceptions to a rule — the R2324-50-1 parent stand-in in a parent-run crèche,
/// a PMI derogation on capacity, the art. 17 working-time derogation — as distinct from
/// waivers: a waiver accepts a risk until it expires; an exception the law allows makes the
/// finding a pass, shown as "pass under exception X".
///
/// The rule declares the exceptions its text allows (`exceptions: [{id, basis}]`); an
/// override file claims one for some subjects, with who approved it and on what basis.
public struct RuleException: Sendable, Hashable {
    public var id: String
    /// The text that allows it.
    public var basis: String
    public var location: Location
}

/// A claim of a rule's exception, in a territory override file (`exceptions:`).
public struct ExceptionClaim: Sendable, Hashable {
    public var rule: String
    public var id: String
    /// Subjects as findings name them (`unit:s1`), `*` standing for any text; empty: all.
    public var subjects: [String]
    public var approvedBy: String?
    public var basis: String?
    public var validUntil: CivilDate?
    public var location: Location
    /// The text the rule cites for the exception (set once checked against the rule).
    public var lawBasis: String = ""

    func matches(_ f: Finding) -> Bool {
        guard f.rule == rule, f.outcome == .fail else { return false }
        return subjects.isEmpty || subjects.contains { Waiver.glob($0, f.subject) }
    }
}

enum LawfulExceptions {
    /// Checks the claims against the rules: the rule must be loaded and declare the exception.
    static func check(_ claims: [ExceptionClaim], rules: RuleSet, at date: CivilDate,
                      warnings: inout [Diagnostic]) -> (claims: [ExceptionClaim], errors: [Diagnostic]) {
        var out: [ExceptionClaim] = []
        var errors: [Diagnostic] = []
        for var c in claims {
            guard let rule = rules.rule(c.rule) else {
                warnings.append(Diagnostic(.warning, at: c.location, "exception for rule '\(c.rule)', which is not loaded"))
                continue
            }
            guard let declared = rule.exceptions.first(where: { $0.id == c.id }) else {
                errors.append(.error(at: c.location, "rule '\(c.rule)' declares no exception '\(c.id)'"
                    + (rule.exceptions.isEmpty ? ": the law allows none the rule knows of; a waiver accepts a risk instead"
                                               : Suggestion.hint(for: c.id, in: rule.exceptions.map(\.id)))))
                continue
            }
            if c.approvedBy == nil || c.basis == nil {
                errors.append(.error(at: c.location, "the exception '\(c.id)' of rule '\(c.rule)' does not say \(c.approvedBy == nil ? "who approved it ('approved_by')" : "on what basis ('basis')")"))
                continue
            }
            if let until = c.validUntil, until < date {
                warnings.append(Diagnostic(.warning, at: c.location, "the exception '\(c.id)' of rule '\(c.rule)' expired on \(until.iso): not applied"))
                continue
            }
            c.lawBasis = declared.basis
            out.append(c)
        }
        return (out, errors)
    }

    /// Turns each failure an exception covers into a pass under that exception.
    static func apply(_ claims: [ExceptionClaim], to report: inout Report) {
        guard !claims.isEmpty else { return }
        for i in report.findings.indices {
            guard let c = claims.first(where: { $0.matches(report.findings[i]) }) else { continue }
            report.findings[i].exception = c
            let p = report.findings[i].principle
            report.count(.fail, principle: p, -1)
            report.count(.pass, principle: p, 1)
        }
    }
}

extension Labels {
    /// `pass under exception parent-stand-in`.
    func passUnder(_ c: ExceptionClaim) -> String {
        (approvedBy == "approuvée par" ? "conforme au titre de l'exception " : "pass under exception ") + c.id
    }
}
