/// A record of the data that rules report on: an object expressions can read, with the place
/// it was written and a stable name.
public protocol Record: ObjectValue {
    /// Where the record is written (plan line, roster row).
    var location: Location { get }
    /// A stable name of the record for reports: `contributor:SPV-0042`.
    var subject: String { get }
    /// Its path in the data: `contributors[41]`, `units[2]`.
    var path: String { get }
}

/// Everything a rule sees when it is evaluated.
public struct EvaluationContext: Sendable {
    /// The plan as an object (`plan.service.kind`…).
    public var plan: any ObjectValue
    /// Named collections of records (`contributors`, `assignments`, `units`, `zones`…).
    public var collections: [String: [any Record]]
    /// The date the plan is checked at (rules outside their validity are skipped).
    public var asOf: CivilDate
    /// The rule's parameters: defaults overridden by the plan.
    public var params: [String: Value]
    /// The language reports are written in.
    public var lang: String?

    public init(plan: any ObjectValue, collections: [String: [any Record]], asOf: CivilDate,
                params: [String: Value] = [:], lang: String? = nil) {
        self.plan = plan
        self.collections = collections
        self.asOf = asOf
        self.params = params
        self.lang = lang
    }
}
