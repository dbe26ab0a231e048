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

    /// `units:` — which units a rule checks, a condition over `unit` (all when absent).
    static func units(_ r: inout MappingReader, _ context: RuleContext) -> KindFilter {
        let environment = unitEnvironment(context)
        return KindFilter(expression: r.optional("units").flatMap { RuleExpressions.boolean($0, "units", environment, &r) },
                          environment: environment)
    }

    /// The environment of `units:` (a condition over `unit`).
    static func unitEnvironment(_ context: RuleContext) -> ExpressionEnvironment {
        RuleEnvironment.make(params: context.params, extra: ["unit": .object("unit")])
    }

    /// The environment of `where:` (which assignments count): `assignment`, its `contributor`
    /// and its `unit`.
    static func assignmentEnvironment(_ context: RuleContext) -> ExpressionEnvironment {
        RuleEnvironment.make(for: RecordCollection.assignments, params: context.params)
    }

    /// The environment for expressions over one assignment, its contributor and unit, plus a
    /// kind's own measured values (the risk kinds: no `within_hours`, which they do not bind).
    static func assignmentEnvironment(_ context: RuleContext, measures extra: [String: ExprType]) -> ExpressionEnvironment {
        var vars: [String: ExprType] = ["assignment": .object("assignment"), "contributor": .object("contributor"),
                                        "unit": .object("unit")]
        for (k, v) in extra { vars[k] = v }
        return RuleEnvironment.make(params: context.params, extra: vars)
    }
}
