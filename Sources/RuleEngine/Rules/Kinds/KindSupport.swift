/// What the principle kinds share: numbers that are literals or parameters, durations, opening
/// hours and unit filters read from rule keys; three-valued filters; assignments grouped by unit;
/// local times in messages and keys.
///
/// Every reader records its errors in the `MappingReader` (located, lower-case, naming the fix)
/// and returns nil, so that a kind can read all its keys and report every mistake at once.

// MARK: - Numbers: a literal or `params.x`

/// A number written in a rule: a literal (`3`, `0.5`) or a reference to one of the rule's
/// parameters (`params.min_crew`), which the plan may override.
public struct RuleNumber: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        case literal(Double)
        case param(String)
    }

    public var source: Source
    /// The key it was read from, for messages.
    public var key: String
    /// Bounds the value must respect (checked at load for literals and parameter defaults, and
    /// again at evaluation, since a plan may override a parameter).
    public var minimum: Double?
    public var maximum: Double?
    public var integer: Bool

    /// Reads `key` as a number: an int/float scalar or a string `params.NAME` naming a declared
    /// numeric parameter.
    /// - Parameters:
    ///   - integer: the value must be a whole number.
    ///   - minimum, maximum: inclusive bounds.
    ///   - required: records "missing key" when absent.
    static func read(_ r: inout MappingReader, _ key: String, context: RuleContext, integer: Bool = false,
                     minimum: Double? = nil, maximum: Double? = nil, required: Bool = false) -> RuleNumber? {
        guard let node = required ? r.required(key) : r.optional(key) else { return nil }
        var number = RuleNumber(source: .literal(0), key: key, minimum: minimum, maximum: maximum, integer: integer)
        if let value = node.number {
            number.source = .literal(value)
            if let problem = number.problem(with: value) {
                r.report(.error(at: node.location, problem))
                return nil
            }
            return number
        }
        if let text = node.string, text.hasPrefix("params.") {
            let name = String(text.dropFirst("params.".count))
            guard let param = context.params.first(where: { $0.name == name }) else {
                let names = context.params.map(\.name)
                r.report(.error(at: node.textStart, "unknown parameter '\(name)' in '\(key)' of rule '\(context.ruleID)'"
                    + (names.isEmpty ? "; declare it under 'params'" : Suggestion.hint(for: name, in: names))))
                return nil
            }
            number.source = .param(name)
            switch param.defaultValue.asDouble {
            case .some(let value):
                if let problem = number.problem(with: value) {
                    r.report(.error(at: param.location, "default of parameter '\(name)': \(problem)"))
                    return nil
                }
            case .none:
                r.report(.error(at: node.textStart, "parameter '\(name)' used in '\(key)' must be a number, its default is \(param.defaultValue.displayText)"))
                return nil
            }
            return number
        }
        let text = node.keyText ?? node.kindName
        r.report(.error(at: node.location, "'\(key)' must be a number or a parameter written params.NAME, found '\(text)'"))
        return nil
    }

    /// A literal number (for kinds that default a key).
    public static func literal(_ value: Double, key: String) -> RuleNumber {
        RuleNumber(source: .literal(value), key: key, minimum: nil, maximum: nil, integer: false)
    }

    /// What is wrong with `value` for this key, or nil.
    func problem(with value: Double) -> String? {
        if !value.isFinite { return "'\(key)' must be a finite number, found \(value)" }
        if integer && value != value.rounded() { return "'\(key)' must be a whole number, found \(Value.double(value).displayText)" }
        if let minimum, value < minimum {
            return "'\(key)' must be at least \(Value.double(minimum).displayText), found \(Value.double(value).displayText)"
        }
        if let maximum, value > maximum {
            return "'\(key)' must be at most \(Value.double(maximum).displayText), found \(Value.double(value).displayText)"
        }
        if integer && abs(value) > 1e15 { return "'\(key)' is too large, found \(value)" }
        return nil
    }

    /// The value in force for an evaluation (the plan's override, else the default), or a
    /// message saying why it cannot be used.
    public func value(in context: EvaluationContext) -> Result<Double, KindFailure> {
        switch source {
        case .literal(let v): return .success(v)
        case .param(let name):
            guard let raw = context.params[name] else {
                return .failure(KindFailure("parameter '\(name)' has no value"))
            }
            guard let v = raw.asDouble else {
                return .failure(KindFailure("parameter '\(name)' must be a number, the plan gives \(raw.displayText)"))
            }
            if let problem = problem(with: v) { return .failure(KindFailure("parameter '\(name)': \(problem)")) }
            return .success(v)
        }
    }

    /// As written: `3` or `params.min_crew`.
    public var text: String {
        switch source {
        case .literal(let v): Value.double(v).displayText
        case .param(let name): "params.\(name)"
        }
    }
}

