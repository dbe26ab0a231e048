/// The checked, resolved form that the evaluator walks: variables are slots, functions are
/// resolved, constant regexes are compiled.
indirect enum Node: Sendable {
    case constant(Value)
    case variable(slot: Int, name: String)
    case local(Int)
    /// An identifier nothing declares (only in unchecked compilation): an error when evaluated.
    case unbound(String)
    case select(Node, field: String, site: Site)
    case has(Node, field: String, site: Site)
    case index(Node, Node, site: Site)
    case not(Node)
    case negate(Node)
    case and(Node, Node)
    case or(Node, Node)
    case conditional(Node, Node, Node)
    case binary(BinaryOperator, Node, Node)
    case list([Node])
    case map([Node], [Node])
    case call(Builtin, [Node])
    case unknownFunction(String)
    case matches(Node, Regex)
    case comprehension(Comprehension)
}

/// Where a field or index is read, to name the data path when the data is missing.
struct Site: Sendable {
    /// The data path of the operand (`contributor`, `params.limits`), when it has one.
    var path: String?
    /// Whether an absent map key means missing data (the map comes from data and its values
    /// are `dyn`), rather than an error.
    var absentIsMissing: Bool
}

struct Comprehension: Sendable {
    var macro: Macro
    var range: Node
    /// Local slots of the iteration variables: one, or two for (index/key, value) forms.
    var slots: [Int]
    var filter: Node?
    var body: Node
}

/// Type-checks a parsed expression against an environment and lowers it to `Node`s.
///
/// In unchecked mode (CEL's `disable_check`, used by the conformance suite only) type errors
/// are ignored and unknown names become run-time errors.
struct Checker {
    let environment: ExpressionEnvironment
    let checking: Bool
    let limits: ExpressionLimits
    var diagnostics: [(offset: Int, message: String)] = []
    private var scopes: [(name: String, type: ExprType, slot: Int)] = []
    private(set) var localCount = 0

    /// The expression text, to place errors inside literal regular expressions.
    var source: [Unicode.Scalar] = []

    init(environment: ExpressionEnvironment, checking: Bool = true, source: String = "") {
        self.source = Array(source.unicodeScalars)
        self.environment = environment
        self.checking = checking
        self.limits = environment.limits
    }

    private mutating func report(_ offset: Int, _ message: String) {
        if checking { diagnostics.append((offset, message)) }
    }

    static let typeDenotations: [String: String] = [
        "int": "int", "uint": "uint", "double": "double", "bool": "bool", "string": "string",
        "bytes": "bytes", "list": "list", "map": "map", "null_type": "null_type", "type": "type",
        "date": "date",
        "google.protobuf.Timestamp": "google.protobuf.Timestamp",
        "google.protobuf.Duration": "google.protobuf.Duration",
    ]

    struct Checked {
        var node: Node
        var type: ExprType
        var path: String?
    }

