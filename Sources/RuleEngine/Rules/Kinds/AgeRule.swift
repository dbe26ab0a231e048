/// `kind: age` — each contributor's age at each assignment lies within the bounds of the first
/// band that applies to them.
///
/// ```yaml
/// - id: spv.age-limit
///   principle: risk-coverage
///   severity: error
///   title: {fr: Limite d'âge des SPV, en: Age limits of volunteer firefighters}
///   kind: age
///   where: assignment.kind in ["garde", "astreinte"]
///   bands:                     # the first band whose `when` holds gives the bounds
///     - {when: "contributor.specialty == 'sssm_medecin'", max: 70}
///     - {when: "contributor.grade == 'lieutenant'", min: 21, max: 60}
///     - {min: 16, max: 60}     # no `when`: always applies
/// ```
///
/// Age is in completed years at the local date of the assignment's start. A `max` is reached on
/// the max-th birthday: allowed iff age < max; a `min` allows iff age ≥ min. Someone born on
/// 29 February has their birthday on 28 February in a common year. A missing birth date, a
/// `when` that cannot be decided, or no band applying makes the contributor indeterminate,
/// never a pass. Bounds may be parameters (`max: params.max_age`).
///
/// One result per contributor with counted assignments, failing at the first assignment out of
/// bounds and counting the others. Complexity: O(n log n) in the number of assignments times
/// the number of bands.
public struct AgeRule: RuleKind {
    public static let identifier = "age"
    public var subject: RecordCollection? { .contributors }  // judged per contributor
    public static let summary = "Each contributor's age at each assignment lies within the bounds of the first band that applies to them."
    /// Heavy on large data: every assignment's date against its contributor's bounds.
    public static let relativeCost = 2
    public static let properties: [SchemaProperty] = [
        RuleFileSchema.filter(over: "assignments"),
        SchemaProperty("bands", .list(.object(SchemaObject([
            SchemaProperty("when", .expression, "To whom the band applies (boolean expression); absent: everyone."),
            SchemaProperty("min", RuleFileSchema.integer, "The least age, in completed years."),
            SchemaProperty("max", RuleFileSchema.integer, "The age from which one may no longer serve."),
        ]))), required: true, "Age bands; the first whose when holds gives the bounds."),
        RuleFileSchema.message, RuleFileSchema.fix,
    ]

    struct Band: Sendable {
        var when: CompiledExpression?
        var min: RuleNumber?
        var max: RuleNumber?
    }

    let filter: CompiledExpression?
    let bands: [Band]
    let environment: ExpressionEnvironment
    let message: MessageTemplate?
    let fix: MessageTemplate?

    /// Variables `message:`/`fix:` may use besides `assignment` (the first out of bounds),
    /// `contributor` and `unit`.
    static let templateVariables: [String: ExprType] = [
        "age": .int, "age_min": .int, "age_max": .int, "on": .date, "band": .int, "others": .int,
    ]

    public static func parse(_ r: inout MappingReader, context: RuleContext) -> AgeRule? {
        let env = KindKeys.assignmentEnvironment(context, measures: templateVariables)
        let filter = r.optional("where").flatMap { RuleExpressions.boolean($0, "where", env, &r) }
        var bands: [Band] = []
        if let node = r.required("bands") {
            if let items = node.items, !items.isEmpty {
                for (i, item) in items.enumerated() {
                    var b = MappingReader(item, what: "band \(i + 1) of \(r.what)")
                    let when = b.optional("when").flatMap { RuleExpressions.boolean($0, "when", env, &b) }
                    let min = RuleNumber.read(&b, "min", context: context, integer: true, minimum: 0, maximum: 200)
                    let max = RuleNumber.read(&b, "max", context: context, integer: true, minimum: 0, maximum: 200)
                    if item.pairs != nil && item["min"] == nil && item["max"] == nil {
                        b.report(.error(at: item.location, "band \(i + 1) of \(r.what) has no bound; give min, max or both"))
                    }
                    if case .literal(let lo)? = min?.source, case .literal(let hi)? = max?.source, lo >= hi, let at = item["max"] {
                        b.report(.error(at: at.location, "band \(i + 1) of \(r.what) allows no age: min \(Value.double(lo).displayText) is not below max \(Value.double(hi).displayText) (max is reached on the max-th birthday)"))
                    }
                    r.report(contentsOf: b.finish())
                    bands.append(Band(when: when, min: min, max: max))
                }
            } else {
                r.report(.error(at: node.location, "'bands' in \(r.what) must be a non-empty list of {when, min, max}"))
            }
        }
        let (message, fix, ok) = RiskTemplates.read(&r, env)
        guard ok, !bands.isEmpty, r.diagnostics.isEmpty else { return nil }
        return AgeRule(filter: filter, bands: bands, environment: env, message: message, fix: fix)
    }