/// Why a kind could not evaluate (a bad parameter override): becomes one indeterminate result.
public struct KindFailure: Error, Sendable, Hashable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

extension Value {
    /// An int, uint or double as a Double.
    var asDouble: Double? {
        switch self {
        case .int(let i): Double(i)
        case .uint(let u): Double(u)
        case .double(let d): d
        default: nil
        }
    }
}

// MARK: - Durations

/// A length of time written in a rule: `7d`, `48h`, `90m`, `1h30m`, `2w`, `30s`.
public enum RuleDuration {
    /// Parses `text`; nil if it is not a duration.
    public static func seconds(_ text: String) -> Int64? {
        var total: Int64 = 0
        var digits = ""
        var sawUnit = false
        for c in text {
            if c.isASCII, c.isNumber {
                digits.append(c)
                guard digits.count <= 9 else { return nil }
                continue
            }
            let unit: Int64
            switch c {
            case "w": unit = 604_800
            case "d": unit = 86_400
            case "h": unit = 3_600
            case "m": unit = 60
            case "s": unit = 1
            default: return nil
            }
            guard let n = Int64(digits) else { return nil }
            let (product, o1) = n.multipliedReportingOverflow(by: unit)
            let (sum, o2) = total.addingReportingOverflow(product)
            guard !o1, !o2 else { return nil }
            total = sum
            digits = ""
            sawUnit = true
        }
        guard digits.isEmpty, sawUnit else { return nil }
        return total
    }

    /// Reads `key` as a duration; records a located error for `7x`.
    static func read(_ r: inout MappingReader, _ key: String, required: Bool = false, positive: Bool = true) -> Int64? {
        guard let node = required ? r.required(key) : r.optional(key) else { return nil }
        guard let text = node.string ?? node.keyText, let s = seconds(text) else {
            r.report(.error(at: node.textStart, "bad duration '\(node.keyText ?? node.kindName)' in '\(key)'; write it like 7d, 48h, 90m or 1h30m"))
            return nil
        }
        if positive && s <= 0 {
            r.report(.error(at: node.textStart, "'\(key)' must be longer than zero, found '\(text)'"))
            return nil
        }
        return s
    }
}

// MARK: - Keys shared by the kinds

enum KindKeys {
    /// `hours:` — opening hours text, located errors inside the string.
    static func openingHours(_ r: inout MappingReader, _ key: String) -> OpeningHours? {
        guard let node = r.optional(key) else { return nil }
        guard let text = node.string else {
            r.report(.error(at: node.location, "'\(key)' must be opening hours written as a string like \"Mo-Fr 08:00-18:00\", found a \(node.kindName)"))
            return nil
        }
        do {
            return try OpeningHours(parsing: text)
        } catch let e as OpeningHours.SyntaxError {
            var at = node.textStart
            at.column += e.offset
            r.report(.error(at: at, "\(e.message) in '\(key)'"))
        } catch {
            r.report(.error(at: node.location, "\(error)"))
        }
        return nil
    }

    /// A boolean key (`require_provider: true`).
    static func bool(_ r: inout MappingReader, _ key: String) -> Bool? {
        guard let node = r.optional(key) else { return nil }
        guard let b = node.bool else {
            r.report(.error(at: node.location, "'\(key)' must be true or false, found '\(node.keyText ?? node.kindName)'"))
            return nil
        }
        return b
    }

    /// The environment of `units:` (a condition over `unit`).
    static func unitEnvironment(_ context: RuleContext) -> ExpressionEnvironment {
        RuleEnvironment.make(params: context.params, extra: ["unit": .object("unit")])
    }

    /// The environment of `where:` (which assignments count): `assignment`, its `contributor`
    /// and its `unit`.
    static func assignmentEnvironment(_ context: RuleContext) -> ExpressionEnvironment {
        RuleEnvironment.make(for: RecordCollection.named("assignments")!, params: context.params)
    }
}