    mutating func check(_ e: Syntax) -> Checked {
        switch e.kind {
        case .literal(let v):
            return Checked(node: .constant(v), type: Self.type(of: v), path: nil)
        case .ident(let name):
            return resolveIdent(name, offset: e.offset)
        case .select(let operand, let field):
            if let qualified = qualifiedName(e), let resolved = resolveQualified(qualified, offset: e.offset) {
                return resolved
            }
            let base = check(operand)
            return select(base, field: field, offset: e.offset)
        case .has(let operand, let field):
            let base = check(operand)
            switch base.type {
            case .object(let name):
                if let schema = environment.objects[name], schema.fields[field] == nil,
                   schema.extraFieldsAs == nil || suggestion(for: field, among: schema.fields.keys) != nil {
                    report(e.offset, unknownFieldMessage(field, in: name, schema: schema))
                }
            case .map, .dyn: break
            default: report(e.offset, "has() needs a record or map, not \(base.type)")
            }
            return Checked(node: .has(base.node, field: field, site: Site(path: base.path, absentIsMissing: false)), type: .bool, path: nil)
        case .index(let operand, let indexExpr):
            let base = check(operand)
            let index = check(indexExpr)
            var result = ExprType.dyn
            switch base.type {
            case .list(let element):
                if !(index.type == .int || index.type == .uint || index.type == .dyn) {
                    report(indexExpr.offset, "a list index must be an int, not \(index.type)")
                }
                result = element
            case .map(let key, let value):
                if !isAssignable(index.type, to: key) && !(key.isNumeric && index.type.isNumeric) {
                    report(indexExpr.offset, "this map's keys are \(key), not \(index.type)")
                }
                result = value
            case .dyn: break
            default: report(e.offset, "\(base.type) cannot be indexed with '[]'")
            }
            var path: String?
            if let basePath = base.path {
                switch index.node {
                case .constant(.string(let s)): path = basePath + "." + s
                case .constant(let v): path = basePath + "[\(v.display)]"
                default: path = basePath + "[…]"
                }
            }
            let missing = base.path != nil && (base.type == .dyn || { if case .map(_, .dyn) = base.type { return true } else { return false } }())
            return Checked(node: .index(base.node, index.node, site: Site(path: base.path, absentIsMissing: missing)), type: result, path: path)
        case .call(let name, let target, let args):
            return checkCall(name: name, target: target, args: args, offset: e.offset)
        case .list(let items):
            let checked = items.map { check($0) }
            // A list of constants (`kind in ['garde', 'astreinte']`) is built once, here, not
            // on every evaluation.
            let constants = checked.compactMap { c -> Value? in if case .constant(let v) = c.node { v } else { nil } }
            let node: Node = constants.count == checked.count ? .constant(.list(constants)) : .list(checked.map(\.node))
            return Checked(node: node, type: .list(Self.common(checked.map(\.type))), path: nil)
        case .map(let entries):
            var keys: [Checked] = [], values: [Checked] = []
            for entry in entries {
                let k = check(entry.key)
                switch k.type {
                case .string, .int, .uint, .bool, .dyn: break
                default: report(entry.key.offset, "map keys must be string, int, uint or bool, not \(k.type)")
                }
                keys.append(k)
                values.append(check(entry.value))
            }
            return Checked(node: .map(keys.map(\.node), values.map(\.node)),
                           type: .map(Self.common(keys.map(\.type)), Self.common(values.map(\.type))), path: nil)
        case .not(let operand):
            let c = check(operand)
            if c.type != .bool && c.type != .dyn { report(e.offset, "'!' needs a bool, not \(c.type)") }
            return Checked(node: .not(c.node), type: .bool, path: nil)
        case .negate(let operand):
            let c = check(operand)
            if ![.int, .double, .duration, .dyn].contains(c.type) { report(e.offset, "'-' needs an int, double or duration, not \(c.type)") }
            return Checked(node: .negate(c.node), type: c.type, path: nil)
        case .and(let l, let r), .or(let l, let r):
            let isAnd: Bool = { if case .and = e.kind { return true } else { return false } }()
            let a = check(l), b = check(r)
            for (side, c) in [(l, a), (r, b)] where c.type != .bool && c.type != .dyn {
                report(side.offset, "'\(isAnd ? "&&" : "||")' needs bool operands, not \(c.type)")
            }
            return Checked(node: isAnd ? .and(a.node, b.node) : .or(a.node, b.node), type: .bool, path: nil)
        case .conditional(let c, let t, let f):
            let cond = check(c), a = check(t), b = check(f)
            if cond.type != .bool && cond.type != .dyn { report(c.offset, "the condition of '?' must be a bool, not \(cond.type)") }
            return Checked(node: .conditional(cond.node, a.node, b.node), type: Self.common([a.type, b.type]), path: nil)
        case .binary(let op, let l, let r):
            let a = check(l), b = check(r)
            let type = binaryType(op, a.type, b.type, offset: e.offset)
            return Checked(node: .binary(op, a.node, b.node), type: type, path: nil)
        case .comprehension(let macro, let rangeExpr, let vars, let args):
            return checkComprehension(macro, rangeExpr, vars, args, offset: e.offset)
        }
    }

    // MARK: Names

    private mutating func resolveIdent(_ name: String, offset: Int) -> Checked {
        if let local = scopes.last(where: { $0.name == name }) {
            return Checked(node: .local(local.slot), type: local.type, path: name)
        }
        if let type = environment.variables[name], let slot = environment.slot(of: name) {
            return Checked(node: .variable(slot: slot, name: name), type: type, path: name)
        }
        if let typeName = Self.typeDenotations[name] {
            return Checked(node: .constant(.type(typeName)), type: .type, path: nil)
        }
        var message = "unknown variable '\(name)'"
        if let s = suggestion(for: name, among: scopes.map(\.name) + environment.variables.keys.sorted()) {
            message += "; did you mean '\(s)'?"
        }
        report(offset, message)
        return Checked(node: .unbound(name), type: .dyn, path: name)
    }

