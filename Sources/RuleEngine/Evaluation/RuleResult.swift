/// How one rule ended for one subject.
public enum Outcome: String, Hashable, Sendable, CaseIterable {
    case pass, fail, indeterminate
}

/// What a rule kind says about one subject; the engine adds the rule's metadata and a
/// fingerprint to make a `Finding` of it.
public struct RuleResult: Sendable, Hashable {
    public var outcome: Outcome
    /// `contributor:SPV-0042`, `unit:CIS-VIZILLE`, `plan`.
    public var subject: String
    public var message: String
    /// Where in the data the problem is.
    public var location: Location?
    /// Path in the data: `zones[2].fallback`.
    public var path: String?
    public var measured: String?
    public var expected: String?
    /// For an indeterminate result: the inputs that were missing.
    public var missing: [String]
    /// How to fix it, where the data allows.
    public var fix: String?
    /// What tells apart two results of one rule on one subject (e.g. a gap's interval); part
    /// of the fingerprint, so it must hold neither line numbers nor list indexes.
    public var key: String?

    public init(_ outcome: Outcome, subject: String, message: String = "", location: Location? = nil,
                path: String? = nil, measured: String? = nil, expected: String? = nil,
                missing: [String] = [], fix: String? = nil, key: String? = nil) {
        self.outcome = outcome
        self.subject = subject
        self.message = message
        self.location = location
        self.path = path
        self.measured = measured
        self.expected = expected
        self.missing = missing
        self.fix = fix
        self.key = key
        // Missing data names whose it is when not the subject's own (`MissingData`): done
        // here, so that every kind's results say it.
        if !missing.isEmpty { MissingData.render(&self) }
    }

    public static func pass(_ subject: String) -> RuleResult { RuleResult(.pass, subject: subject) }
}
