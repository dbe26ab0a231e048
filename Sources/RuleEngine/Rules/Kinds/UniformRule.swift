import Foundation

/// `kind: uniform` — a value is the same for every group of records (every user category pays
/// the same tariff), except for differences the rule lists with their justification.
///
/// ```yaml
/// - id: eq.uniform-tariff
///   principle: equality
///   severity: error
///   title: {fr: Égalité tarifaire, en: Equal tariffs}
///   kind: uniform
///   for_each: tariffs            # any collection; default tariffs
///   value: amount_eur            # a field of the record, or an expression over it
///   group: category              # what tells groups apart (field or expression)
///   per: per                     # optional: compare only records with the same `per`
///   where: tariff.income_based != true
///   except:
///     - {group: non_resident, justification: "CE 1974 Denoyez: no link with the commune"}
/// ```
///
/// The reference value (of each `per` partition) is the value most groups share, the first
/// written winning a tie; every other group's record whose value differs fails, naming the group,
/// its value and the reference. Groups listed under `except` pass (each needs a non-empty
/// `justification`). A record whose value, group or partition is missing is indeterminate.
/// One result per group and partition. Complexity: O(r log r) in the number of records.
public struct UniformRule: RuleKind {
    public static let identifier = "uniform"
    public static let summary = "A value is the same for every group of records, except listed and justified differences."
    public static let properties: [SchemaProperty] = [
        SchemaProperty("for_each", .choice(RecordCollection.all.map { .string($0.name) }), "The collection compared (default tariffs)."),
        SchemaProperty("value", .string(), "The value that must be the same: a field of the record or an expression."),
        SchemaProperty("group", .string(), "What tells groups apart: a field or an expression."),
        SchemaProperty("per", .string(), "Compare only records with the same value of this field or expression."),
        RuleFileSchema.filter(over: "records"),
        SchemaProperty("ignore_where", .expression, "Records left out of the comparison (boolean expression)."),
        SchemaProperty("except", .list(.object(SchemaObject([
            SchemaProperty("group", .string(), required: true, "The group allowed to differ."),
            SchemaProperty("justification", .string(pattern: "\\S"), required: true, "Why it may differ."),
        ]))), "Groups allowed to differ, each with its justification."),
        RuleFileSchema.message, RuleFileSchema.fix,
    ]

    let collection: RecordCollection
    let value: CompiledExpression
    let valueName: String
    let group: CompiledExpression
    let per: CompiledExpression?
    let filter: CompiledExpression?
    /// `ignore_where`: records for which it holds are left out (the catalogue's spelling of
    /// "an income-based scale is one formula for all").
    let ignore: CompiledExpression?
    let exceptions: [String: String]
    let environment: ExpressionEnvironment
    let message: MessageTemplate?
    let fix: MessageTemplate?

    /// Variables `message:`/`fix:` may use besides the record's variable: `group_name`, `value`,
    /// `reference` (as text), `partition`.
    static let templateVariables: [String: ExprType] = [
        "group_name": .string, "value": .string, "reference": .string, "partition": .string,
    ]