    /// `a.b.c` as one dotted name when it is a chain of plain selections on an identifier.
    private func qualifiedName(_ e: Syntax) -> String? {
        switch e.kind {
        case .ident(let n): return n
        case .select(let operand, let field): return qualifiedName(operand).map { $0 + "." + field }
        default: return nil
        }
    }

    /// Resolves a dotted name declared as a whole (`a.b.c`) or a type name
    /// (`google.protobuf.Timestamp`), unless its first part is a local or a variable.
    private func resolveQualified(_ name: String, offset: Int) -> Checked? {
        let first = String(name.prefix { $0 != "." })
        if scopes.contains(where: { $0.name == first }) { return nil }
        if let type = environment.variables[name], let slot = environment.slot(of: name) {
            return Checked(node: .variable(slot: slot, name: name), type: type, path: name)
        }
        if name.contains("."), let typeName = Self.typeDenotations[name] {
            return Checked(node: .constant(.type(typeName)), type: .type, path: nil)
        }
        return nil
    }

    private func unknownFieldMessage(_ field: String, in name: String, schema: ObjectSchema) -> String {
        var message = "\(name) has no field '\(field)'"
        if let s = suggestion(for: field, among: schema.fields.keys.sorted()) { message += "; did you mean '\(s)'?" }
        return message
    }

    private mutating func select(_ base: Checked, field: String, offset: Int) -> Checked {
        var type = ExprType.dyn
        var missing = false
        switch base.type {
        case .object(let name):
            if let schema = environment.objects[name] {
                if let t = schema.fields[field] {
                    type = t
                } else if let extra = schema.extraFieldsAs,
                          suggestion(for: field, among: schema.fields.keys) == nil {
                    // An extra column, read at run time. A name close to a declared field is
                    // taken for a typo instead (reported below with "did you mean").
                    // A record without the field has missing data, not an error.
                    type = extra
                    missing = true
                } else {
                    report(offset, unknownFieldMessage(field, in: name, schema: schema))
                }
            }
        case .map(let key, let value):
            if key != .string && key != .dyn { report(offset, "this map's keys are \(key); use [] to index it") }
            type = value
            missing = value == .dyn && base.path != nil
        case .dyn:
            missing = base.path != nil
        default:
            report(offset, "\(base.type) has no fields (no '.\(field)')")
        }
        return Checked(node: .select(base.node, field: field, site: Site(path: base.path, absentIsMissing: missing)),
                       type: type, path: base.path.map { $0 + "." + field })
    }

    // MARK: Calls

    private mutating func checkCall(name: String, target: Syntax?, args: [Syntax], offset: Int) -> Checked {
        // Namespaced functions (`strings.quote`) parse as a call on an identifier.
        var name = name
        var target = target
        if let t = target, case .ident(let ns) = t.kind, Builtin(rawValue: ns + "." + name) != nil,
           environment.variables[ns] == nil, !scopes.contains(where: { $0.name == ns }) {
            name = ns + "." + name
            target = nil
        }
        let receiver = target.map { check($0) }
        guard let builtin = Builtin(rawValue: name), let signatures = Signatures.table[builtin] else {
            // The arguments are not checked: those of a misspelt macro name variables that
            // only the macro would declare, and would bury this error under others.
            var message = "unknown function '\(name)'"
            if let s = suggestion(for: name, among: Signatures.names) { message += "; did you mean '\(s)'?" }
            report(offset, message)
            return Checked(node: .unknownFunction(name), type: .dyn, path: nil)
        }
        let checkedArgs = args.map { check($0) }
        let argTypes = checkedArgs.map(\.type)
        let matching = signatures.filter { sig in
            guard (sig.receiver == nil) == (receiver == nil), sig.params.count == argTypes.count else { return false }
            if let r = receiver, let expected = sig.receiver, !isAssignable(r.type, to: expected) { return false }
            return zip(argTypes, sig.params).allSatisfy { isAssignable($0, to: $1) }
        }
        var result = ExprType.dyn
        if matching.isEmpty {
            let shape = (receiver.map { "\($0.type)." } ?? "") + name + "(" + argTypes.map(\.description).joined(separator: ", ") + ")"
            let expected = signatures.filter { ($0.receiver == nil) == (receiver == nil) }.map { $0.describe(name) }
            var message = "no function \(shape)"
            if !expected.isEmpty {
                message += "; expected " + expected.prefix(4).joined(separator: " or ")
            } else if receiver != nil {
                message += "; call it as \(name)(…)"
            } else {
                message += "; call it on a value, as x.\(name)(…)"
            }
            report(offset, message)
        } else {
            let results = Set(matching.map(\.result))
            result = results.count == 1 ? results.first! : .dyn
            if builtin == .dyn { result = .dyn }
        }
        var nodes = (receiver.map { [$0.node] } ?? []) + checkedArgs.map(\.node)
        if builtin == .matches, nodes.count == 2, case .constant(.string(let pattern)) = nodes[1] {
            let patternOffset = args.last?.offset ?? offset
            switch Regex.compile(pattern) {
            case .success(let regex): return Checked(node: .matches(nodes[0], regex), type: .bool, path: nil)
            case .failure(let error):
                report(offsetInLiteral(at: patternOffset, pattern: pattern, index: error.offset), "invalid regular expression: \(error.message)")
            }
        }
        if builtin == .timestamp || builtin == .duration || builtin == .date, checkedArgs.count == 1,
           case .constant(.string(let text)) = nodes[0] {
            // Literal times are checked when the rule loads, not when it first runs.
            let valid: Bool = switch builtin {
            case .timestamp: Instant(rfc3339: text).map(\.isInRange) ?? false
            case .duration: TimeSpan(celText: text).map(\.isInRange) ?? false
            default: CivilDate(iso: text) != nil
            }
            if !valid {
                let example = builtin == .timestamp ? "2026-03-31T08:00:00Z" : (builtin == .duration ? "90m or 1h30m" : "2026-03-31")
                report(args[0].offset, "invalid \(builtin.rawValue) '\(text)'; write it like \(example)")
            }
        }
        if nodes.isEmpty { nodes = [] }
        return Checked(node: .call(builtin, nodes), type: result, path: nil)
    }

