/// `kind: validity` — a dated document of each contributor is valid over the whole of each of
/// their assignments.
///
/// ```yaml
/// - id: cl.driver-insurance
///   principle: risk-coverage
///   severity: error
///   title: {fr: Conducteur assuré, en: Drivers are insured}
///   kind: validity
///   document: insurance          # medical | background_check | licence | insurance | qualification | policy
///   where: assignment.kind == "driver_availability"
///   # code: FI                   # the qualification's code (document: qualification)
///   # require: document.fit == true
///   # issued_within: 3y          # the document's valid_from is at most this old on every day
///   # issued_within_years: params.max_years   # the same in whole years, a parameter allowed
///   # until: add_months(document.valid_from, 48) # a last valid day worked out from the document
/// ```
///
/// Day-boundary rule: a document valid from F to U (last valid day, inclusive, in the plan's
/// time zone) covers an assignment iff F ≤ the local date of its start and the local date of
/// `end − 1 s` ≤ U; an assignment ending at 00:00 does not need that day. Missing `valid_from`
/// means valid since ever, missing `valid_until` open-ended; several documents (two successive
/// policies, a renewed qualification) may together cover an assignment. A missing document is
/// a failure ("no insurance on record"), never a pass; a `require:` or `issued_within` that
/// cannot be decided makes the contributor indeterminate unless another document covers.
///
/// One result per contributor with counted assignments (subject `contributor:ID`): it fails at
/// the first uncovered assignment and counts the others. With `document: policy` — the plan's
/// policies, one cause shared by everyone of a role — the contributors failing for the same
/// reason (a policy ending on the same day) are **one** finding, located at the policy, that
/// names how many people and which days are uncovered (subject `role:ROLE`). Complexity: O(n log n) in the number
/// of assignments n (one grouping by contributor, one sort), times the number k of candidate
/// documents of a contributor (1, or its qualifications with the code, or the plan's policies).
public struct ValidityRule: RuleKind {
    public static let identifier = "validity"
    public var subject: RecordCollection? { .contributors }
    public static let summary = "A dated document of each contributor is valid over the whole of each of their assignments."
    /// Heavy on large data: every assignment against its contributor's documents.
    public static let relativeCost = 3
    public static let properties: [SchemaProperty] = [
        SchemaProperty("document", .choice(ValidityRule.DocumentKind.allCases.map { .string($0.rawValue) }), required: true,
                       "The dated document that must be valid over every assignment."),
        SchemaProperty("code", .strings, "With document: qualification, the qualification's code, or a list of codes any of which may cover (each judged on its own span)."),
        RuleFileSchema.filter(over: "assignments"),
        SchemaProperty("require", .expression, "A condition on the document (boolean expression over document)."),
        SchemaProperty("issued_within", .string(), "The document's valid_from is at most this old on every day (e.g. 3y)."),
        SchemaProperty("issued_within_years", RuleFileSchema.integer, "The same in whole years."),
        SchemaProperty("until", .expression, "A last valid day of the rule's own: a date expression over the document and its contributor (a periodicity computed from age…), null for none; valid_until still applies when earlier."),
        RuleFileSchema.message, RuleFileSchema.fix,
    ]

    enum DocumentKind: String, CaseIterable, Sendable {
        case medical, backgroundCheck = "background_check", licence, insurance, qualification, policy

        var schema: String {
            switch self {
            case .qualification: "qualification"
            case .policy: "policy"
            default: "document"
            }
        }
    }

    let document: DocumentKind
    /// `code:`, the qualification's code; a list (`[FMPA, FI]`) accepts any of them, each
    /// document judged on its own (with `until:` giving each its span).
    let codes: [String]
    var code: String? { codes.isEmpty ? nil : codes.joined(separator: " or ") }
    let filter: CompiledExpression?
    let require: CompiledExpression?
    /// `until:`: a date expression over the document and its contributor giving a last valid day
    /// of the rule's own (a periodicity computed from age…); the document's `valid_until` still
    /// applies when earlier.
    var until: CompiledExpression? = nil
    var issuedWithin: DocumentAge?
    /// `issued_within_years`, resolved at evaluation (it may be a parameter).
    var issuedYears: RuleNumber?
    let environment: ExpressionEnvironment
    let message: MessageTemplate?
    let fix: MessageTemplate?

