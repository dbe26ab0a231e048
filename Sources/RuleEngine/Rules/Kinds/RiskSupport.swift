import Foundation

/// What the risk kinds (`validity`, `limit`, `age`, `disparity`, `uniform`) share: numbers that
/// may be parameters, durations, local dates, and assignments grouped by contributor once.

/// How old a document may be (`issued_within`): days or weeks (`1095d`, `156w`) or calendar
/// years (`3y`), which a count of seconds cannot express. Windows of time use `RuleDuration`.
enum DocumentAge: Sendable, Hashable {
    case days(Int64)
    case years(Int64)

    /// Parses `text`; nil when it is not one of the forms above.
    static func parse(_ text: String) -> DocumentAge? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let unit = t.last, t.count >= 2 else { return nil }
        let digits = t.dropLast()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count <= 6, let n = Int64(digits), n > 0 else { return nil }
        switch unit {
        case "w": return .days(n * 7)
        case "d": return .days(n)
        case "y": return .years(n)
        default: return nil
        }
    }

    /// Reads a document age under `key`; records a located error for anything else.
    static func read(_ key: String, _ r: inout MappingReader) -> DocumentAge? {
        guard let node = r.optional(key) else { return nil }
        guard let text = node.string ?? (node.int != nil ? node.keyText : nil), let age = parse(text) else {
            r.report(.error(at: node.textStart, "bad duration '\(node.keyText ?? node.kindName)' in '\(key)' of \(r.what); write a whole number of days (1095d), weeks (156w) or years (3y)"))
            return nil
        }
        return age
    }

    /// The last day a thing issued on `date` is still within this age.
    func lastDay(from date: CivilDate) -> CivilDate {
        switch self {
        case .days(let d): CivilDate(dayNumber: date.dayNumber + d)
        case .years(let y): date.addingYears(Int(y))
        }
    }

    var text: String {
        switch self {
        case .days(let d): "\(d)d"
        case .years(let y): "\(y)y"
        }
    }
}

extension CivilDate {
    /// The same day `n` years later; 29 February becomes 28 February in a common year.
    func addingYears(_ n: Int) -> CivilDate {
        let y = year + n
        let d = min(day, CivilDate.daysIn(month: month, year: y))
        return CivilDate(year: y, month: month, day: d)
    }

    /// Completed years from `self` (a birth date) to `date`; the birthday of someone born on
    /// 29 February is 28 February in a common year (the same day `addingYears` gives).
    func completedYears(at date: CivilDate) -> Int {
        var years = date.year - year
        if date < addingYears(years) { years -= 1 }
        return years
    }
}

/// Local dates and times of instants, in the plan's time zone.
enum LocalDates {
    /// The local calendar date of an instant.
    static func date(_ utc: Int64, _ zone: ZoneRules) -> CivilDate {
        CivilDate(dayNumber: day(utc, zone))
    }

    /// The local calendar day of an instant as a day number (`CivilDate.dayNumber`), without
    /// building the date.
    static func day(_ utc: Int64, _ zone: ZoneRules) -> Int64 {
        let local = zone.local(utc: utc)
        return local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    }

    /// `lastDay` as a day number.
    static func lastDayNumber(start: Int64, end: Int64, _ zone: ZoneRules) -> Int64 {
        end > start ? day(end - 1, zone) : day(start, zone)
    }

    /// The last local day an assignment `[start, end)` touches: the day of `end - 1 s`, so a
    /// shift ending at 00:00 does not need that day; a zero-length one needs its start day.
    static func lastDay(start: Int64, end: Int64, _ zone: ZoneRules) -> CivilDate {
        end > start ? date(end - 1, zone) : date(start, zone)
    }

    /// `2026-03-02T19:00+01:00`.
    static func time(_ utc: Int64, _ zone: ZoneRules) -> String { LocalTime.format(utc: utc, in: zone) }
}

/// A number for messages with at most two decimals: `5`, `6.51`, `0.33`.
func numberText(_ x: Double) -> String {
    guard x.isFinite else { return x > 0 ? "infinity" : "-infinity" }
    let r = (x * 100).rounded() / 100
    if r == r.rounded() && abs(r) < 1e15 { return String(Int64(r)) }
    var s = String(format: "%.2f", r)
    while s.hasSuffix("0") { s.removeLast() }
    return s
}

/// Assignments filtered by a rule's `where:` and grouped by contributor once (O(n log n)).
struct ContributorAssignments {
    /// Contributor index → indices of its counted assignments, sorted by start then end.
    var counted: [(contributor: Int, assignments: [Int])] = []
    /// Contributor index → assignments whose `where:` could not be decided, with why.
    var unsettled: [Int: [(assignment: Int, outcome: EvalOutcome)]] = [:]

    /// Groups the assignments of `context` for which `filter` (evaluated with `assignment`,
    /// `contributor` and `unit` bound in `activation`) is true.
    init(_ context: EvaluationContext, filter: CompiledExpression?, activation: inout Activation) {
        // Without a filter the grouping depends on the data alone: the run's rules share one.
        if filter == nil, let tables = context.tables {
            self = tables.contributorAssignments(context.data)
            return
        }
        self.init(context.data, filter: filter, activation: &activation)
    }