// MARK: - Three-valued filters

/// The answer of a filter on one record.
public enum Verdict: Sendable, Hashable {
    case yes
    case no
    /// Data it needs is missing (paths named).
    case unknown(missing: [String])
    /// It could not be evaluated (overflow, bad conversion…), or gave no bool.
    case error(String)

    init(_ outcome: EvalOutcome) {
        switch outcome {
        case .value(.bool(true)): self = .yes
        case .value(.bool(false)): self = .no
        case .value(let v): self = .error("gave \(v.displayText), not true or false")
        case .indeterminate(let missing): self = .unknown(missing: missing)
        case .error(let message): self = .error(message)
        }
    }
}

/// An activation for `where:` (over `assignment`, `contributor`, `unit`) that binds records by
/// slot and in place: evaluating a million assignments then costs no name lookup and no copy
/// of the activation.
struct AssignmentBinder {
    var activation: Activation

    /// The data's units boxed once (`ServiceData.unitValues`).
    private let unitValues: [Value]

    init(_ environment: ExpressionEnvironment, _ context: EvaluationContext) {
        activation = RuleExpressions.activation(environment, context)
        unitValues = context.data.unitValues
    }

    mutating func bind(unit: Unit) {
        activation[slot: activation.unitSlot] = KindValues.unit(unit, unitValues)
    }

    /// Binds an assignment (or a hypothetical one) and its contributor; the unit is bound
    /// separately, once per unit.
    mutating func bind(_ assignment: any ObjectValue, contributor: Contributor?) {
        activation[slot: activation.assignmentSlot] = .object(assignment)
        activation[slot: activation.contributorSlot] = contributor.map { .object($0) }
    }
}

/// Records as expression values without boxing them again.
enum KindValues {
    /// `unit` (one of the plan's units) as a value: its box in `boxes`
    /// (`ServiceData.unitValues`, which follows `plan.units`).
    static func unit(_ unit: Unit, _ boxes: [Value]) -> Value {
        boxes.indices.contains(unit.index) ? boxes[unit.index] : .object(unit)
    }
}

/// A compiled `where:`/`units:` condition with the activation it runs in.
struct KindFilter: Sendable {
    let expression: CompiledExpression?
    let environment: ExpressionEnvironment

    /// True when absent.
    func test(_ activation: Activation) -> Verdict {
        guard let outcome = expression?.evaluate(activation) else { return .yes }
        return Verdict(outcome)
    }
}

// MARK: - Units and their assignments

/// The assignments of each unit, as index arrays into `ServiceData.assignments`, built in one
/// O(n) pass (a counting sort by unit) so that a kind never scans all assignments per unit.
public struct UnitAssignments: Sendable {
    /// `byUnit[u]` = indices of the assignments of `plan.units[u]`, in file order.
    public let byUnit: [[Int]]

    public init(_ data: ServiceData) {
        var out = [[Int]](repeating: [], count: data.plan.units.count)
        for (i, a) in data.assignments.enumerated() where out.indices.contains(a.unitIndex) {
            out[a.unitIndex].append(i)
        }
        byUnit = out
    }
}

/// The contributors who belong to each unit (`contributor.units`), by unit index.
public struct UnitMembers: Sendable {
    public let byUnit: [[Int]]

    public init(_ data: ServiceData) {
        var out = [[Int]](repeating: [], count: data.plan.units.count)
        for (i, c) in data.contributors.enumerated() {
            // A unit listed twice by one contributor makes them a member once.
            var seen: Set<Int> = []
            for id in c.units ?? [] {
                if let u = data.unitIndex[id], seen.insert(u).inserted { out[u].append(i) }
            }
        }
        byUnit = out
    }
}

/// Each contributor's assignments (every unit) as merged sorted spans, so that "is this person
/// free over this span" is a binary search. Kept flat — all spans in one array, contributor
/// `c`'s in `offsets[c] ..< offsets[c + 1]` — so that a lookup touches no nested array.
public struct BusySpans: Sendable {
    private let spans: [Timeline.Span]
    private let offsets: [Int]