    /// The offset in the expression of index `index` of a string literal's value, when the
    /// literal is written without escapes (so value and text coincide); else the literal's start.
    private func offsetInLiteral(at literalOffset: Int, pattern: String, index: Int?) -> Int {
        guard let index, literalOffset < source.count else { return literalOffset }
        var i = literalOffset
        while i < source.count, "rRbB".unicodeScalars.contains(source[i]) { i += 1 }
        guard i < source.count, source[i] == "'" || source[i] == "\"" else { return literalOffset }
        let quote = source[i]
        i += (i + 2 < source.count && source[i + 1] == quote && source[i + 2] == quote) ? 3 : 1
        let value = Array(pattern.unicodeScalars)
        guard i + value.count <= source.count, Array(source[i..<(i + value.count)]) == value else { return literalOffset }
        return i + index
    }

    // MARK: Operators

    private mutating func binaryType(_ op: BinaryOperator, _ a: ExprType, _ b: ExprType, offset: Int) -> ExprType {
        let dyn = a == .dyn || b == .dyn
        switch op {
        case .equal, .notEqual:
            if !Self.isComparable(a, b) {
                report(offset, "cannot compare \(a) with \(b) using '\(op.rawValue)'")
            }
            return .bool
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let orderable: [ExprType] = [.string, .bytes, .bool, .timestamp, .duration, .date]
            if !(dyn || (a.isNumeric && b.isNumeric) || (a == b && orderable.contains(a))) {
                report(offset, "cannot compare \(a) with \(b) using '\(op.rawValue)'")
            }
            return .bool
        case .in:
            switch b {
            case .list(let element):
                if !(isAssignable(a, to: element) || (a.isNumeric && element.isNumeric)) {
                    report(offset, "cannot look for \(a) in \(b)")
                }
            case .map(let key, _):
                if !(isAssignable(a, to: key) || (a.isNumeric && key.isNumeric)) {
                    report(offset, "cannot look for \(a) in \(b)")
                }
            case .dyn: break
            default: report(offset, "'in' needs a list or map on its right, not \(b)")
            }
            return .bool
        case .add, .subtract, .multiply, .divide, .remainder:
            if dyn { return .dyn }
            if let result = Self.arithmetic(op, a, b) { return result }
            report(offset, "cannot apply '\(op.rawValue)' to \(a) and \(b)")
            return .dyn
        }
    }

    /// Whether `==` between the two types can ever be true: same types, numbers of any kind
    /// (compared by value), null, dyn, and collections of such.
    static func isComparable(_ a: ExprType, _ b: ExprType) -> Bool {
        switch (a, b) {
        case (.dyn, _), (_, .dyn), (.null, _), (_, .null): return true
        case (.list(let x), .list(let y)): return isComparable(x, y)
        case (.map(let k1, let v1), .map(let k2, let v2)): return isComparable(k1, k2) && isComparable(v1, v2)
        default: return a == b || (a.isNumeric && b.isNumeric)
        }
    }

