/// One requirement of one unit: what it demands, when.
struct CoverageRequirement {
    /// Stable part of result keys: `staffing[1]`, `min`, `attendance`.
    var key: String
    var position: String?
    /// Sorted, disjoint pieces of time with the number required over each.
    var pieces: [(span: Timeline.Span, required: Int)]
    var location: Location
    var path: String

    /// `chef_agres (min 1)` or `the staffing minimum` for messages.
    var what: String {
        position.map { "the \($0) requirement" } ?? "the requirement"
    }

    var describeRequired: String {
        let values = Set(pieces.map(\.required))
        if values.count == 1, let v = values.first { return "\(v)" + (position.map { " \($0)" } ?? "") }
        return "the required number"
    }
}

/// Who is present when for one requirement: the segments counting only assignments known to
/// count (`certain`) and counting also those that might (`optimistic`).
struct CoverageAnalysis {
    var certain: [Timeline.Segment]
    var optimistic: [Timeline.Segment]
    var pieces: [(span: Timeline.Span, required: Int)]
    /// Data paths whose absence left some assignment undecided.
    var missing: [String]

    /// The number required over a segment (segments are cut at piece boundaries).
    func required(_ span: Timeline.Span) -> Int {
        var lo = 0, hi = pieces.count
        while lo < hi {
            let m = (lo + hi) / 2
            if pieces[m].span.start <= span.start { lo = m + 1 } else { hi = m }
        }
        guard lo > 0, pieces[lo - 1].span.end > span.start else { return 0 }
        return pieces[lo - 1].required
    }

    /// The spans that are gaps counting only certain assignments but not with the undecided
    /// ones: neither pass nor fail.
    func undecided(certainGaps optimisticGaps: [Timeline.Gap]) -> [Timeline.Span] {
        guard !missing.isEmpty else { return [] }
        let pessimistic = Timeline.gaps(certain, required: required).map(\.span)
        return Timeline.subtract(pessimistic, optimisticGaps.map(\.span))
    }
}

/// One evaluation of a coverage spec: the indexes built once, then each unit × requirement.
struct CoverageRun {
    let spec: CoverageSpec
    let context: EvaluationContext
    let byUnit: UnitAssignments
    var slotsByUnit: [[Int]] = []
    /// Slot length in seconds (`granularity:` of coverage): presence is widened to whole slots.
    var granularity: Int64?

    init(_ spec: CoverageSpec, _ context: EvaluationContext) {
        self.spec = spec
        self.context = context
        byUnit = context.unitAssignments
        if case .attendance = spec.demand {
            var slots = [[Int]](repeating: [], count: context.data.plan.units.count)
            for (i, s) in context.data.attendance.enumerated() where slots.indices.contains(s.unitIndex) {
                slots[s.unitIndex].append(i)
            }
            slotsByUnit = slots
        }
    }

    /// Calls `body` for each selected unit and requirement with its analysis; a requirement
    /// whose body returns nothing passes.
    mutating func forEachRequirement(into results: inout [RuleResult], units: Range<Int>,
                                     _ body: (Unit, CoverageRequirement, CoverageAnalysis) -> [RuleResult]) {
        walk(into: &results, units: units, measure: { _, requirements, indices, verdicts in
            requirements.map { analyse($0, indices, verdicts) }
        }, body)
    }

    /// The key under which the run's rules share each requirement's gaps
    /// (`DerivedTables.staffingGaps`): what decides them — the plan's staffing (no `min:` or
    /// `hours:` of the rule's own), the assignments that count (engagements, and `where:` by
    /// what it decides) and the slots; nil when the demand is another.
    var gapsKey: String? {
        guard case .staffing = spec.demand, spec.hours == nil else { return nil }
        var counted = spec.engagements.map(\.rawValue).sorted().joined(separator: ",")
        if let filter = spec.filter {
            guard let key = AssignmentSelection.sharedKey(filter.expression, context) else { return nil }
            counted += " where " + key
        }
        return "staffing slots \(granularity.map(String.init) ?? "none") \(counted)"
    }

