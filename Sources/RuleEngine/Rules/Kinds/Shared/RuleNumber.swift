/// Numbers written in rules: a literal or a parameter the plan may override, and what a kind
/// says when one cannot be used.
///
/// Every reader records its errors in the `MappingReader` (located, lower-case, naming the fix)
/// and returns nil, so that a kind can read all its keys and report every mistake at once.

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

extension RuleResult {
    /// The one result of a rule that could not run (a bad parameter override).
    static func failure(_ failure: KindFailure, _ context: EvaluationContext) -> RuleResult {
        RuleResult(.indeterminate, subject: context.data.plan.subject, message: "cannot evaluate: \(failure.message)",
                   location: context.data.plan.location, path: "params", missing: ["params"], key: "params")
    }
}
