/// A checked rule: what a policy author wrote, with every key validated and located.
public struct Rule: Sendable {
    public var id: String
    public var principle: Principle
    public var severity: Severity
    public var title: LocalizedText
    public var rationale: LocalizedText
    public var references: [String]
    /// The rule applies to plans checked at a date in `validFrom...validUntil` (both inclusive).
    public var validFrom: CivilDate?
    public var validUntil: CivilDate?
    public var tags: [String]
    /// Declared parameters and their defaults, in the order written.
    public var params: [RuleParam]
    /// Service kinds the rule is for (from the rule or its pack); empty = every kind.
    public var serviceKinds: [String]
    /// Where the rule starts in its rule file.
    public var location: Location
    /// The pack the rule comes from.
    public var pack: String
    /// What the rule checks.
    public var check: any RuleKind
    /// The kind's keys as written (`for_each`, `where`, `assert`, `min`, `slots`…; not its
    /// message or fix), in the order of the kind, for `explain` and the catalogue.
    public var condition: [RuleCondition] = []
    /// Dated versions (`versions:`), in date order: each is the whole rule as in force from its
    /// first to its last day. Empty: the rule has one version, valid by `validFrom...validUntil`.
    public var versions: [RuleVersion] = []
    /// The exceptions the law allows to the rule (`exceptions:`), which an override file may claim.
    public var exceptions: [RuleException] = []

    /// The kind's identifier (`assert`, `coverage`…).
    public var kind: String { type(of: check).identifier }

    /// Whether the rule is in force at `date`.
    public func applies(at date: CivilDate) -> Bool {
        if let from = validFrom, date < from { return false }
        if let until = validUntil, until < date { return false }
        return versions.isEmpty || version(at: date) != nil
    }

    /// The version in force at `date`, nil when none is (or the rule has no versions).
    public func version(at date: CivilDate) -> RuleVersion? {
        versions.first { $0.covers(date) }
    }

    /// The rule as in force at `date`: its version then, or itself without versions.
    public func inForce(at date: CivilDate) -> Rule {
        version(at: date)?.rule ?? self
    }
}

/// One dated version of a rule: from which day to which day (both inclusive; nil = open) the
/// rule reads as `rule`, and the text that made the change.
public struct RuleVersion: Sendable {
    /// The name findings give: the version's `id:`, else its first day (`2021-09-01`).
    public var id: String
    public var from: CivilDate?
    public var until: CivilDate?
    /// The text that brought this version in force (`source:`), e.g. a decree.
    public var source: String?
    /// The keys the version changes, in the order written.
    public var changes: [String]
    public var location: Location
    /// The whole rule as in force during the version (its own `versions` empty).
    public var rule: Rule

    public func covers(_ date: CivilDate) -> Bool {
        if let from, date < from { return false }
        if let until, until < date { return false }
        return true
    }

    /// `2021-09-01 → 2025-12-31`, `→ 2021-08-31`, `2026-01-01 →`.
    public var datesText: String {
        "\(from?.iso ?? "…") → \(until?.iso ?? "…")"
    }
}

/// One key of a rule's condition as written in the rule file, in YAML flow style.
public struct RuleCondition: Sendable, Hashable {
    public var key: String
    public var text: String

    public init(key: String, text: String) {
        self.key = key
        self.text = text
    }
}

/// One of the principles of public service a rule defends.
public struct Principle: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var id: String

    public init(_ id: String) { self.id = id }

    public static let continuity = Principle("continuity")
    public static let equality = Principle("equality")
    public static let riskCoverage = Principle("risk-coverage")
    public static let adaptability = Principle("adaptability")
    /// The principles every pack may use without declaring them, in report order.
    public static let standard: [Principle] = [.continuity, .equality, .riskCoverage, .adaptability]

    public var description: String { id }

    /// Standard principles first in their order, then others alphabetically.
    public static func < (a: Principle, b: Principle) -> Bool {
        let ia = standard.firstIndex(of: a) ?? standard.count
        let ib = standard.firstIndex(of: b) ?? standard.count
        return ia != ib ? ia < ib : a.id < b.id
    }
}

/// How serious a failed rule is.
public enum Severity: String, Hashable, Sendable, Comparable, CaseIterable {
    case error, warning, info