    /// Calls `body` for each selected unit and requirement with its gaps: those another rule of
    /// the run counting the same way (`gapsKey`) stored, or worked out here and stored; a
    /// requirement whose body returns nothing passes.
    mutating func forEachRequirementGaps(into results: inout [RuleResult], units: Range<Int>,
                                         _ body: (Unit, CoverageRequirement, RequirementGaps) -> [RuleResult]) {
        let shared = gapsKey.flatMap { key in context.tables?.staffingGaps(key) }
        walk(into: &results, units: units, measure: { unit, requirements, indices, verdicts in
            if let known = shared?.gaps(of: unit.index), known.count == requirements.count { return known }
            let measured = requirements.map { requirement in
                let analysis = analyse(requirement, indices, verdicts)
                let gaps = Timeline.gaps(analysis.optimistic, required: analysis.required)
                return RequirementGaps(gaps: gaps, undecided: analysis.undecided(certainGaps: gaps), missing: analysis.missing)
            }
            shared?.store(measured, of: unit.index)
            return measured
        }, body)
    }

    /// Each selected unit: its requirements, the `where:` verdicts of its assignments (and their
    /// errors), then `measure` of its requirements (in their order) handed to `body` one by one.
    private func walk<Measure>(into results: inout [RuleResult], units: Range<Int>,
                               measure: (Unit, [CoverageRequirement], [Int], [Verdict]) -> [Measure],
                               _ body: (Unit, CoverageRequirement, Measure) -> [RuleResult]) {
        let data = context.data
        var selection = AssignmentSelection(spec.filter, context)
        for (unit, unsettled) in UnitSelection.select(spec.units, data.plan.units[units], context) {
            if let unsettled { results.append(unsettled); continue }
            let requirements: [CoverageRequirement]
            switch self.requirements(of: unit, into: &results) {
            case .success(let r): requirements = r
            case .failure(let failure): results.append(.failure(failure, context)); return
            }
            if requirements.isEmpty {
                results.append(RuleResult(.pass, subject: unit.subject, key: "nothing promised"))
                continue
            }
            // Each assignment's `where` is decided once per unit, whatever the requirements
            // (and once per run for rules whose filters mean the same: the selection's).
            let indices = byUnit.byUnit[unit.index]
            // Plain loops, no closures: a closure in a mutating method copies the run.
            var verdicts: [Verdict] = []
            verdicts.reserveCapacity(indices.count)
            let engagements = spec.engagements
            if let selected = selection.verdicts(of: unit, engagements: engagements) {
                verdicts = selected
            } else {
                let ratio = spec.demand.isAttendance
                for i in indices { verdicts.append(Self.verdict(data.assignments[i], engagements, ratio: ratio)) }
            }
            for (k, v) in verdicts.enumerated() {
                if case .error(let message) = v {
                    let a = data.assignments[indices[k]]
                    results.append(RuleResult(.fail, subject: a.subject, message: "'where' could not be evaluated on assignment \(a.id): \(message)",
                                              location: a.location, path: a.path, key: "where"))
                }
            }
            for (requirement, measured) in zip(requirements, measure(unit, requirements, indices, verdicts)) {
                let out = body(unit, requirement, measured)
                if out.isEmpty {
                    results.append(RuleResult(.pass, subject: unit.subject, key: requirement.key))
                } else {
                    results += out
                }
            }
        }
    }

    /// The verdict on `a` of a spec without `where:` (`ratio`: an attendance demand, which
    /// counts the assignments with `counts_in_ratio: true`).
    private static func verdict(_ a: Assignment, _ engagements: Set<Engagement>, ratio: Bool) -> Verdict {
        guard engagements.contains(a.engagement) else { return .no }
        guard ratio else { return .yes }
        switch a.countsInRatio {
        case true?: return .yes
        case false?: return .no
        case nil: return .unknown(missing: ["assignment.counts_in_ratio"])
        }
    }

