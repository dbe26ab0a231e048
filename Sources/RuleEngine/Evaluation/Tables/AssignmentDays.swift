/// Each assignment's local days in the plan's zone, as day numbers (`CivilDate.dayNumber`):
/// the day it starts and the last day it touches (`LocalDates.day`, `LocalDates.lastDayNumber`).
/// Worked out once per run: the validity and age rules of a national check read them for a
/// million assignments each, and reading them from the assignment costs a retain and two
/// time-zone conversions per assignment and rule.
public struct AssignmentDays: Sendable {
    /// Day numbers, assignment `i`'s first at `2 * i` and last at `2 * i + 1`.
    private let days: [Int64]

    public init(_ data: ServiceData) {
        let zone = data.timeZone
        var days = [Int64](repeating: 0, count: 2 * data.assignments.count)
        for (i, a) in data.assignments.enumerated() {
            days[2 * i] = LocalDates.day(a.start, zone)
            days[2 * i + 1] = LocalDates.lastDayNumber(start: a.start, end: a.end, zone)
        }
        self.days = days
    }

    /// The local day assignment `i` starts on.
    @inline(__always)
    public func first(_ i: Int) -> Int64 { days[2 * i] }

    /// The last local day assignment `i` touches (its start day when it is empty).
    @inline(__always)
    public func last(_ i: Int) -> Int64 { days[2 * i + 1] }
}