    var rank: Int {
        switch self {
        case .error: 2
        case .warning: 1
        case .info: 0
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// Text in one or several languages: `title: "…"` or `title: {fr: "…", en: "…"}`.
public struct LocalizedText: Hashable, Sendable {
    /// Language code → text, in the order written; the first is the default.
    public var texts: [(lang: String, text: String)]

    public init(_ text: String) { texts = [("", text)] }
    public init(_ texts: [(lang: String, text: String)]) { self.texts = texts }

    public static let empty = LocalizedText([])

    /// The text in `lang`, else the first one given.
    public func text(_ lang: String?) -> String {
        if let lang, let match = texts.first(where: { $0.lang == lang }) { return match.text }
        return texts.first?.text ?? ""
    }

    public var languages: [String] { texts.map(\.lang).filter { !$0.isEmpty } }

    public static func == (a: LocalizedText, b: LocalizedText) -> Bool {
        a.texts.map(\.lang) == b.texts.map(\.lang) && a.texts.map(\.text) == b.texts.map(\.text)
    }

    public func hash(into h: inout Hasher) {
        for (lang, text) in texts { h.combine(lang); h.combine(text) }
    }
}

/// A declared parameter of a rule, with its default value; a plan may override it.
public struct RuleParam: Sendable {
    public var name: String
    public var defaultValue: Value
    public var description: String?
    public var location: Location
    /// The least and the most a plan may set (`min:`, `max:`): a legal floor or ceiling, which
    /// an override may make stricter but never cross.
    public var minimum: Double?
    public var maximum: Double?
    /// The text that sets the bounds (`basis:`), cited when an override crosses one.
    public var basis: String?
    /// What the value is in law (`nature:`): a legal floor or ceiling, or a local choice.
    public var nature: ParamNature?
    /// Who may choose a local value (`authority:`), e.g. "conseil d'administration du SDIS".
    public var authority: String?
    /// Derogations the law allows (`derogations:`): an override citing one may go to its bounds.
    public var derogations: [ParamDerogation] = []

    public init(name: String, defaultValue: Value, description: String?, location: Location,
                minimum: Double? = nil, maximum: Double? = nil, basis: String? = nil) {
        self.name = name
        self.defaultValue = defaultValue
        self.description = description
        self.location = location
        self.minimum = minimum
        self.maximum = maximum
        self.basis = basis
    }

    /// Why `value` crosses a bound, or nil when it does not (or is not a number). Under a
    /// derogation the law allows, its bounds and basis replace the parameter's own.
    public func crossing(_ value: Value, under derogation: ParamDerogation? = nil) -> String? {
        let x: Double
        switch value {
        case .int(let i): x = Double(i)
        case .uint(let u): x = Double(u)
        case .double(let d): x = d
        default: return nil
        }
        let (lo, hi, text) = derogation.map { ($0.minimum, $0.maximum, Optional("\($0.basis), derogation '\($0.id)'")) }
            ?? (minimum, maximum, basis)
        let why = text.map { " (\($0))" } ?? ""
        if let lo, x < lo { return "below \(numberText(lo)), the least allowed\(why)" }
        if let hi, x > hi { return "above \(numberText(hi)), the most allowed\(why)" }
        return nil
    }

    /// `≥ 11`, `≤ 8`, `2 to 8`, for explanations; nil without bounds.
    public var boundsText: String? {
        switch (minimum, maximum) {
        case let (lo?, hi?): "\(numberText(lo)) to \(numberText(hi))"
        case let (lo?, nil): "≥ \(numberText(lo))"
        case let (nil, hi?): "≤ \(numberText(hi))"
        default: nil
        }
    }
}

/// What a parameter's value is in law.
public enum ParamNature: String, Sendable, Hashable, CaseIterable {
    /// A least value the law sets (`min:`); an override may raise it, never lower it.
    case legalFloor = "legal_floor"
    /// A most value the law sets (`max:`); an override may lower it, never raise it.
    case legalCeiling = "legal_ceiling"
    /// A default that a named authority may choose (`authority:`), within any bounds.
    case local
}

/// A derogation the law allows to a parameter's bound: an override that cites its `id` may go
/// down to `minimum` / up to `maximum` instead of the parameter's own bounds.
public struct ParamDerogation: Sendable, Hashable {
    public var id: String
    public var basis: String
    public var minimum: Double?
    public var maximum: Double?
    public var location: Location

    public init(id: String, basis: String, minimum: Double?, maximum: Double?, location: Location) {
        self.id = id
        self.basis = basis
        self.minimum = minimum
        self.maximum = maximum
        self.location = location
    }
}