    /// Each contributor's spans of commitment (duty and on call): when they are busy. With
    /// `availability: true`, their spans of declared availability instead: when they may be called.
    public init(_ data: ServiceData, availability: Bool = false) {
        let people = data.contributors.count
        var counts = [Int](repeating: 0, count: people + 1)
        func counted(_ a: Assignment) -> Bool {
            a.contributorIndex >= 0 && a.contributorIndex < people && (a.engagement == .availability) == availability
        }
        for a in data.assignments where counted(a) {
            counts[a.contributorIndex + 1] += 1
        }
        for c in 0..<people { counts[c + 1] += counts[c] }
        var all = [Timeline.Span](repeating: Timeline.Span(0, 0), count: counts[people])
        var next = counts
        for a in data.assignments where counted(a) {
            all[next[a.contributorIndex]] = Timeline.Span(a.start, a.end)
            next[a.contributorIndex] += 1
        }
        // Each contributor's spans merged (sorted, overlapping or touching ones joined, empty
        // ones dropped), packed to the front of the array in contributor order.
        var merged: [Timeline.Span] = []
        merged.reserveCapacity(all.count)
        var offsets = [Int](repeating: 0, count: people + 1)
        for c in 0..<people {
            merged += Timeline.merge(Array(all[counts[c]..<counts[c + 1]]))
            offsets[c + 1] = merged.count
        }
        spans = merged
        self.offsets = offsets
    }

    /// Contributor `c`'s merged spans.
    public func spans(of c: Int) -> ArraySlice<Timeline.Span> {
        guard c >= 0, c + 1 < offsets.count else { return [] }
        return spans[offsets[c]..<offsets[c + 1]]
    }

    /// The index of contributor `c`'s first span ending after `t`, and the end of their spans.
    private func firstEnding(after t: Int64, of c: Int) -> (Int, Int)? {
        guard c >= 0, c + 1 < offsets.count else { return nil }
        var lo = offsets[c], hi = offsets[c + 1]
        let end = hi
        while lo < hi {
            let m = (lo + hi) / 2
            if spans[m].end <= t { lo = m + 1 } else { hi = m }
        }
        return (lo, end)
    }

    /// Whether contributor `c` has an assignment overlapping `span`.
    public func isBusy(_ c: Int, over span: Timeline.Span) -> Bool {
        guard let (i, end) = firstEnding(after: span.start, of: c) else { return false }
        return i < end && spans[i].start < span.end
    }

    /// Whether one of contributor `c`'s merged spans holds the whole of `span`.
    public func covers(_ c: Int, _ span: Timeline.Span) -> Bool {
        guard let (i, end) = firstEnding(after: span.start, of: c) else { return false }
        return i < end && spans[i].start <= span.start && spans[i].end >= span.end
    }
}

/// Whether a unit filter selects a unit; an unsettled filter becomes a result for the unit.
enum UnitSelection {
    case selected
    case skipped
    case unsettled(RuleResult)

    static func test(_ filter: KindFilter, _ unit: Unit, _ context: EvaluationContext) -> UnitSelection {
        guard filter.expression != nil else { return .selected }
        var a = RuleExpressions.activation(filter.environment, context)
        a["unit"] = .object(unit)
        switch filter.test(a) {
        case .yes: return .selected
        case .no: return .skipped
        case .unknown(let missing):
            return .unsettled(RuleResult(.indeterminate, subject: unit.subject,
                                         message: "cannot decide whether 'units' selects unit \(unit.id): missing \(missing.joined(separator: ", "))",
                                         location: unit.location, path: unit.path, missing: missing, key: "units"))
        case .error(let message):
            return .unsettled(RuleResult(.fail, subject: unit.subject,
                                         message: "'units' could not be evaluated on unit \(unit.id): \(message)",
                                         location: unit.location, path: unit.path, key: "units"))
        }
    }
}

// MARK: - Time in messages and keys