    /// Variables a `message:`/`fix:` template may use besides `assignment` (the first uncovered
    /// one), `contributor`, `unit` and `document`.
    static let templateVariables: [String: ExprType] = [
        "needed_from": .date, "needed_until": .date, "first_uncovered_day": .date, "others": .int,
        "reason": .string, "document_name": .string, "people": .list(.string), "people_count": .int,
        "last_uncovered_day": .date,
    ]

    public static func parse(_ r: inout MappingReader, context: RuleContext) -> ValidityRule? {
        var kind: DocumentKind?
        if let node = r.required("document") {
            if let text = node.string, let k = DocumentKind(rawValue: text) {
                kind = k
            } else {
                let text = node.keyText ?? node.kindName
                let hint = Suggestion.hint(for: text, in: DocumentKind.allCases.map(\.rawValue))
                r.report(.error(at: node.textStart, "unknown document '\(text)' in 'document' of \(r.what)"
                    + (hint.isEmpty ? "; use one of \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", "))" : hint)))
            }
        }
        let codes = r.strings("code")
        if kind == .qualification && codes.isEmpty && r.node["code"] == nil {
            r.report(.error(at: r.node.location, "missing key 'code' in \(r.what): 'document: qualification' needs the qualification's code, e.g. 'code: FI'"))
        }
        if let k = kind, k != .qualification, let node = r.node["code"] {
            r.report(.error(at: node.location, "'code' in \(r.what) applies only to 'document: qualification', not '\(k.rawValue)'; remove it"))
        }
        var extra = templateVariables
        extra["document"] = .object(kind?.schema ?? "document")
        let env = KindKeys.assignmentEnvironment(context, measures: extra)
        let filter = r.optional("where").flatMap { RuleExpressions.boolean($0, "where", env, &r) }
        let require = r.optional("require").flatMap { RuleExpressions.boolean($0, "require", env, &r) }
        var until: CompiledExpression?
        if let node = r.optional("until") {
            if let source = node.string {
                do {
                    let expr = try env.compile(source, at: node.textStart)
                    if expr.type != .date && expr.type != .dyn {
                        r.report(.error(at: node.textStart, "'until' in \(r.what) must give a date (the last valid day), but this expression gives \(expr.type)"))
                    } else if !expr.variableNames.isDisjoint(with: ["assignment", "unit"]) {
                        r.report(.error(at: node.textStart, "'until' in \(r.what) reads the document and its contributor, not the assignment; compare with the assignment in 'require'"))
                    } else {
                        until = expr
                    }
                } catch { r.report(error) }
            } else {
                r.report(.error(at: node.location, "'until' in \(r.what) must be an expression written as a string, found a \(node.kindName)"))
            }
        }
        let issued = DocumentAge.read("issued_within", &r)
        let years = RuleNumber.read(&r, "issued_within_years", context: context, integer: true, minimum: 1, maximum: 1000)
        if r.node["issued_within"] != nil, let node = r.node["issued_within_years"] {
            r.report(.error(at: node.location, "give either 'issued_within' or 'issued_within_years' in \(r.what), not both"))
        }
        let (message, fix, ok) = RiskTemplates.read(&r, env)
        guard let kind, ok, r.diagnostics.isEmpty else { return nil }
        return ValidityRule(document: kind, codes: codes, filter: filter, require: require, until: until, issuedWithin: issued,
                            issuedYears: years, environment: env, message: message, fix: fix)
    }

    /// A document that may cover assignments, with its validity in days.
    struct Candidate {
        var from: CivilDate?
        var until: CivilDate?
        var value: Value
        /// Where the date fields are read in expressions, for "missing" lists.
        var path: String
    }

    /// How one assignment stands.
    enum Status {
        case covered
        /// Not covered; the first day not covered and why.
        case uncovered(day: CivilDate, reason: String, expired: Bool)
        case unsettled(reason: String, missing: [String])
    }

