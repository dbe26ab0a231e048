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
