/// An expression parsed and type-checked against an environment, ready to evaluate on any
/// number of records.
///
/// ```swift
/// let env = ExpressionEnvironment(
///     variables: ["contributor": .object("contributor"), "today": .date],
///     objects: ["contributor": ObjectSchema(fields: ["birth_date": .date])])
/// let adult = try env.compile("age_at(contributor.birth_date, today) >= 18", at: location)
/// var activation = Activation(env)
/// activation["today"] = .date(CivilDate(year: 2026, month: 3, day: 31))
/// activation["contributor"] = .object(record)
/// switch adult.evaluate(activation) { case .value(.bool(true)): … }
/// ```
///
/// An expression is one reference to its immutable `Program`: copying it, binding it with
/// `if let` or storing it in a kind costs one retain, so code that runs it a million times
/// needs no care about copies.
public struct CompiledExpression: Sendable {
    /// What compilation made, shared by every copy.
    final class Program: Sendable {
        let source: String
        let type: ExprType
        let root: Node
        let localCount: Int
        let limits: ExpressionLimits
        let regexCache = RegexCache()
        /// Worked out once: kinds and the engine ask for it per rule evaluation.
        let variableNames: Set<String>
        /// The expression decided on records' string fields, when it is a simple filter: tried
        /// first by every evaluation (`FieldPredicate`).
        let shortcut: FieldPredicate?

        init(source: String, type: ExprType, root: Node, localCount: Int, environment: ExpressionEnvironment) {
            self.source = source
            self.type = type
            self.root = root
            self.localCount = localCount
            limits = environment.limits
            variableNames = CompiledExpression.variables(of: root)
            var types: [String: String] = [:]
            for (name, type) in environment.variables { if case .object(let t) = type { types[name] = t } }
            shortcut = FieldPredicate(root, types: types)
        }
    }

    let program: Program

    public var source: String { program.source }
    /// The static type of the result (`dyn` when only known at run time).
    public var type: ExprType { program.type }
    var root: Node { program.root }

    init(source: String, type: ExprType, root: Node, localCount: Int, environment: ExpressionEnvironment) {
        program = Program(source: source, type: type, root: root, localCount: localCount, environment: environment)
    }

    /// Whether evaluations take the string-field shortcut where the records allow it.
    var hasShortcut: Bool { program.shortcut != nil }

    /// The expression decided straight on an assignment and its contributor with the rule's
    /// `params`, when it is a simple filter over their string fields; nil otherwise. Made once
    /// per rule evaluation by the record-selection layer, which binds only what it leaves
    /// undecided.
    func decision(params: [String: Value]) -> RecordDecision? {
        program.shortcut.flatMap { RecordDecision($0, params: params) }
    }

    /// Parses and type-checks `source`.
    /// - Parameters:
    ///   - source: the expression text.
    ///   - origin: where the text starts in its file; errors are located relative to it.
    ///   - environment: the variables and record schemas the expression may use.
    ///   - continuationColumn: the file column where the text's second and later lines start
    ///     (a YAML block scalar's indentation plus one); 1 when the text is the file's own lines.
    /// - Throws: a located `Diagnostic`, or a `DiagnosticList` when there are several errors.
    public static func compile(_ source: String, at origin: Location, in environment: ExpressionEnvironment,
                               continuationColumn: Int = 1) throws -> CompiledExpression {
        let syntax: Syntax
        do {
            syntax = try Parser.parse(source, limits: environment.limits)
        } catch {
            throw Diagnostic.error(at: location(of: error.offset, in: source, from: origin, continuationColumn: continuationColumn), error.message)
        }
        var checker = Checker(environment: environment, source: source)
        let checked = checker.check(syntax)
        if !checker.diagnostics.isEmpty {
            let diagnostics = checker.diagnostics.map {
                Diagnostic.error(at: location(of: $0.offset, in: source, from: origin, continuationColumn: continuationColumn), $0.message)
            }
            if diagnostics.count == 1 { throw diagnostics[0] }
            throw DiagnosticList(diagnostics)
        }
        return CompiledExpression(source: source, type: checked.type, root: checked.node,
                                  localCount: checker.localCount, environment: environment)
    }

    /// Compiles without type checking: unknown names and wrong types become run-time errors.
    /// For CEL's conformance cases marked `disable_check`; rules always use `compile`.
    static func compileUnchecked(_ source: String, in environment: ExpressionEnvironment, macros: Bool = true) throws(SyntaxError) -> CompiledExpression {
        let syntax = try Parser.parse(source, limits: environment.limits, macros: macros)
        var checker = Checker(environment: environment, checking: false)
        let checked = checker.check(syntax)
        return CompiledExpression(source: source, type: checked.type, root: checked.node,
                                  localCount: checker.localCount, environment: environment)
    }