    /// Passes go to the sink without their texts: most contributors of a national run pass.
    public func evaluate(_ context: EvaluationContext, part: RulePart, into sink: inout ResultSink) {
        if let years = issuedYears {
            switch years.value(in: context) {
            case .failure(let f): sink.add(.failure(f, context))
            case .success(let n):
                var resolved = self
                resolved.issuedYears = nil
                resolved.issuedWithin = .years(Int64(n))
                resolved.evaluate(context, part: part, into: &sink)
            }
            return
        }
        let data = context.data
        var activation = RuleExpressions.activation(environment, context)
        // The run's tables: the grouping of rules whose `where:` decides the same, and each
        // assignment's local days.
        let groups = context.contributorAssignments(filter: filter, activation: &activation)
        let days = context.assignmentDays
        // Without `require`, or with one that reads neither the assignment nor its unit, the
        // days a contributor is covered do not depend on the assignment: worked out once.
        let perAssignment = require.map { !$0.variableNames.isDisjoint(with: ["assignment", "unit"]) } ?? false
        // Policies: the failures of one shared cause, gathered into one finding at the end.
        var byCause: [String: SharedCause] = [:]
        var causes: [String] = []
        for (ci, list) in groups.counted {
            let person = data.contributors[ci]
            let candidates = self.candidates(of: person, data)
            var shared: Usable?
            if !perAssignment, let candidates {
                if require != nil || until != nil { activation[slot: activation.contributorSlot] = .object(person) }
                shared = usable(candidates, &activation)
            }
            var firstFail: (index: Int, day: CivilDate, reason: String, expired: Bool)?
            var failures = 0
            var lastUncovered: CivilDate?
            var firstDoubt: (index: Int, reason: String, missing: [String])?
            for ai in list {
                // Covered is the common case: decided on day numbers, no assignment read, no
                // date or reason built.
                if let shared, shared.covers(days.first(ai), days.last(ai)) {
                    continue
                }
                let a = data.assignments[ai]
                let need = (CivilDate(dayNumber: days.first(ai)), CivilDate(dayNumber: days.last(ai)))
                switch status(a, need: need, person, candidates, shared: shared, data, &activation) {
                case .covered: break
                case .uncovered(let day, let reason, let expired):
                    failures += 1
                    if firstFail == nil { firstFail = (ai, day, reason, expired) }
                    lastUncovered = need.1
                case .unsettled(let reason, let missing):
                    if firstDoubt == nil { firstDoubt = (ai, reason, missing) }
                }
            }
            if let f = firstFail, document == .policy {
                // One policy ending shares its cause among every role it covers.
                let cause = Self.cause(f.reason).replacingOccurrences(of: " covering role '\(person.role)'", with: "")
                if byCause[cause] == nil { causes.append(cause) }
                byCause[cause, default: SharedCause()].add(role: person.role,
                    person: ci, assignment: f.index, first: f.day, last: lastUncovered ?? f.day, reason: f.reason,
                    expired: f.expired, failures: failures)
            } else if let f = firstFail {
                sink.add(failure(f.index, day: f.day, reason: f.reason, expired: f.expired, others: failures - 1, person, context, &activation))
            } else if let d = firstDoubt {
                let a = data.assignments[d.index]
                sink.add(RuleResult(.indeterminate, subject: person.subject,
                                    message: "cannot decide whether the \(name(person)) covers assignment \(a.id): \(d.reason)",
                                    location: a.location, path: a.path, missing: d.missing))
            } else if let doubt = groups.doubtResult(of: ci, person, data) {
                sink.add(doubt)
            } else {
                sink.pass(person.subject)
            }
        }
        for cause in causes {
            guard let group = byCause[cause], let f = group.members.first else { continue }
            let person = data.contributors[f.person]
            if group.members.count == 1 {
                sink.add(failure(f.assignment, day: f.first, reason: f.reason, expired: f.expired, others: f.failures - 1,
                                 person, context, &activation))
            } else {
                sink.add(sharedFailure(cause, group, context, &activation))
            }
        }
    }

    /// The contributors who fail for one shared reason (document: policy).
    struct SharedCause {
        /// The roles of the people concerned, in order of appearance.
        var roles: [String] = []
        var members: [(person: Int, assignment: Int, first: CivilDate, last: CivilDate, reason: String, expired: Bool, failures: Int)] = []
        var first = CivilDate(dayNumber: Int64.max / 2)
        var last = CivilDate(dayNumber: Int64.min / 2)
        var assignments = 0