    /// Every assignment, grouped (what rules without `where:` count).
    init(_ data: ServiceData) {
        var unused = Activation(ExpressionEnvironment(variables: [:]))
        self.init(data, filter: nil, activation: &unused)
    }

    private init(_ data: ServiceData, filter: CompiledExpression?, activation: inout Activation) {
        let assignments = data.assignments
        let people = data.contributors.count
        // Grouped by a counting sort on the contributor's index (O(n)), not a dictionary.
        var counts = [Int](repeating: 0, count: people + 1)
        var kept: [Int] = []
        kept.reserveCapacity(assignments.count)
        // Only the records the filter reads are bound (most read the assignment alone).
        let reads = filter?.variableNames ?? []
        let binding = (contributor: reads.contains("contributor"), unit: reads.contains("unit"))
        for i in assignments.indices {
            let a = assignments[i]
            let c = a.contributorIndex
            // Declared availability is no obligation: no hours, no document, no age limit
            // applies to it (a rule that must read it uses `for_each: assignments`).
            guard c >= 0 && c < people, a.engagement != .availability else { continue }
            if let filter {
                RiskBinding.bind(a, data, &activation, contributor: binding.contributor, unit: binding.unit)
                switch filter.evaluate(activation) {
                case .value(.bool(true)): break
                case .value(.bool(false)): continue
                case let other:
                    unsettled[c, default: []].append((i, other))
                    continue
                }
            }
            kept.append(i)
            counts[c + 1] += 1
        }
        for c in 0..<people { counts[c + 1] += counts[c] }
        var sorted = [Int](repeating: 0, count: kept.count)
        var next = counts
        for i in kept {
            let c = assignments[i].contributorIndex
            sorted[next[c]] = i
            next[c] += 1
        }
        for c in 0..<people where counts[c + 1] > counts[c] || unsettled[c] != nil {
            var list = Array(sorted[counts[c]..<counts[c + 1]])
            // Kept in file order; sorted by start only when the file is not.
            var inOrder = true
            for k in list.indices.dropFirst() {
                let p = assignments[list[k - 1]], q = assignments[list[k]]
                if (p.start, p.end) > (q.start, q.end) { inOrder = false; break }
            }
            if !inOrder {
                list.sort { (assignments[$0].start, assignments[$0].end, $0) < (assignments[$1].start, assignments[$1].end, $1) }
            }
            counted.append((c, list))
        }
    }

    /// Why the contributor's result cannot be a pass when some assignments could not be
    /// sorted in or out; nil when all were decided.
    func doubt(of contributor: Int, _ data: ServiceData) -> (message: String, missing: [String])? {
        guard let list = unsettled[contributor], let first = list.first else { return nil }
        let id = data.assignments[first.assignment].id
        let more = list.count > 1 ? " (and \(list.count - 1) other assignment\(list.count > 2 ? "s" : ""))" : ""
        switch first.outcome {
        case .indeterminate(let missing):
            return ("cannot decide whether assignment \(id) counts\(more): missing \(missing.joined(separator: ", "))", missing)
        case .error(let message):
            return ("'where' could not be evaluated on assignment \(id)\(more): \(message)", [])
        case .value(let v):
            return ("'where' gave \(v.displayText) on assignment \(id)\(more), not true or false", [])
        }
    }
}

/// Binding an assignment and what it relates to in an activation.
enum RiskBinding {
    /// Binds `a` and, unless told they are not read, its contributor and unit.
    static func bind(_ a: Assignment, _ data: ServiceData, _ activation: inout Activation,
                     contributor: Bool = true, unit: Bool = true) {
        activation[slot: activation.assignmentSlot] = .object(a)
        if contributor, let person = data.contributor(of: a) {
            activation[slot: activation.contributorSlot] = .object(person)
        }
        if unit {
            activation[slot: activation.unitSlot] = data.unitValues.indices.contains(a.unitIndex) ? data.unitValues[a.unitIndex] : nil
        }
    }

    /// The environment for expressions over one assignment, its contributor and unit, plus a
    /// kind's own measured values.
    static func assignmentEnvironment(_ context: RuleContext, extra: [String: ExprType] = [:]) -> ExpressionEnvironment {
        var vars: [String: ExprType] = ["assignment": .object("assignment"), "contributor": .object("contributor"),
                                        "unit": .object("unit")]
        for (k, v) in extra { vars[k] = v }
        return RuleEnvironment.make(params: context.params, extra: vars)
    }
}

/// Reading message templates shared by the risk kinds.
enum RiskTemplates {
    static func read(_ r: inout MappingReader, _ env: ExpressionEnvironment) -> (message: MessageTemplate?, fix: MessageTemplate?, ok: Bool) {
        var ok = true
        var message: MessageTemplate?
        var fix: MessageTemplate?
        if let node = r.optional("message") {
            message = RuleExpressions.template(node, "message", env, &r)
            ok = ok && message != nil
        }
        if let node = r.optional("fix") {
            fix = RuleExpressions.template(node, "fix", env, &r)
            ok = ok && fix != nil
        }
        return (message, fix, ok)
    }
}