    /// The requirements of a unit, or a bad parameter.
    private func requirements(of unit: Unit, into results: inout [RuleResult]) -> Result<[CoverageRequirement], KindFailure> {
        let data = context.data
        func pieces(_ intervals: [Interval], _ n: Int) -> [(span: Timeline.Span, required: Int)] {
            intervals.filter { !$0.isEmpty }.map { ($0, n) }
        }
        switch spec.demand {
        case .staffing:
            return .success(unit.staffing.enumerated().compactMap { j, s in
                let hours = s.hours ?? spec.hours ?? data.openingHours(of: unit)
                let p = pieces(context.expand(hours), s.min)
                guard !p.isEmpty, s.min > 0 else { return nil }
                return CoverageRequirement(key: "staffing[\(j)]", position: s.position, pieces: p,
                                           location: s.location, path: "\(unit.path).staffing[\(j)]")
            })
        case .minimum(let number):
            switch number.value(in: context) {
            case .failure(let f): return .failure(f)
            case .success(let v):
                let n = Int(v)
                let p = pieces(context.expand(spec.hours ?? data.openingHours(of: unit)), n)
                guard !p.isEmpty, n > 0 else { return .success([]) }
                return .success([CoverageRequirement(key: "min", position: spec.position, pieces: p,
                                                     location: unit.location, path: unit.path)])
            }
        case .attendance(let slots, let required, let minimum):
            var constant: Int?
            if let minimum {
                switch minimum.value(in: context) {
                case .failure(let f): return .failure(f)
                case .success(let v): constant = Int(v)
                }
            }
            var slotActivation = RuleExpressions.activation(slots.environment, context)
            slotActivation["unit"] = KindValues.unit(unit, context.data.unitValues)
            var demands: [(span: Timeline.Span, required: Int)] = []
            let period = Timeline.Span(context.period.startInstant, context.period.endInstant)
            for i in slotsByUnit[unit.index] {
                let slot = data.attendance[i]
                let span = Timeline.Span(max(slot.start, period.start), min(slot.end, period.end))
                guard !span.isEmpty else { continue }
                slotActivation["attendance"] = .object(slot)
                switch slots.test(slotActivation) {
                case .no: continue
                case .yes: break
                case .unknown(let missing):
                    results.append(RuleResult(.indeterminate, subject: slot.subject, message: "cannot decide whether 'slots' selects this slot: missing \(missing.joined(separator: ", "))",
                                              location: slot.location, path: slot.path, missing: missing, key: "slots"))
                    continue
                case .error(let message):
                    results.append(RuleResult(.fail, subject: slot.subject, message: "'slots' could not be evaluated: \(message)",
                                              location: slot.location, path: slot.path, key: "slots"))
                    continue
                }
                if let constant {
                    demands.append((span, constant))
                    continue
                }
                guard let required else { continue }
                switch Self.adults(required.evaluate(slotActivation)) {
                case .success(let n): demands.append((span, n))
                case .failure(let problem):
                    if case .indeterminate(let missing) = required.evaluate(slotActivation) {
                        results.append(RuleResult(.indeterminate, subject: slot.subject, message: "cannot compute the adults required: missing \(missing.joined(separator: ", "))",
                                                  location: slot.location, path: slot.path, missing: missing, key: "required"))
                    } else {
                        results.append(RuleResult(.fail, subject: slot.subject, message: "'required' \(problem.message)",
                                                  location: slot.location, path: slot.path, key: "required"))
                    }
                }
            }
            let p = Self.stack(demands)
            guard !p.isEmpty else { return .success([]) }
            return .success([CoverageRequirement(key: "attendance", position: spec.position, pieces: p,
                                                 location: unit.location, path: unit.path)])
        }
    }

    /// Adults from a `required` value: an int, or a double rounded up (2.1 adults need 3).
    static func adults(_ outcome: EvalOutcome) -> Result<Int, KindFailure> {
        switch outcome {
        case .value(.int(let i)) where i >= 0 && i < 1_000_000: return .success(Int(i))
        case .value(.uint(let u)) where u < 1_000_000: return .success(Int(u))
        case .value(.double(let d)) where d.isFinite && d >= 0 && d < 1_000_000: return .success(Int(d.rounded(.up)))
        case .value(let v): return .failure(KindFailure("gave \(v.displayText), not a number of adults from 0 to 999999"))
        case .error(let message): return .failure(KindFailure("could not be evaluated: \(message)"))
        case .indeterminate(let missing): return .failure(KindFailure("missing \(missing.joined(separator: ", "))"))
        }
    }

