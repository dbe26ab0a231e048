/// `kind: fallback` — every unit has a fallback that can act within the promised delay,
/// over all its promised hours.
///
/// ```yaml
/// - id: cl.departure-guarantee
///   principle: continuity
///   severity: error
///   title: {fr: Garantie de départ, en: Departure guarantee}
///   kind: fallback
///   units: unit.kind == 'line'     # optional
///   modes: [taxi, vtc]             # optional; default any mode but none
///   max_delay_minutes: 20          # optional; params.x allowed
///   require_provider: true         # optional; default false
/// ```
/// A unit's fallback is its own, else the plan's. Findings: no fallback; mode `none` or not in
/// `modes`; a delay above `max_delay_minutes` (a fallback that states no delay is
/// indeterminate, never a pass); no provider when required; for `neighbour_unit`, a unit that
/// is missing, is the unit itself, or is closed during some of this unit's promised hours (the
/// spans are named).
///
/// Complexity: O(u · h) for u units and h opening-hour intervals in the period; assignments are
/// not read.
public struct FallbackRule: RuleKind {
    public static let identifier = "fallback"
    public var subject: RecordCollection? { nil }  // reads the neighbour units: never split by unit
    public static let summary = "Every unit has a fallback that can act within the promised delay, over all its promised hours."
    public static let properties: [SchemaProperty] = [
        RuleFileSchema.units,
        SchemaProperty("modes", .strings, "The acceptable fallback modes (taxi, vtc, neighbour_unit…); default any but none."),
        SchemaProperty("max_delay_minutes", RuleFileSchema.integer, "The longest acceptable delay, in minutes."),
        SchemaProperty("require_provider", .boolean, "Whether the fallback must name its provider (default false)."),
        RuleFileSchema.message, RuleFileSchema.fix,
    ]
    static let messageVariables: [String: ExprType] = [
        "unit": .object("unit"), "fallback": .object("fallback"), "problem": .string, "detail": .string,
        "spans": .list(.string),
    ]

    let units: KindFilter
    let modes: [String]
    let maxDelay: RuleNumber?
    let requireProvider: Bool
    let messages: KindMessages

    public static func parse(_ r: inout MappingReader, context: RuleContext) -> FallbackRule? {
        let units = KindKeys.units(&r, context)
        let modes = r.strings("modes")
        if modes.contains("none"), let node = r.node["modes"] {
            r.report(.error(at: node.location, "'modes' lists the acceptable fallbacks; 'none' is not one"))
        }
        let maxDelay = RuleNumber.read(&r, "max_delay_minutes", context: context, integer: true, minimum: 0)
        let requireProvider = KindKeys.bool(&r, "require_provider") ?? false
        let messages = KindMessages.read(&r, context: context, variables: messageVariables)
        guard r.diagnostics.isEmpty else { return nil }
        return FallbackRule(units: units, modes: modes, maxDelay: maxDelay, requireProvider: requireProvider, messages: messages)
    }

    public func evaluate(_ context: EvaluationContext, part: RulePart, into sink: inout ResultSink) {
        sink.add(contentsOf: results(context))
    }