    public static func parse(_ r: inout MappingReader, context: RuleContext) -> UniformRule? {
        var collection = RecordCollection.tariffs
        if let node = r.optional("for_each") {
            if let name = node.string, let c = RecordCollection.named(name) { collection = c } else {
                let text = node.keyText ?? node.kindName
                r.report(.error(at: node.textStart, "unknown collection '\(text)' in 'for_each' of \(r.what)"
                    + Suggestion.hint(for: text, in: RecordCollection.all.map(\.name))))
            }
        }
        var extra = templateVariables
        extra[collection.variable] = .object(collection.schema)
        for rel in collection.related { extra[rel.variable] = rel.type }
        let env = RuleEnvironment.make(params: context.params, extra: extra)

        /// A field name of the record (`amount_eur`) or an expression.
        func expression(_ key: String, required: Bool) -> (CompiledExpression, String)? {
            guard let node = required ? r.required(key) : r.optional(key) else { return nil }
            guard let text = node.string else {
                r.report(.error(at: node.location, "'\(key)' in \(r.what) must be a field name or an expression, found a \(node.kindName)"))
                return nil
            }
            let isName = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && extra[text] == nil
                && !["service", "params", "as_of"].contains(text)
            let source = isName ? "\(collection.variable).\(text)" : text
            // Records with no `extra` (tariffs, channels…) have only their declared fields.
            let fields = (RecordSchemas.all[collection.schema] ?? [:]).keys.sorted()
            let closed = ["tariff", "access_channel", "eligibility", "policy", "zone", "commune", "qualification"].contains(collection.schema)
            if isName && closed && !fields.contains(text) {
                r.report(.error(at: node.textStart, "'\(text)' in '\(key)' of \(r.what) is not a field of \(collection.variable)"
                    + Suggestion.hint(for: text, in: fields)))
                return nil
            }
            do {
                return (try env.compile(source, at: node.textStart), text)
            } catch {
                if isName {
                    r.report(.error(at: node.textStart, "'\(text)' in '\(key)' of \(r.what) is not a field of \(collection.variable)"
                        + Suggestion.hint(for: text, in: fields)))
                } else {
                    r.report(error)
                }
                return nil
            }
        }
        let value = expression("value", required: true)
        let group = expression("group", required: true)
        let per = expression("per", required: false)
        let filter = r.optional("where").flatMap { RuleExpressions.boolean($0, "where", env, &r) }
        let ignore = r.optional("ignore_where").flatMap { RuleExpressions.boolean($0, "ignore_where", env, &r) }
        var exceptions: [String: String] = [:]
        if let node = r.optional("except") {
            if let items = node.items {
                for (i, item) in items.enumerated() {
                    var e = MappingReader(item, what: "exception \(i + 1) of \(r.what)")
                    let name = e.string("group", required: true)
                    let justification = e.string("justification", required: true)
                    if let j = justification, j.trimmingCharacters(in: .whitespaces).isEmpty, let at = item["justification"] {
                        e.report(.error(at: at.location, "the justification of exception \(i + 1) of \(r.what) is empty; say why this group may differ"))
                    }
                    if let name, let j = justification {
                        if exceptions[name] != nil, let at = item["group"] {
                            e.report(.error(at: at.location, "group '\(name)' is listed twice under 'except' of \(r.what)"))
                        }
                        exceptions[name] = j
                    }
                    r.report(contentsOf: e.finish())
                }
            } else {
                r.report(.error(at: node.location, "'except' in \(r.what) must be a list of {group, justification}"))
            }
        }
        let (message, fix, ok) = RiskTemplates.read(&r, env)
        guard let value, let group, ok, r.diagnostics.isEmpty else { return nil }
        return UniformRule(collection: collection, value: value.0, valueName: value.1, group: group.0, per: per?.0,
                           filter: filter, ignore: ignore, exceptions: exceptions, environment: env, message: message, fix: fix)
    }

    /// A record with its group, partition and value.
    struct Item {
        var record: any Record
        var group: String
        var partition: String
        var value: Value
        var key: String
    }

    public func evaluate(_ context: EvaluationContext, part: RulePart, into sink: inout ResultSink) {
        sink.add(contentsOf: results(context))
    }