    static func arithmetic(_ op: BinaryOperator, _ a: ExprType, _ b: ExprType) -> ExprType? {
        switch (op, a, b) {
        case (.add, .list(let x), .list(let y)): return .list(x == y ? x : .dyn)
        case (.add, .string, .string), (.add, .bytes, .bytes): return a
        case (.add, .timestamp, .duration), (.add, .duration, .timestamp): return .timestamp
        case (.add, .date, .duration), (.add, .duration, .date): return .date
        case (.add, .duration, .duration), (.subtract, .duration, .duration): return .duration
        case (.subtract, .timestamp, .timestamp), (.subtract, .date, .date): return .duration
        case (.subtract, .timestamp, .duration): return .timestamp
        case (.subtract, .date, .duration): return .date
        case (.remainder, .int, .int), (.remainder, .uint, .uint): return a
        case (.remainder, _, _): return nil
        default:
            return a == b && a.isNumeric ? a : nil
        }
    }

    // MARK: Macros

    private mutating func checkComprehension(_ macro: Macro, _ rangeExpr: Syntax, _ vars: [String], _ args: [Syntax], offset: Int) -> Checked {
        let range = check(rangeExpr)
        var types: [ExprType]
        switch range.type {
        case .list(let element): types = vars.count == 2 ? [.int, element] : [element]
        case .map(let key, let value): types = vars.count == 2 ? [key, value] : [key]
        case .dyn: types = vars.map { _ in .dyn }
        default:
            report(rangeExpr.offset, "\(macro.rawValue)() needs a list or map, not \(range.type)")
            types = vars.map { _ in .dyn }
        }
        if macro == .transformMap, case .list = range.type {
            report(rangeExpr.offset, "transformMap() needs a map, not \(range.type)")
        }
        let savedScopes = scopes.count
        var slots: [Int] = []
        for (name, type) in zip(vars, types) {
            let slot = scopes.count
            scopes.append((name, type, slot))
            slots.append(slot)
            localCount = max(localCount, scopes.count)
        }
        defer { scopes.removeLast(scopes.count - savedScopes) }
        var filter: Node?
        var bodyArgs = args
        if (macro == .map || macro == .transformList || macro == .transformMap) && args.count == 2 {
            let f = check(args[0])
            if f.type != .bool && f.type != .dyn { report(args[0].offset, "the filter of \(macro.rawValue)() must be a bool, not \(f.type)") }
            filter = f.node
            bodyArgs = [args[1]]
        }
        let body = check(bodyArgs[0])
        let result: ExprType
        switch macro {
        case .all, .exists, .existsOne, .filter:
            if body.type != .bool && body.type != .dyn {
                report(bodyArgs[0].offset, "the condition of \(macro.rawValue)() must be a bool, not \(body.type)")
            }
            if macro == .filter {
                if case .map(let key, _) = range.type { result = .list(key) } else if case .list = range.type { result = range.type } else { result = .list(.dyn) }
            } else {
                result = .bool
            }
        case .map, .transformList: result = .list(body.type)
        case .transformMap:
            if case .map(let key, _) = range.type { result = .map(key, body.type) } else { result = .map(.dyn, body.type) }
        }
        return Checked(node: .comprehension(Comprehension(macro: macro, range: range.node, slots: slots, filter: filter, body: body.node)),
                       type: result, path: nil)
    }

    // MARK: Helpers

    static func type(of value: Value) -> ExprType {
        switch value {
        case .null: .null
        case .bool: .bool
        case .int: .int
        case .uint: .uint
        case .double: .double
        case .string: .string
        case .bytes: .bytes
        case .list(let items): .list(common(items.map(type(of:))))
        case .map(let entries): .map(common(entries.map { type(of: $0.key) }), common(entries.map { type(of: $0.value) }))
        case .date: .date
        case .timestamp: .timestamp
        case .duration: .duration
        case .type: .type
        case .object(let o): .object(o.typeName)
        }
    }

    /// The one type all of `types` share, else dyn (an empty collection's elements are dyn).
    static func common(_ types: [ExprType]) -> ExprType {
        guard let first = types.first else { return .dyn }
        return types.allSatisfy { $0 == first } ? first : .dyn
    }
}