    func results(_ context: EvaluationContext) -> [RuleResult] {
        var bound: Int?
        if let maxDelay {
            switch maxDelay.value(in: context) {
            case .failure(let f): return [.failure(f, context)]
            case .success(let v): bound = Int(v)
            }
        }
        let data = context.data
        let zone = data.timeZone
        var results: [RuleResult] = []
        for (unit, unsettled) in UnitSelection.select(units, data.plan.units, context) {
            if let unsettled { results.append(unsettled); continue }
            let own = unit.fallback != nil
            let path = own ? "\(unit.path).fallback" : "plan.fallback"
            guard let fallback = unit.fallback ?? data.plan.fallback else {
                results.append(result(.fail, unit, nil, problem: "missing", spans: [],
                                      "unit \(unit.id) has no fallback, neither its own nor the plan's",
                                      fix: "declare a fallback for unit \(unit.id) (mode, max_delay_minutes, provider)",
                                      path: unit.path, location: unit.location, context))
                continue
            }
            var out: [RuleResult] = []
            func add(_ outcome: Outcome, _ problem: String, _ text: String, fix: String?, spans: [Timeline.Span] = [],
                     measured: String? = nil, expected: String? = nil, missing: [String] = []) {
                var r = result(outcome, unit, fallback, problem: problem, spans: spans, text, fix: fix, path: path,
                               location: fallback.location, context)
                r.measured = measured
                r.expected = expected
                r.missing = missing
                out.append(r)
            }
            let whose = own ? "the fallback of unit \(unit.id)" : "the plan's fallback, used by unit \(unit.id),"
            if fallback.mode == "none" {
                // No fallback: its delay or provider would be noise.
                add(.fail, "mode", "\(whose) is 'none': nobody takes over when contributors are missing",
                    fix: "give unit \(unit.id) a fallback mode" + (modes.isEmpty ? "" : " (\(modes.joined(separator: ", ")))"),
                    measured: "none", expected: modes.isEmpty ? "a mode other than none" : modes.joined(separator: " or "))
                results += out
                continue
            } else if !modes.isEmpty && !modes.contains(fallback.mode) {
                add(.fail, "mode", "\(whose) is '\(fallback.mode)', not \(modes.map { "'\($0)'" }.joined(separator: " or "))",
                    fix: "use one of \(modes.joined(separator: ", ")) for unit \(unit.id)",
                    measured: fallback.mode, expected: modes.joined(separator: " or "))
            }
            if let bound {
                if let delay = fallback.maxDelayMinutes {
                    if delay > bound {
                        add(.fail, "delay", "\(whose) acts within \(delay) min, more than \(bound) min",
                            fix: "guarantee a delay of at most \(bound) min (a closer provider, or more of them)",
                            measured: "\(delay) min", expected: "at most \(bound) min")
                    }
                } else {
                    add(.indeterminate, "delay", "cannot decide whether \(whose) acts within \(bound) min: it states no max_delay_minutes",
                        fix: "state the guaranteed delay (max_delay_minutes)", expected: "at most \(bound) min",
                        missing: ["fallback.max_delay_minutes"])
                }
            }
            if requireProvider && fallback.provider == nil && fallback.mode != "neighbour_unit" {
                add(.fail, "provider", "\(whose) names no provider", fix: "name who provides the \(fallback.mode) fallback (provider)")
            }
            if fallback.mode == "neighbour_unit" {
                if let neighbourID = fallback.unit {
                    if neighbourID == unit.id {
                        add(.fail, "neighbour", "\(whose) is the unit itself", fix: "name another unit that can take over")
                    } else if let n = data.unitIndex[neighbourID] {
                        let promised = data.openIntervals(of: unit)
                        let open = data.openIntervals(of: data.plan.units[n])
                        let uncovered = Timeline.subtract(promised, open)
                        if !uncovered.isEmpty {
                            let seconds = uncovered.reduce(Int64(0)) { $0 + $1.length }
                            add(.fail, "neighbour", "neighbour unit \(neighbourID) is closed during \(KindTime.hours(seconds)) h of unit \(unit.id)'s promised hours: \(KindTime.list(uncovered, zone))",
                                fix: "extend the hours of \(neighbourID), or add another fallback for those spans", spans: uncovered,
                                measured: "\(KindTime.hours(seconds)) h uncovered", expected: "open over all promised hours")
                        }
                    } else {
                        add(.fail, "neighbour", "\(whose) names unit '\(neighbourID)', which the plan does not have"
                            + Suggestion.hint(for: neighbourID, in: data.plan.units.map(\.id)), fix: nil)
                    }
                } else {
                    add(.fail, "neighbour", "\(whose) is a neighbour unit but names none", fix: "name the unit that takes over (unit)")
                }
            }
            results += out.isEmpty ? [RuleResult(.pass, subject: unit.subject)] : out
        }
        return results
    }

    private func result(_ outcome: Outcome, _ unit: Unit, _ fallback: Fallback?, problem: String, spans: [Timeline.Span],
                        _ text: String, fix: String?, path: String, location: Location, _ context: EvaluationContext) -> RuleResult {
        var a = messages.activation(context)
        a["unit"] = KindValues.unit(unit, context.data.unitValues)
        a["fallback"] = fallback.map { .object($0) }
        a["problem"] = .string(problem)
        a["detail"] = .string(text)
        a["spans"] = .list(spans.map { .string(KindTime.span($0, context.data.timeZone)) })
        return RuleResult(outcome, subject: unit.subject, message: messages.message(a, context, default: text),
                          location: location, path: path, fix: messages.fix(a, context, default: fix), key: problem)
    }
}
