/// `kind: assert` — a condition every record of a collection must meet.
///
/// ```yaml
/// - id: cl.driver-adult
///   principle: risk-coverage
///   severity: error
///   title: {fr: Conducteur majeur, en: Drivers are adults}
///   params: {min_age: 18}
///   kind: assert
///   for_each: contributors
///   where: contributor.role == "driver"
///   assert: age_at(contributor.birth_date, as_of) >= params.min_age
///   message: "driver {{contributor.id}} is under {{params.min_age}}"
/// ```
/// A record for which `where` is false is not a subject of the rule. Missing data ends as
/// indeterminate (naming what is missing); an evaluation error (overflow, bad regex…) is a
/// failure whose message says so. Neither is ever a pass.
public struct AssertRule: RuleKind {
    public static let identifier = "assert"
    public var subject: RecordCollection? { collection }
    public static let summary = "A condition that every record of a collection must meet."
    public static let properties: [SchemaProperty] = [
        SchemaProperty("for_each", .choice(RecordCollection.all.map { .string($0.name) }), required: true, "The collection whose every record must meet the condition."),
        RuleFileSchema.filter(over: "records"),
        SchemaProperty("assert", .expression, required: true, "The condition each record must meet (boolean expression)."),
        SchemaProperty("message", .text, required: true, RuleFileSchema.message.description),
        RuleFileSchema.fix,
    ]

    let collection: RecordCollection
    let environment: ExpressionEnvironment
    let filter: CompiledExpression?
    let condition: CompiledExpression
    let message: MessageTemplate
    let fix: MessageTemplate?

    public static func parse(_ r: inout MappingReader, context: RuleContext) -> AssertRule? {
        guard let collectionNode = r.required("for_each") else { return nil }
        guard let name = collectionNode.string, let collection = RecordCollection.named(name) else {
            let text = collectionNode.keyText ?? collectionNode.kindName
            r.report(.error(at: collectionNode.location, "unknown collection '\(text)' in 'for_each'"
                + Suggestion.hint(for: text, in: RecordCollection.all.map(\.name))))
            return nil
        }
        let env = RuleEnvironment.make(for: collection, params: context.params)
        let filter = r.optional("where").flatMap { RuleExpressions.boolean($0, "where", env, &r) }
        let condition = r.required("assert").flatMap { RuleExpressions.boolean($0, "assert", env, &r) }
        let message = r.required("message").flatMap { RuleExpressions.template($0, "message", env, &r) }
        let fix = r.optional("fix").flatMap { RuleExpressions.template($0, "fix", env, &r) }
        guard let condition, let message, r.diagnostics.isEmpty else { return nil }
        return AssertRule(collection: collection, environment: env, filter: filter, condition: condition,
                          message: message, fix: fix)
    }

    /// The variables the rule's expressions read: what is bound beside each record.
    var variableNames: Set<String> {
        condition.variableNames.union(filter?.variableNames ?? []).union(message.variableNames)
            .union(fix?.variableNames ?? [])
    }

    /// How many records the rule walks (before `where`): the large collections split.
    public func workload(_ context: EvaluationContext) -> Int {
        let data = context.data
        switch collection {
        case .assignments: return data.assignments.count
        case .contributors: return data.contributors.count
        case .attendance: return data.attendance.count
        case .carpoolRequests: return data.carpoolRequests.count
        case .units, .zones, .communes, .tariffs, .accessChannels, .eligibility, .policies, .qualifications, .service: return 0
        }
    }

    public func evaluate(_ context: EvaluationContext, part: RulePart, into sink: inout ResultSink) {
        var activation = RuleExpressions.activation(environment, context)
        let binder = RelatedBinder(context, collection, reads: variableNames, environment: environment, filter: filter)
        // The large collections are walked as their own types, so that no record is first
        // copied into an array of `any Record`; they are the ones split into parts.
        let data = context.data
        let slot = environment.slot(of: collection.variable) ?? -1
        func range(_ n: Int) -> Range<Int> { part.range(in: n) }
        switch collection {
        case .assignments:
            for i in range(data.assignments.count) { check(data.assignments[i], slot, &activation, binder, context, &sink) }
        case .contributors:
            for i in range(data.contributors.count) { check(data.contributors[i], slot, &activation, binder, context, &sink) }
        case .attendance:
            for i in range(data.attendance.count) { check(data.attendance[i], slot, &activation, binder, context, &sink) }
        case .carpoolRequests:
            for i in range(data.carpoolRequests.count) { check(data.carpoolRequests[i], slot, &activation, binder, context, &sink) }
        case .units, .zones, .communes, .tariffs, .accessChannels, .eligibility, .policies, .qualifications, .service:
            guard part.index == 0 else { return }
            for r in context.records(collection) { check(r, slot, &activation, binder, context, &sink) }
        }
    }