/// Local times as people read them in findings.
public enum KindTime {
    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// `Tue 2026-03-03 14:00–18:00`; `Mon 2026-03-02 19:00 – Tue 2026-03-03 07:00` across
    /// days; an end at the next local midnight reads `24:00`.
    public static func span(_ span: Timeline.Span, _ zone: ZoneRules) -> String {
        let (d1, t1) = split(zone.local(utc: span.start))
        let (d2, t2) = split(zone.local(utc: span.end))
        if let text = ASCIIText.make({ w in
            func day(_ days: Int64) {
                w.text(weekdays[CivilCalendar.weekday(days: days)])
                w.byte(UInt8(ascii: " "))
                w.date(CivilDate(daysSinceEpoch: days))
            }
            day(d1)
            w.byte(UInt8(ascii: " "))
            w.clock(t1)
            if d1 == d2 || (d2 == d1 + 1 && t2 == 0) {
                w.text("–")
                if d1 == d2 { w.clock(t2) } else { w.text("24:00") }
            } else {
                w.text(" – ")
                day(d2)
                w.byte(UInt8(ascii: " "))
                w.clock(t2)
            }
        }) { return text }
        if d1 == d2 { return "\(day(d1)) \(clock(t1))–\(clock(t2))" }
        if d2 == d1 + 1 && t2 == 0 { return "\(day(d1)) \(clock(t1))–24:00" }
        return "\(day(d1)) \(clock(t1)) – \(day(d2)) \(clock(t2))"
    }

    /// `2026-03-03T14:00+01:00/2026-03-03T18:00+01:00`: unambiguous (offsets tell the two
    /// 02:30 of an autumn night apart) and stable, for result keys.
    public static func key(_ span: Timeline.Span, _ zone: ZoneRules) -> String {
        LocalTime.format(utc: span.start, in: zone) + "/" + LocalTime.format(utc: span.end, in: zone)
    }

    /// Hours as a short decimal: `12`, `7.5`, `0.25`.
    public static func hours(_ seconds: Int64) -> String {
        let h = Double(seconds) / 3600
        let rounded = (h * 100).rounded() / 100
        return Value.double(rounded).displayText
    }

    /// `Tue 2026-03-03 14:00–18:00, Wed … and 3 more` (at most `limit` spans).
    public static func list(_ spans: [Timeline.Span], _ zone: ZoneRules, limit: Int = 3) -> String {
        var parts = spans.prefix(limit).map { span($0, zone) }
        if spans.count > limit { parts.append("and \(spans.count - limit) more") }
        return parts.joined(separator: ", ")
    }

    private static func split(_ local: Int64) -> (Int64, Int64) {
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return (days, local - days * 86_400)
    }

    private static func day(_ days: Int64) -> String {
        "\(weekdays[CivilCalendar.weekday(days: days)]) \(CivilDate(daysSinceEpoch: days).iso)"
    }

    private static func clock(_ secs: Int64) -> String {
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let s = secs % 60
        return "\(two(secs / 3600)):\(two((secs % 3600) / 60))" + (s == 0 ? "" : ":\(two(s))")
    }
}

// MARK: - Messages

/// A kind's `message:`/`fix:` templates, compiled with the measured values it binds, and the
/// default text used when the rule gives none.
struct KindMessages: Sendable {
    let environment: ExpressionEnvironment
    let message: MessageTemplate?
    let fix: MessageTemplate?

    /// Reads `message` and `fix` in an environment holding `variables` (the kind's measured
    /// values and the records it binds).
    static func read(_ r: inout MappingReader, context: RuleContext, variables: [String: ExprType]) -> KindMessages {
        let env = RuleEnvironment.make(params: context.params, extra: variables)
        let message = r.optional("message").flatMap { RuleExpressions.template($0, "message", env, &r) }
        let fix = r.optional("fix").flatMap { RuleExpressions.template($0, "fix", env, &r) }
        return KindMessages(environment: env, message: message, fix: fix)
    }

    /// The activation to bind measured values in.
    func activation(_ context: EvaluationContext) -> Activation {
        RuleExpressions.activation(environment, context)
    }

    /// The rule's message if it has one, else `fallback`.
    func message(_ activation: Activation, _ context: EvaluationContext, default fallback: @autoclosure () -> String) -> String {
        message.map { $0.render(activation, lang: context.lang, planZone: context.data.timeZone) } ?? fallback()
    }

    /// The rule's fix if it has one, else `fallback`.
    func fix(_ activation: Activation, _ context: EvaluationContext, default fallback: @autoclosure () -> String?) -> String? {
        fix.map { $0.render(activation, lang: context.lang, planZone: context.data.timeZone) } ?? fallback()
    }
}

extension RuleResult {
    /// The one result of a rule that could not run (a bad parameter override).
    static func failure(_ failure: KindFailure, _ context: EvaluationContext) -> RuleResult {
        RuleResult(.indeterminate, subject: context.data.plan.subject, message: "cannot evaluate: \(failure.message)",
                   location: context.data.plan.location, path: "params", missing: ["params"], key: "params")
    }
}