        mutating func add(role: String, person: Int, assignment: Int, first: CivilDate, last: CivilDate, reason: String, expired: Bool, failures: Int) {
            members.append((person, assignment, first, last, reason, expired, failures))
            if !roles.contains(role) { roles.append(role) }
            if first.dayNumber < self.first.dayNumber { self.first = first }
            if last.dayNumber > self.last.dayNumber { self.last = last }
            assignments += failures
        }
    }

    /// A reason without the day it names last ("…, not on 2026-11-01"): what failing
    /// contributors share.
    static func cause(_ reason: String) -> String {
        guard let r = reason.range(of: ", not on ", options: .backwards) else { return reason }
        return String(reason[..<r.lowerBound])
    }

    /// One finding for everyone a shared cause leaves uncovered, at the policy concerned.
    func sharedFailure(_ cause: String, _ group: SharedCause, _ context: EvaluationContext,
                       _ activation: inout Activation) -> RuleResult {
        let data = context.data
        let ids = group.members.map { data.contributors[$0.person].id }
        let shown = ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? " and \(ids.count - 5) more" : "")
        let first = group.members[0]
        let a = data.assignments[first.assignment]
        let person = data.contributors[first.person]
        func covers(_ p: InsurancePolicy) -> Bool { p.coveredRoles.map { !Set($0).isDisjoint(with: group.roles) } ?? true }
        let policy = data.plan.riskCover.policies.first { p in
            covers(p) && p.validUntil.map { $0.dayNumber == group.first.dayNumber - 1 } ?? false
        } ?? data.plan.riskCover.policies.first(where: covers)
        let roles = group.roles.map { "'\($0)'" }.joined(separator: ", ")
        let days = group.first == group.last ? "on \(group.first.iso)" : "from \(group.first.iso) to \(group.last.iso)"
        var text = "\(cause): \(group.assignments) assignments of \(ids.count) contributors (role \(roles)) \(days) are not covered (\(shown))"
        var fixText = "renew or extend an insurance policy covering role \(roles) before \(group.first.iso)"
        if message != nil || fix != nil {
            AssignmentBinder.bind(a, data, &activation)
            activation["document"] = policy.map { .object($0) }
            activation["needed_from"] = .date(first.first)
            activation["needed_until"] = .date(first.last)
            activation["first_uncovered_day"] = .date(group.first)
            activation["last_uncovered_day"] = .date(group.last)
            activation["others"] = .int(Int64(group.assignments - 1))
            activation["reason"] = .string(cause)
            activation["document_name"] = .string(name(person))
            activation["people"] = .list(ids.map { .string($0) })
            activation["people_count"] = .int(Int64(ids.count))
            if let message { text = message.render(activation, lang: context.lang, planZone: data.timeZone) }
            if let fix { fixText = fix.render(activation, lang: context.lang, planZone: data.timeZone) }
        }
        return RuleResult(.fail, subject: policy.map { "policy:\($0.id)" } ?? "role:\(group.roles.joined(separator: ","))", message: text, location: policy?.location ?? a.location,
                          path: "risk_cover.policies", measured: "\(group.assignments) assignments of \(ids.count) contributors not covered \(days)",
                          expected: "every assignment covered by a policy in force", fix: fixText, key: cause)
    }

    /// The documents of `person` that may cover their assignments; nil when the roster holds
    /// no such document at all.
    func candidates(of person: Contributor, _ data: ServiceData) -> [Candidate]? {
        // Paths as literals: a candidate is made for each contributor of each rule.
        func single(_ d: Document?, _ path: String) -> [Candidate]? {
            d.map { [Candidate(from: $0.validFrom, until: $0.validUntil, value: .object($0), path: path)] }
        }
        switch document {
        case .medical: return single(person.medical, "contributor.medical")
        case .backgroundCheck: return single(person.backgroundCheck, "contributor.background_check")
        case .licence: return single(person.licence, "contributor.licence")
        case .insurance: return single(person.insurance, "contributor.insurance")
        case .qualification:
            let held = (person.qualifications ?? []).filter { codes.contains($0.code) }
            if held.isEmpty { return nil }
            return held.map { Candidate(from: $0.obtained, until: $0.validUntil, value: .object($0), path: "qualification \($0.code) of \(person.id)") }
        case .policy:
            let covering = data.plan.riskCover.policies.filter { $0.coveredRoles.map { $0.contains(person.role) } ?? true }
            if covering.isEmpty { return nil }
            return covering.map { Candidate(from: $0.validFrom, until: $0.validUntil, value: .object($0), path: "policy \($0.id)") }
        }
    }

    /// The candidates' validity as merged day spans, with the candidates `require` rejected and
    /// the doubts (undecidable `require`, unknown issue date).
    struct Usable {
        var merged: [(Int64, Int64)] = []
        var rejected: [String] = []
        var doubts: [(String, [String])] = []

        /// Whether one merged span holds the days `first` through `last`.
        func covers(_ first: Int64, _ last: Int64) -> Bool {
            merged.contains { $0.0 <= first && last <= $0.1 }
        }
    }

    /// What the candidates give for one assignment (bound in `activation` when `require` needs it).
    func usable(_ candidates: [Candidate], _ activation: inout Activation) -> Usable {
        var u = Usable()
        var spans: [(Int64, Int64)] = []
        for c in candidates {
            var until = c.until?.dayNumber ?? Int64.max
            if let issuedWithin {
                guard let from = c.from else {
                    u.doubts.append(("its issue date is missing", ["\(c.path).\(document == .qualification ? "obtained" : "valid_from")"]))
                    continue
                }
                until = min(until, issuedWithin.lastDay(from: from).dayNumber)
            }
            if let last = self.until {
                activation["document"] = c.value
                switch last.evaluate(activation) {
                case .value(.date(let d)): until = min(until, d.dayNumber)
                // null: no last day of the rule's own for this document.
                case .value(.null): break
                case .indeterminate(let missing):
                    u.doubts.append(("'until' needs \(missing.joined(separator: ", "))", missing)); continue
                case .error(let message):
                    u.doubts.append(("'until' could not be evaluated: \(message)", [])); continue
                case .value(let v):
                    u.doubts.append(("'until' gave \(v.displayText), not a date", [])); continue
                }
            }
            if let require {
                activation["document"] = c.value
                switch require.evaluate(activation) {
                case .value(.bool(true)): break
                case .value(.bool(false)):
                    u.rejected.append(require.source); continue
                case .indeterminate(let missing):
                    u.doubts.append(("'require' needs \(missing.joined(separator: ", "))", missing)); continue
                case .error(let message):
                    u.doubts.append(("'require' could not be evaluated: \(message)", [])); continue
                case .value(let v):
                    u.doubts.append(("'require' gave \(v.displayText), not true or false", [])); continue
                }
            }
            let from = c.from?.dayNumber ?? Int64.min
            if from <= until { spans.append((from, until)) }
        }
        // Merge day spans that overlap or follow each other (U, then U + 1).
        spans.sort { $0 < $1 }
        for s in spans {
            if let last = u.merged.last, s.0 <= last.1 || (last.1 < Int64.max && s.0 == last.1 + 1) {
                u.merged[u.merged.count - 1].1 = max(last.1, s.1)
            } else {
                u.merged.append(s)
            }
        }
        return u
    }

    /// How the candidates cover one assignment needing the local days `need` (inclusive).
    /// `shared` is what they give when that does not depend on the assignment (no `require`).
    func status(_ a: Assignment, need: (CivilDate, CivilDate), _ person: Contributor, _ candidates: [Candidate]?,
                shared: Usable?, _ data: ServiceData, _ activation: inout Activation) -> Status {
        guard let candidates else {
            return .uncovered(day: need.0, reason: "no \(name(person)) on record", expired: false)
        }
        let u: Usable
        if let shared {
            u = shared
        } else {
            AssignmentBinder.bind(a, data, &activation)
            u = usable(candidates, &activation)
        }
        let (merged, rejected, doubts) = (u.merged, u.rejected, u.doubts)
        let first = need.0.dayNumber, last = need.1.dayNumber
        if u.covers(first, last) { return .covered }
        if let d = doubts.first { return .unsettled(reason: d.0, missing: doubts.flatMap(\.1)) }
        if merged.isEmpty {
            if !rejected.isEmpty {
                return .uncovered(day: need.0, reason: "the \(name(person)) does not meet '\(rejected[0])'", expired: false)
            }
            let c = candidates[0]
            if let issuedWithin, let from = c.from {
                return .uncovered(day: need.0, reason: "the \(name(person)) was issued on \(from.iso), more than \(issuedWithin.text) before", expired: true)
            }
            return .uncovered(day: need.0, reason: "the \(name(person)) is never valid", expired: false)
        }
        // The first needed day no merged span holds.
        var day = first
        for s in merged where s.0 <= day && day <= s.1 { day = s.1 &+ 1 }
        let uncovered = CivilDate(dayNumber: day)
        let ended: Int64? = day > first ? day - 1 : merged.last(where: { $0.1 < first })?.1
        let next = merged.first { $0.0 > day }?.0
        var text = "the \(name(person)) is not valid on \(uncovered.iso)"
        if let ended {
            text = "the \(name(person)) is valid until \(CivilDate(dayNumber: ended).iso)"
            if let issuedWithin, let c = candidates.first(where: { c in c.from.map { issuedWithin.lastDay(from: $0).dayNumber == ended } ?? false }),
               let issued = c.from {
                text += " (issued on \(issued.iso), at most \(issuedWithin.text) old)"
            }
            text += ", not on \(uncovered.iso)"
        } else if let next {
            text = "the \(name(person)) is valid only from \(CivilDate(dayNumber: next).iso), not on \(uncovered.iso)"
        }
        return .uncovered(day: uncovered, reason: text, expired: ended != nil)
    }

    /// The document as messages name it: "insurance of P-12", "qualification FI of c-3",
    /// "insurance policy covering role 'driver'".
    func name(_ person: Contributor) -> String {
        switch document {
        case .medical: "medical fitness of \(person.id)"
        case .backgroundCheck: "background check of \(person.id)"
        case .licence: "licence of \(person.id)"
        case .insurance: "insurance of \(person.id)"
        case .qualification: "qualification \(code ?? "?") of \(person.id)"
        case .policy: "insurance policy covering role '\(person.role)'"
        }
    }

    func failure(_ index: Int, day: CivilDate, reason: String, expired: Bool, others: Int, _ person: Contributor,
                 _ context: EvaluationContext, _ activation: inout Activation) -> RuleResult {
        let data = context.data
        let zone = data.timeZone
        let a = data.assignments[index]
        let from = LocalDates.date(a.start, zone), until = LocalDates.lastDay(start: a.start, end: a.end, zone)
        let span = "\(LocalTime.format(local: zone.local(utc: a.start))) to \(LocalTime.format(local: zone.local(utc: a.end)))"
        let more = others > 0 ? "; \(others) other assignment\(others == 1 ? "" : "s") not covered either" : ""
        var text = "\(reason): assignment \(a.id) (\(span)) is not covered\(more)"
        let docName = name(person)
        var fixText: String
        switch document {
        case .policy:
            fixText = "renew or extend an insurance policy covering role '\(person.role)' before \(day.iso)"
        default:
            fixText = expired ? "renew the \(docName) before \(day.iso)" : "obtain and record a valid \(docName) before \(day.iso)"
        }
        if message != nil || fix != nil {
            AssignmentBinder.bind(a, data, &activation)
            activation["document"] = candidates(of: person, data)?.first?.value
            activation["needed_from"] = .date(from)
            activation["needed_until"] = .date(until)
            activation["first_uncovered_day"] = .date(day)
            activation["others"] = .int(Int64(others))
            activation["reason"] = .string(reason)
            activation["document_name"] = .string(docName)
            activation["people"] = .list([.string(person.id)])
            activation["people_count"] = .int(1)
            activation["last_uncovered_day"] = .date(until)
            if let message { text = message.render(activation, lang: context.lang, planZone: data.timeZone) }
            if let fix { fixText = fix.render(activation, lang: context.lang, planZone: data.timeZone) }
        }
        return RuleResult(.fail, subject: person.subject, message: text, location: a.location, path: a.path,
                          measured: "not valid on \(day.iso)",
                          expected: "valid from \(from.iso) through \(until.iso)", fix: fixText)
    }
}