    enum Status {
        case ok
        case outside(age: Int, band: Int, min: Int?, max: Int?, on: CivilDate)
        case unsettled(String, [String])
    }

    /// Passes go to the sink without their texts: most contributors of a national run pass.
    public func evaluate(_ context: EvaluationContext, part: RulePart, into sink: inout ResultSink) {
        // Bounds with the plan's parameters.
        var bounds: [(min: Int?, max: Int?)] = []
        for band in bands {
            var pair: (min: Int?, max: Int?) = (nil, nil)
            for (n, isMin) in [(band.min, true), (band.max, false)] {
                guard let n else { continue }
                switch n.value(in: context) {
                case .success(let v): if isMin { pair.min = Int(v) } else { pair.max = Int(v) }
                case .failure(let f): sink.add(.failure(f, context)); return
                }
            }
            bounds.append(pair)
        }
        let data = context.data
        var activation = RuleExpressions.activation(environment, context)
        // The run's tables: the grouping of rules whose `where:` decides the same, and each
        // assignment's local start day.
        let groups = context.contributorAssignments(filter: filter, activation: &activation)
        let days = context.assignmentDays
        let perContributor = bandsPerContributor
        for (ci, list) in groups.counted {
            let person = data.contributors[ci]
            guard let birth = person.birthDate else {
                if list.isEmpty, let doubt = groups.doubtResult(of: ci, person, data) {
                    sink.add(doubt)
                } else {
                    sink.add(RuleResult(.indeterminate, subject: person.subject,
                                        message: "cannot decide the age of \(person.id): missing birth date",
                                        location: person.location, path: person.path, missing: ["contributor.birth_date"]))
                }
                continue
            }
            var first: (index: Int, status: Status)?
            var failures = 0
            var doubt: (index: Int, message: String, missing: [String])?
            var chosen: Result<Int, Unsettled>?
            if perContributor {
                activation[slot: activation.assignmentSlot] = nil
                activation[slot: activation.unitSlot] = nil
                activation[slot: activation.contributorSlot] = .object(person)
                chosen = band(activation)
            }
            for ai in list {
                let on = CivilDate(dayNumber: days.first(ai))
                let s = chosen.map { status(band: $0, birth: birth, on: on, bounds) }
                    ?? status(data.assignments[ai], birth: birth, on: on, bounds, data, &activation)
                switch s {
                case .ok: break
                case .outside:
                    failures += 1
                    if first == nil { first = (ai, s) }
                case .unsettled(let m, let missing):
                    if doubt == nil { doubt = (ai, m, missing) }
                }
            }
            if let first, case .outside(let age, let band, let lo, let hi, let on) = first.status {
                sink.add(failure(first.index, person, birth: birth, age: age, band: band, min: lo, max: hi, on: on,
                                  others: failures - 1, context, &activation))
            } else if let doubt {
                let a = data.assignments[doubt.index]
                sink.add(RuleResult(.indeterminate, subject: person.subject,
                                    message: "cannot decide the age bounds of \(person.id) for assignment \(a.id): \(doubt.message)",
                                    location: a.location, path: a.path, missing: doubt.missing))
            } else if let doubt = groups.doubtResult(of: ci, person, data) {
                sink.add(doubt)
            } else {
                sink.pass(person.subject)
            }
        }
    }

    func status(_ a: Assignment, birth: CivilDate, on: CivilDate, _ bounds: [(min: Int?, max: Int?)],
                _ data: ServiceData, _ activation: inout Activation) -> Status {
        AssignmentBinder.bind(a, data, &activation)
        return status(band: band(activation), birth: birth, on: on, bounds)
    }

