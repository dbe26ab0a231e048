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

    /// The kind's identifier (`assert`, `coverage`…).
    public var kind: String { type(of: check).identifier }

    /// Whether the rule is in force at `date`.
    public func applies(at date: CivilDate) -> Bool {
        if let from = validFrom, date < from { return false }
        if let until = validUntil, until < date { return false }
        return true
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

    /// Why `value` crosses a bound, or nil when it does not (or is not a number).
    public func crossing(_ value: Value) -> String? {
        let x: Double
        switch value {
        case .int(let i): x = Double(i)
        case .uint(let u): x = Double(u)
        case .double(let d): x = d
        default: return nil
        }
        let why = basis.map { " (\($0))" } ?? ""
        if let minimum, x < minimum { return "below \(numberText(minimum)), the least allowed\(why)" }
        if let maximum, x > maximum { return "above \(numberText(maximum)), the most allowed\(why)" }
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