    /// Compiles with type checking, returning the first problem as a `SyntaxError` (offset and
    /// message) rather than a located diagnostic. Used by tests that assert offsets.
    static func compileChecked(_ source: String, in environment: ExpressionEnvironment, macros: Bool = true) throws(SyntaxError) -> CompiledExpression {
        let syntax = try Parser.parse(source, limits: environment.limits, macros: macros)
        var checker = Checker(environment: environment)
        let checked = checker.check(syntax)
        if let first = checker.diagnostics.first { throw SyntaxError(offset: first.offset, message: first.message) }
        return CompiledExpression(source: source, type: checked.type, root: checked.node,
                                  localCount: checker.localCount, environment: environment)
    }

    /// The names of the variables the expression reads (`contributor`, `params`…): a kind
    /// can tell from them that a verdict does not change from one record to the next.
    public var variableNames: Set<String> { program.variableNames }

    private static func variables(of root: Node) -> Set<String> {
        var names: Set<String> = []
        visit(root) { node in
            if case .variable(_, let name) = node { names.insert(name) }
            return true
        }
        return names
    }

    /// Calls `body` on `node` and, while it returns true, on the nodes below it.
    private static func visit(_ node: Node, _ body: (Node) -> Bool) {
        guard body(node) else { return }
        switch node {
        case .variable, .constant, .local, .unbound, .unknownFunction: break
        case .select(let n, _, _), .has(let n, _, _), .not(let n), .negate(let n), .matches(let n, _): visit(n, body)
        case .index(let a, let b, _), .and(let a, let b), .or(let a, let b), .binary(_, let a, let b): visit(a, body); visit(b, body)
        case .conditional(let a, let b, let c): visit(a, body); visit(b, body); visit(c, body)
        case .list(let items), .call(_, let items): for item in items { visit(item, body) }
        case .map(let keys, let values): for n in keys + values { visit(n, body) }
        case .comprehension(let c):
            visit(c.range, body)
            if let f = c.filter { visit(f, body) }
            visit(c.body, body)
        }
    }

    /// What the expression decides, as a key: its checked tree (variables by slot, fields,
    /// constants: the same text compiled in another environment is another key) and the values
    /// of the parameters it reads in `params`. Two evaluations with equal keys give every record
    /// the same outcome, so the engine may share their verdicts between rules.
    func meaningKey(params: [String: Value]) -> String {
        var key = String(reflecting: program.root)
        let names = Self.parameterNames(of: program.root).map { $0.sorted() } ?? params.keys.sorted()
        for name in names { key += "\u{0}params.\(name)=" + (params[name].map { String(reflecting: $0) } ?? "none") }
        return key
    }

    /// The parameters `root` reads as `params.NAME`; nil when it reads `params` otherwise (whole).
    private static func parameterNames(of root: Node) -> Set<String>? {
        var names: Set<String> = []
        var whole = false
        visit(root) { node in
            switch node {
            case .select(.variable(_, "params"), let name, _), .has(.variable(_, "params"), let name, _):
                names.insert(name)
                return false
            case .variable(_, "params"):
                whole = true
                return false
            default:
                return true
            }
        }
        return whole ? nil : names
    }

    /// The value of a variable or a field of a variable (`span`, `unit.id`), read straight
    /// from the activation; nil for any other expression, or when the read does not give a
    /// value (then `evaluate` says why). Message templates are mostly such placeholders.
    func quickValue(_ activation: Activation) -> Value? {
        switch root {
        case .variable(let slot, _):
            return activation[slot: slot]
        case .select(.variable(let slot, _), let field, _):
            guard case .object(let o)? = activation[slot: slot], case .value(let v) = o.field(field) else { return nil }
            return v
        default:
            return nil
        }
    }

    /// Evaluates on one activation. Never traps or hangs: failures are `.error`, missing data
    /// is `.indeterminate` naming the data paths, and the cost limit bounds the work.
    public func evaluate(_ activation: Activation) -> EvalOutcome {
        let p = program
        if let shortcut = p.shortcut, let verdict = shortcut.test(activation.values) { return .value(.bool(verdict)) }
        return evaluateSlowly(activation)
    }

    /// Evaluates with the evaluator alone, never the shortcut: what the shortcut is held against.
    func evaluateSlowly(_ activation: Activation) -> EvalOutcome {
        let p = program
        var evaluator = Evaluator(variables: activation.values, localCount: p.localCount, limits: p.limits, regexCache: p.regexCache)
        do {
            return .value(try evaluator.eval(p.root))
        } catch {
            switch error {
            case .error(let message), .abort(let message): return .error(message)
            case .missing(let paths): return .indeterminate(missing: paths)
            }
        }
    }

    /// The place in the file of an offset (in Unicode scalars) into the expression text: on the
    /// first line, columns continue from `origin`; later lines start at `continuationColumn`.
    public static func location(of offset: Int, in source: String, from origin: Location, continuationColumn: Int = 1) -> Location {
        var line = origin.line
        var column = origin.column
        var index = 0
        for c in source.unicodeScalars {
            if index >= offset { break }
            if c == "\n" {
                line += 1
                column = continuationColumn
            } else {
                column += 1
            }
            index += 1
        }
        return Location(file: origin.file, line: line, column: column)
    }
}