    func results(_ context: EvaluationContext) -> [RuleResult] {
        var activation = RuleExpressions.activation(environment, context)
        var items: [Item] = []
        var results: [RuleResult] = []
        var unsettledGroups: Set<String> = []
        var reads = Set([value, group, per, filter, ignore].compactMap { $0 }.flatMap(\.variableNames))
        reads.formUnion(message?.variableNames ?? [])
        reads.formUnion(fix?.variableNames ?? [])
        let binder = RelatedBinder(context, collection, reads: reads, environment: environment, filter: filter)
        let slot = environment.slot(of: collection.variable) ?? -1
        for record in context.records(collection) {
            switch binder.select(record, slot: slot, into: &activation) {
            case .value(.bool(false)): continue
            case .value(.bool(true)): break
            case let other:
                results.append(RuleExpressions.unsettled(other, "where", record)); continue
            }
            if let ignore {
                switch ignore.evaluate(activation) {
                case .value(.bool(true)): continue
                case .value(.bool(false)): break
                case let other:
                    results.append(RuleExpressions.unsettled(other, "ignore_where", record)); continue
                }
            }
            var parts: [Value] = []
            var unsettled: RuleResult?
            for (key, expr) in [("group", group), ("per", per), ("value", value)] {
                guard let expr else { parts.append(.string("")); continue }
                switch expr.evaluate(activation) {
                case .value(let v): parts.append(v)
                case let other:
                    unsettled = RuleExpressions.unsettled(other, key, record)
                }
                if unsettled != nil { break }
            }
            if let unsettled {
                unsettledGroups.insert(unsettled.subject)
                results.append(unsettled)
                continue
            }
            items.append(Item(record: record, group: parts[0].displayText, partition: parts[1].displayText, value: parts[2],
                              key: Self.canonical(parts[2])))
        }
        // Partitions in the order first written.
        var order: [String] = []
        var byPartition: [String: [Item]] = [:]
        for item in items {
            if byPartition[item.partition] == nil { order.append(item.partition) }
            byPartition[item.partition, default: []].append(item)
        }
        for partition in order {
            let list = byPartition[partition] ?? []
            // Each value's groups (not excepted), first-seen order.
            var valueOrder: [String] = []
            var groupsOf: [String: [String]] = [:]
            for item in list where exceptions[item.group] == nil {
                if groupsOf[item.key] == nil { valueOrder.append(item.key) }
                if !(groupsOf[item.key]?.contains(item.group) ?? false) { groupsOf[item.key, default: []].append(item.group) }
            }
            // The value most groups share; the first written wins a tie.
            var reference: String?
            var most = 0
            for v in valueOrder where (groupsOf[v]?.count ?? 0) > most {
                reference = v
                most = groupsOf[v]?.count ?? 0
            }
            let referenceItem = list.first { $0.key == reference }
            // One result per group: its first differing record, else pass.
            var seen: Set<String> = []
            for item in list where !seen.contains(item.group) {
                seen.insert(item.group)
                let subject = "\(collection.variable):\(item.group)"
                let key = per == nil ? nil : "per=\(partition)"
                if exceptions[item.group] != nil {
                    results.append(RuleResult(.pass, subject: subject, key: key))
                    continue
                }
                guard let bad = list.first(where: { $0.group == item.group && $0.key != reference }), let ref = referenceItem else {
                    results.append(RuleResult(.pass, subject: subject, key: key))
                    continue
                }
                let sharing = groupsOf[ref.key] ?? []
                let within = per == nil ? "" : " (\(partition))"
                let named = sharing.prefix(4).joined(separator: ", ") + (sharing.count > 4 ? ", …" : "")
                var text = "\(collection.variable) '\(item.group)'\(within) has \(valueName) \(bad.value.displayText), not the reference \(ref.value.displayText) shared by \(sharing.count) group\(sharing.count == 1 ? "" : "s") (\(named))"
                var fixText = "set \(valueName) of '\(item.group)' to \(ref.value.displayText), or list '\(item.group)' under 'except' with its justification"
                if message != nil || fix != nil {
                    activation[collection.variable] = .object(bad.record)
                    activation["group_name"] = .string(item.group)
                    activation["value"] = .string(bad.value.displayText)
                    activation["reference"] = .string(ref.value.displayText)
                    activation["partition"] = .string(partition)
                    if let message { text = message.render(activation, lang: context.lang) }
                    if let fix { fixText = fix.render(activation, lang: context.lang) }
                }
                results.append(RuleResult(.fail, subject: subject, message: text, location: bad.record.location,
                                          path: bad.record.path, measured: bad.value.displayText,
                                          expected: ref.value.displayText, fix: fixText, key: key))
            }
        }
        return results
    }

    /// A text that is equal for equal values (1 and 1.0 alike).
    static func canonical(_ v: Value) -> String {
        switch v {
        case .int(let i): "n:\(Double(i))"
        case .uint(let u): "n:\(Double(u))"
        case .double(let d): "n:\(d)"
        case .string(let s): "s:\(s)"
        case .bool(let b): "b:\(b)"
        case .list(let items): "l:[" + items.map(canonical).joined(separator: ",") + "]"
        default: "t:\(v.displayText)"
        }
    }
}