    /// Sums overlapping demands into sorted disjoint pieces (a sweep over start/end events).
    static func stack(_ demands: [(span: Timeline.Span, required: Int)]) -> [(span: Timeline.Span, required: Int)] {
        var events: [(Int64, Int)] = []
        events.reserveCapacity(demands.count * 2)
        for d in demands where !d.span.isEmpty {
            events.append((d.span.start, d.required))
            events.append((d.span.end, -d.required))
        }
        events.sort { $0.0 < $1.0 }
        var out: [(span: Timeline.Span, required: Int)] = []
        var level = 0
        var i = 0
        var cursor: Int64 = 0
        while i < events.count {
            let t = events[i].0
            if level > 0, cursor < t {
                if let last = out.last, last.span.end == cursor, last.required == level {
                    out[out.count - 1].span.end = t
                } else {
                    out.append((Timeline.Span(cursor, t), level))
                }
            }
            while i < events.count && events[i].0 == t {
                level += events[i].1
                i += 1
            }
            cursor = t
        }
        return out.filter { $0.required > 0 }
    }

    /// Segments of presence over the requirement's pieces, certain and optimistic.
    private func analyse(_ requirement: CoverageRequirement, _ indices: [Int], _ verdicts: [Verdict]) -> CoverageAnalysis {
        let data = context.data
        let offset = data.contributors.count + data.assignments.count + 1
        let slots = granularity.map { SlotGrid(length: $0, zone: data.timeZone, pieces: requirement.pieces.map(\.span)) }
        var presences: [Timeline.Presence] = []
        presences.reserveCapacity(indices.count)
        var missing: Set<String> = []
        for (k, i) in indices.enumerated() {
            let a = data.assignments[i]
            var verdict = verdicts[k]
            if let position = requirement.position, verdict != .no {
                if let p = a.position {
                    if p != position { verdict = .no }
                } else if verdict == .yes {
                    verdict = .unknown(missing: ["assignment.position"])
                } else if case .unknown(let m) = verdict {
                    verdict = .unknown(missing: m + ["assignment.position"])
                }
            }
            // Unresolved contributors (never after a successful load) count as themselves.
            let who = a.contributorIndex >= 0 ? a.contributorIndex : data.contributors.count + i
            let span = slots?.widen(Timeline.Span(a.start, a.end)) ?? Timeline.Span(a.start, a.end)
            switch verdict {
            case .yes: presences.append(Timeline.Presence(span, who: who))
            case .no: continue
            case .unknown(let m):
                missing.formUnion(m)
                presences.append(Timeline.Presence(span, who: offset + who))
            case .error(let message):
                missing.insert("where on assignment \(a.id) (\(message))")
                presences.append(Timeline.Presence(span, who: offset + who))
            }
        }
        let window = requirement.pieces.map(\.span)
        let raw = Self.split(Timeline.segments(presences, within: window), at: window)
        var certain = raw, optimistic = raw
        if !missing.isEmpty {
            for (s, seg) in raw.enumerated() {
                let sure = seg.present.filter { $0 < offset }
                certain[s].present = sure
                var all = Set(sure)
                for w in seg.present where w >= offset { all.insert(w - offset) }
                optimistic[s].present = all.sorted()
            }
        }
        return CoverageAnalysis(certain: certain, optimistic: optimistic, pieces: requirement.pieces,
                                missing: missing.sorted().prefix(8).map { $0 })
    }

    /// Cuts segments at the boundaries of `pieces`, so that each lies in one piece.
    static func split(_ segments: [Timeline.Segment], at pieces: [Timeline.Span]) -> [Timeline.Segment] {
        var cuts: [Int64] = []
        cuts.reserveCapacity(pieces.count * 2)
        for p in pieces { cuts.append(p.start); cuts.append(p.end) }
        cuts.sort()
        var out: [Timeline.Segment] = []
        out.reserveCapacity(segments.count)
        var j = 0
        for s in segments {
            var start = s.span.start
            while j < cuts.count && cuts[j] <= start { j += 1 }
            var k = j
            while k < cuts.count && cuts[k] < s.span.end {
                // Pieces that touch give the same cut twice: no empty segment.
                if cuts[k] > start {
                    out.append(Timeline.Segment(span: Timeline.Span(start, cuts[k]), present: s.present))
                    start = cuts[k]
                }
                k += 1
            }
            out.append(Timeline.Segment(span: Timeline.Span(start, s.span.end), present: s.present))
        }
        return out
    }
}