    /// The age status on `on` in the band `band` chose (or why none was chosen).
    func status(band: Result<Int, Unsettled>, birth: CivilDate, on: CivilDate, _ bounds: [(min: Int?, max: Int?)]) -> Status {
        switch band {
        case .failure(let u): return .unsettled(u.message, u.missing)
        case .success(let i):
            let age = birth.completedYears(at: on)
            let (lo, hi) = bounds[i]
            if let lo, age < lo { return .outside(age: age, band: i + 1, min: lo, max: hi, on: on) }
            if let hi, age >= hi { return .outside(age: age, band: i + 1, min: lo, max: hi, on: on) }
            return .ok
        }
    }

    struct Unsettled: Error {
        var message: String
        var missing: [String]
    }

    /// The index of the first band whose `when` holds in `activation`.
    func band(_ activation: Activation) -> Result<Int, Unsettled> {
        for (i, band) in bands.enumerated() {
            if let when = band.when {
                switch when.evaluate(activation) {
                case .value(.bool(true)): break
                case .value(.bool(false)): continue
                case .indeterminate(let missing):
                    return .failure(Unsettled(message: "band \(i + 1)'s 'when' needs \(missing.joined(separator: ", "))", missing: missing))
                case .error(let message):
                    return .failure(Unsettled(message: "band \(i + 1)'s 'when' could not be evaluated: \(message)", missing: []))
                case .value(let v):
                    return .failure(Unsettled(message: "band \(i + 1)'s 'when' gave \(v.displayText), not true or false", missing: []))
                }
            }
            return .success(i)
        }
        return .failure(Unsettled(message: "no band applies; add a last band without 'when'", missing: ["band"]))
    }

    /// Whether the bands depend only on the contributor (no `when` names the assignment or its
    /// unit): then the band is chosen once per contributor, not once per assignment.
    var bandsPerContributor: Bool {
        !bands.contains { band in
            guard let source = band.when?.source else { return false }
            return source.contains("assignment") || source.contains("unit")
        }
    }

    func failure(_ index: Int, _ person: Contributor, birth: CivilDate, age: Int, band: Int, min lo: Int?, max hi: Int?,
                 on: CivilDate, others: Int, _ context: EvaluationContext, _ activation: inout Activation) -> RuleResult {
        let data = context.data
        let a = data.assignments[index]
        let more = others > 0 ? "; \(others) other assignment\(others == 1 ? "" : "s") out of bounds too" : ""
        var text: String
        var fixText: String
        if let lo, age < lo {
            let birthday = birth.addingYears(lo)
            text = "\(person.id) is \(age) on \(on.iso) (assignment \(a.id)), under the minimum age \(lo) of band \(band)\(more)"
            fixText = "assign \(person.id) only from \(birthday.iso) (\(ordinal(lo)) birthday) on, or give assignment \(a.id) to someone else"
        } else {
            let limit = hi ?? age
            let birthday = birth.addingYears(limit)
            text = "\(person.id) is \(age) on \(on.iso) (assignment \(a.id)): the age limit \(limit) of band \(band) was reached on \(birthday.iso)\(more)"
            fixText = "give the assignments of \(person.id) from \(birthday.iso) on to someone else"
        }
        if message != nil || fix != nil {
            AssignmentBinder.bind(a, data, &activation)
            activation["age"] = .int(Int64(age))
            activation["age_min"] = lo.map { .int(Int64($0)) }
            activation["age_max"] = hi.map { .int(Int64($0)) }
            activation["on"] = .date(on)
            activation["band"] = .int(Int64(band))
            activation["others"] = .int(Int64(others))
            if let message { text = message.render(activation, lang: context.lang, planZone: data.timeZone) }
            if let fix { fixText = fix.render(activation, lang: context.lang, planZone: data.timeZone) }
        }
        let expected = [lo.map { "at least \($0)" }, hi.map { "under \($0)" }].compactMap { $0 }.joined(separator: " and ")
        return RuleResult(.fail, subject: person.subject, message: text, location: a.location, path: a.path,
                          measured: "\(age) on \(on.iso)", expected: expected, fix: fixText)
    }

    func ordinal(_ n: Int) -> String {
        let suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : ["th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"][n % 10]
        return "\(n)\(suffix)"
    }
}
