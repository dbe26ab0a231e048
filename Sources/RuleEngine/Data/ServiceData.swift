/// A plan with its whole roster, every record located and every cross-reference resolved.
public struct ServiceData: Sendable {
    /// Setting the plan boxes its units again (`unitValues`): change it as a whole, not unit
    /// by unit in place.
    public var plan: Plan {
        didSet {
            unitValues = plan.units.map { .object($0) }
            planValue = .object(plan)
        }
    }
    /// The plan boxed once as an expression value (`service`), or null before it is set: every
    /// activation of a rule binds it, and boxing the plan copies it.
    public internal(set) var planValue: Value = .null
    /// The plan's units boxed once as expression values (`unitValues[i]` is `plan.units[i]`):
    /// rules bind an assignment's unit for each of a million assignments, and boxing a unit
    /// copies it.
    public internal(set) var unitValues: [Value] = []
    public var contributors: [Contributor]
    public var assignments: [Assignment]
    public var attendance: [Attendance]
    public var carpoolRequests: [CarpoolRequest]
    /// Non-fatal remarks (unknown keys close to known ones).
    public var warnings: [Diagnostic]
    /// Unit id → index in `plan.units`.
    public var unitIndex: [String: Int]
    /// Contributor ids, for `index(ofContributor:)`.
    var contributorTable = IDTable(capacity: 0)

    /// The index in `contributors` of the contributor with this id (the first one if repeated).
    public func index(ofContributor id: String) -> Int? { contributorTable.find(id) }

    /// The contributor an assignment names, or nil when it names none of the roster's.
    public func contributor(of assignment: Assignment) -> Contributor? {
        contributors.indices.contains(assignment.contributorIndex) ? contributors[assignment.contributorIndex] : nil
    }

    /// Contributor id → index in `contributors` (the first of repeated ids).
    public var contributorIndex: [String: Int]
    /// The files read, as named in locations.
    public var files: [String]

    public var timeZone: ZoneRules { plan.timeZone }

    /// The hours a unit keeps: its own, else the plan's, else `24/7`.
    public func openingHours(of unit: Unit) -> OpeningHours {
        unit.openingHours ?? plan.openingHours ?? .alwaysOpen
    }

    /// The unit's open intervals over the checking period (epoch seconds, sorted, merged).
    public func openIntervals(of unit: Unit) -> [Interval] {
        openingHours(of: unit).expand(from: plan.period.startInstant, to: plan.period.endInstant,
                                      zone: plan.timeZone, holidays: plan.publicHolidays)
    }

    /// Expands any opening hours over the checking period in the plan's zone.
    public func expand(_ hours: OpeningHours) -> [Interval] {
        hours.expand(from: plan.period.startInstant, to: plan.period.endInstant, zone: plan.timeZone,
                     holidays: plan.publicHolidays)
    }

    /// The intervals a staffing requirement applies over: its own hours, else the unit's.
    public func intervals(of requirement: StaffingRequirement, in unit: Unit) -> [Interval] {
        expand(requirement.hours ?? openingHours(of: unit))
    }
}