    private func check<R: Record>(_ record: R, _ slot: Int, _ activation: inout Activation, _ binder: RelatedBinder,
                                  _ context: EvaluationContext, _ sink: inout ResultSink) {
        switch binder.select(record, slot: slot, into: &activation) {
        case .value(.bool(true)): break
        case .value(.bool(false)): return
        case let other:
            sink.add(RuleExpressions.unsettled(other, "where", record)); return
        }
        switch condition.evaluate(activation) {
        case .value(.bool(true)):
            sink.pass(record.subject)
        case .value(.bool(false)):
            sink.add(RuleResult(.fail, subject: record.subject,
                                message: message.render(activation, lang: context.lang),
                                location: record.location, path: record.path,
                                fix: fix?.render(activation, lang: context.lang)))
        case let other:
            sink.add(RuleExpressions.unsettled(other, "assert", record))
        }
    }
}

/// What rule kinds share to compile and run their expressions.
enum RuleExpressions {
    /// Compiles a boolean expression under `key`; records errors in `r`.
    static func boolean(_ node: YAMLNode, _ key: String, _ env: ExpressionEnvironment, _ r: inout MappingReader) -> CompiledExpression? {
        guard let source = node.string ?? node.bool.map({ $0 ? "true" : "false" }) else {
            r.report(.error(at: node.location, "'\(key)' must be an expression written as a string, found a \(node.kindName)"))
            return nil
        }
        return typed(source, node, key, env, &r, accepting: [.bool, .dyn], must: "a condition (bool)")
    }

    /// Compiles `source`, written at `node` under `key`, when its type is one of `accepting`
    /// (else `'key' must be <must>, but this expression gives <type>`); records errors in `r`.
    static func typed(_ source: String, _ node: YAMLNode, _ key: String, _ env: ExpressionEnvironment, _ r: inout MappingReader,
                      accepting: [ExprType], must: String) -> CompiledExpression? {
        do {
            let expr = try env.compile(source, at: node.textStart)
            if !accepting.contains(expr.type) {
                r.report(.error(at: node.textStart, "'\(key)' must be \(must), but this expression gives \(expr.type)"))
                return nil
            }
            return expr
        } catch {
            r.report(error)
            return nil
        }
    }

    /// Compiles a message template under `key`; records errors in `r`.
    static func template(_ node: YAMLNode, _ key: String, _ env: ExpressionEnvironment, _ r: inout MappingReader) -> MessageTemplate? {
        let text = RuleLoader.localized(node, key, &r)
        do {
            return try MessageTemplate.compile(text, node: node, in: env)
        } catch {
            r.report(error)
            return nil
        }
    }

    /// An activation with the variables every rule has.
    static func activation(_ env: ExpressionEnvironment, _ context: EvaluationContext) -> Activation {
        var a = Activation(env)
        if case .null = context.data.planValue { a["service"] = .object(context.data.plan) } else { a["service"] = context.data.planValue }
        a["params"] = .object(ParamsObject(values: context.params))
        a["as_of"] = .date(context.asOf)
        return a
    }

    /// The result of a record whose expression did not give true or false.
    static func unsettled(_ outcome: EvalOutcome, _ key: String, _ record: some Record) -> RuleResult {
        switch outcome {
        case .indeterminate(let missing):
            return RuleResult(.indeterminate, subject: record.subject,
                              message: "cannot decide: missing \(missing.joined(separator: ", "))",
                              location: record.location, path: record.path, missing: missing)
        case .error(let message):
            return RuleResult(.fail, subject: record.subject, message: "'\(key)' could not be evaluated: \(message)",
                              location: record.location, path: record.path)
        case .value(let v):
            return RuleResult(.fail, subject: record.subject,
                              message: "'\(key)' gave \(v.displayText), not true or false",
                              location: record.location, path: record.path)
        }
    }
}
