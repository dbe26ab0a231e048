/// A recursive-descent parser for CEL's grammar, with a bound on nesting so that no input can
/// exhaust the stack, and with CEL's macros (`has`, `all`, `exists`, `exists_one`, `filter`,
/// `map`, and the two-variable forms) expanded while parsing.
struct Parser {
    private var tokens: [Token]
    private var position = 0
    private var depth = 0
    private let limits: ExpressionLimits
    private let macros: Bool

    static let reservedWords: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let",
        "loop", "package", "namespace", "return", "var", "void", "while",
    ]

    static func parse(_ source: String, limits: ExpressionLimits = .default, macros: Bool = true) throws(SyntaxError) -> Syntax {
        let length = source.unicodeScalars.count
        if length > limits.maxSourceLength {
            throw SyntaxError(offset: 0, message: "expression is \(length) characters long; the limit is \(limits.maxSourceLength)")
        }
        var parser = Parser(tokens: try Lexer.tokenize(source), limits: limits, macros: macros)
        let expr = try parser.parseExpr()
        let end = parser.current
        if end.kind != .eof {
            throw SyntaxError(offset: end.offset, message: "unexpected \(describe(end.kind)) after the end of the expression")
        }
        return expr
    }

    private init(tokens: [Token], limits: ExpressionLimits, macros: Bool) {
        self.tokens = tokens
        self.limits = limits
        self.macros = macros
    }

    private var current: Token { tokens[min(position, tokens.count - 1)] }

    private static func describe(_ kind: Token.Kind) -> String {
        switch kind {
        case .ident(let n): "'\(n)'"
        case .quotedIdent(let n): "'`\(n)`'"
        case .int, .uint, .double: "number"
        case .string: "string"
        case .bytes: "bytes"
        case .punct(let p): "'\(p)'"
        case .eof: "end of expression"
        }
    }

    private func isPunct(_ p: String) -> Bool {
        if case .punct(let q) = current.kind { return q == p }
        return false
    }

    private mutating func accept(_ p: String) -> Bool {
        if isPunct(p) { position += 1; return true }
        return false
    }

    private mutating func expect(_ p: String) throws(SyntaxError) {
        guard accept(p) else {
            throw SyntaxError(offset: current.offset, message: "expected '\(p)' but found \(Self.describe(current.kind))")
        }
    }

    private mutating func enter() throws(SyntaxError) {
        depth += 1
        if depth > limits.maxDepth {
            throw SyntaxError(offset: current.offset, message: "expression nests more than \(limits.maxDepth) levels deep; split it")
        }
    }

    /// Builds a node, refusing trees taller than the depth limit (long operator chains such as
    /// `a + b + c + …` nest without recursion in the parser but would in evaluation).
    private func node(_ offset: Int, _ kind: Syntax.Kind, height: Int) throws(SyntaxError) -> Syntax {
        if height > limits.maxDepth {
            throw SyntaxError(offset: offset, message: "expression nests more than \(limits.maxDepth) levels deep; split it")
        }
        return Syntax(offset: offset, kind: kind, height: height)
    }

    mutating func parseExpr() throws(SyntaxError) -> Syntax {
        try enter()
        defer { depth -= 1 }
        let condition = try parseOr()
        guard isPunct("?") else { return condition }
        let offset = current.offset
        position += 1
        let then = try parseOr()
        try expect(":")
        let otherwise = try parseExpr()
        return try node(offset, .conditional(condition, then, otherwise),
                        height: 1 + max(condition.height, then.height, otherwise.height))
    }

    private mutating func parseOr() throws(SyntaxError) -> Syntax {
        var left = try parseAnd()
        while isPunct("||") {
            let offset = current.offset
            position += 1
            let right = try parseAnd()
            left = try node(offset, .or(left, right), height: 1 + max(left.height, right.height))
        }
        return left
    }

    private mutating func parseAnd() throws(SyntaxError) -> Syntax {
        var left = try parseRelation()
        while isPunct("&&") {
            let offset = current.offset
            position += 1
            let right = try parseRelation()
            left = try node(offset, .and(left, right), height: 1 + max(left.height, right.height))
        }
        return left
    }

    private mutating func parseRelation() throws(SyntaxError) -> Syntax {
        var left = try parseAddition()
        while true {
            let op: BinaryOperator
            switch current.kind {
            case .punct("=="): op = .equal
            case .punct("!="): op = .notEqual
            case .punct("<"): op = .less
            case .punct("<="): op = .lessOrEqual
            case .punct(">"): op = .greater
            case .punct(">="): op = .greaterOrEqual
            case .ident("in"): op = .in
            case .punct("="):
                throw SyntaxError(offset: current.offset, message: "'=' is not an operator; use '==' to compare")
            default: return left
            }
            let offset = current.offset
            position += 1
            let right = try parseAddition()
            left = try node(offset, .binary(op, left, right), height: 1 + max(left.height, right.height))
        }
    }

    private mutating func parseAddition() throws(SyntaxError) -> Syntax {
        var left = try parseMultiplication()
        while true {
            let op: BinaryOperator
            if isPunct("+") { op = .add } else if isPunct("-") { op = .subtract } else { return left }
            let offset = current.offset
            position += 1
            let right = try parseMultiplication()
            left = try node(offset, .binary(op, left, right), height: 1 + max(left.height, right.height))
        }
    }

    private mutating func parseMultiplication() throws(SyntaxError) -> Syntax {
        var left = try parseUnary()
        while true {
            let op: BinaryOperator
            if isPunct("*") { op = .multiply } else if isPunct("/") { op = .divide } else if isPunct("%") { op = .remainder } else { return left }
            let offset = current.offset
            position += 1
            let right = try parseUnary()
            left = try node(offset, .binary(op, left, right), height: 1 + max(left.height, right.height))
        }
    }

    private mutating func parseUnary() throws(SyntaxError) -> Syntax {
        if isPunct("!") {
            var offsets: [Int] = []
            while isPunct("!") { offsets.append(current.offset); position += 1 }
            var operand = try parseMember()
            for offset in offsets.reversed() {
                operand = try node(offset, .not(operand), height: operand.height + 1)
            }
            return operand
        }
        if isPunct("-") {
            var offsets: [Int] = []
            while isPunct("-") { offsets.append(current.offset); position += 1 }
            var operand: Syntax
            // A minus directly before an integer literal makes a negative literal, so that
            // -9223372036854775808 is representable.
            if case .int(let magnitude) = current.kind, !isFollowedByMember() {
                let offset = offsets.removeLast()
                position += 1
                if magnitude == UInt64(Int64.max) + 1 {
                    operand = Syntax(offset: offset, kind: .literal(.int(Int64.min)), height: 1)
                } else if magnitude <= UInt64(Int64.max) {
                    operand = Syntax(offset: offset, kind: .literal(.int(-Int64(magnitude))), height: 1)
                } else {
                    throw SyntaxError(offset: offset, message: "integer literal out of range")
                }
            } else {
                operand = try parseMember()
            }
            for offset in offsets.reversed() {
                operand = try node(offset, .negate(operand), height: operand.height + 1)
            }
            return operand
        }
        return try parseMember()
    }

    private func isFollowedByMember() -> Bool {
        guard position + 1 < tokens.count else { return false }
        if case .punct(let p) = tokens[position + 1].kind { return p == "." || p == "[" }
        return false
    }

    private mutating func parseMember() throws(SyntaxError) -> Syntax {
        var target = try parsePrimary()
        while true {
            if isPunct(".") {
                position += 1
                if isPunct("?") {
                    throw SyntaxError(offset: current.offset, message: "optional field selection '.?' is not supported")
                }
                let nameOffset = current.offset
                let name: String
                switch current.kind {
                case .ident(let n), .quotedIdent(let n): name = n
                default:
                    throw SyntaxError(offset: current.offset, message: "expected a field name after '.' but found \(Self.describe(current.kind))")
                }
                position += 1
                if isPunct("("), case .ident = tokens[position - 1].kind {
                    position += 1
                    let args = try parseArguments(closing: ")")
                    target = try makeCall(name: name, target: target, args: args, offset: nameOffset)
                } else {
                    target = try node(nameOffset, .select(target, field: name), height: target.height + 1)
                }
            } else if isPunct("[") {
                let offset = current.offset
                position += 1
                if isPunct("?") {
                    throw SyntaxError(offset: current.offset, message: "optional index '[?' is not supported")
                }
                let index = try parseExpr()
                try expect("]")
                target = try node(offset, .index(target, index), height: 1 + max(target.height, index.height))
            } else if isPunct("{") {
                throw SyntaxError(offset: current.offset, message: "message construction is not supported")
            } else {
                return target
            }
        }
    }

    private mutating func parseArguments(closing: String) throws(SyntaxError) -> [Syntax] {
        var args: [Syntax] = []
        if accept(closing) { return args }
        while true {
            args.append(try parseExpr())
            if accept(closing) { return args }
            try expect(",")
            if closing == "]" && accept(closing) { return args }
        }
    }

    private mutating func parsePrimary() throws(SyntaxError) -> Syntax {
        let token = current
        switch token.kind {
        case .int(let magnitude):
            position += 1
            guard magnitude <= UInt64(Int64.max) else {
                throw SyntaxError(offset: token.offset, message: "integer literal out of range")
            }
            return Syntax(offset: token.offset, kind: .literal(.int(Int64(magnitude))), height: 1)
        case .uint(let v): position += 1; return Syntax(offset: token.offset, kind: .literal(.uint(v)), height: 1)
        case .double(let v): position += 1; return Syntax(offset: token.offset, kind: .literal(.double(v)), height: 1)
        case .string(let s): position += 1; return Syntax(offset: token.offset, kind: .literal(.string(s)), height: 1)
        case .bytes(let b): position += 1; return Syntax(offset: token.offset, kind: .literal(.bytes(b)), height: 1)
        case .quotedIdent:
            throw SyntaxError(offset: token.offset, message: "a back-quoted name can only follow '.'")
        case .ident(let name):
            position += 1
            switch name {
            case "true": return Syntax(offset: token.offset, kind: .literal(.bool(true)), height: 1)
            case "false": return Syntax(offset: token.offset, kind: .literal(.bool(false)), height: 1)
            case "null": return Syntax(offset: token.offset, kind: .literal(.null), height: 1)
            case "in": throw SyntaxError(offset: token.offset, message: "unexpected 'in'")
            default: break
            }
            if Self.reservedWords.contains(name) {
                throw SyntaxError(offset: token.offset, message: "'\(name)' is a reserved word and cannot name a variable")
            }
            if accept("(") {
                let args = try parseArguments(closing: ")")
                return try makeCall(name: name, target: nil, args: args, offset: token.offset)
            }
            return Syntax(offset: token.offset, kind: .ident(name), height: 1)
        case .punct("("):
            position += 1
            let inner = try parseExpr()
            try expect(")")
            return inner
        case .punct("["):
            position += 1
            let items = try parseArguments(closing: "]")
            return try node(token.offset, .list(items), height: 1 + (items.map(\.height).max() ?? 0))
        case .punct("{"):
            position += 1
            var entries: [(key: Syntax, value: Syntax)] = []
            var height = 1
            if !accept("}") {
                while true {
                    let key = try parseExpr()
                    try expect(":")
                    let value = try parseExpr()
                    entries.append((key, value))
                    height = max(height, 1 + max(key.height, value.height))
                    if accept("}") { break }
                    try expect(",")
                    if accept("}") { break }
                }
            }
            return try node(token.offset, .map(entries), height: height)
        case .punct("."):
            // CEL's leading dot names the root scope: `.x` is `x`.
            position += 1
            guard case .ident(let name) = current.kind else {
                throw SyntaxError(offset: current.offset, message: "expected a name after '.'")
            }
            position += 1
            if accept("(") {
                let args = try parseArguments(closing: ")")
                return try makeCall(name: name, target: nil, args: args, offset: token.offset)
            }
            return Syntax(offset: token.offset, kind: .ident(name), height: 1)
        case .eof:
            throw SyntaxError(offset: token.offset, message: "unexpected end of expression")
        case .punct(let p):
            throw SyntaxError(offset: token.offset, message: "unexpected '\(p)'")
        }
    }

    private func makeCall(name: String, target: Syntax?, args: [Syntax], offset: Int) throws(SyntaxError) -> Syntax {
        let height = 1 + max(target?.height ?? 0, args.map(\.height).max() ?? 0)
        if macros {
            if target == nil && name == "has" && args.count == 1 {
                guard case .select(let operand, let field) = args[0].kind else {
                    throw SyntaxError(offset: args[0].offset, message: "has() needs a field selection, like has(x.field)")
                }
                return try node(offset, .has(operand, field: field), height: height)
            }
            if let range = target, let macro = Self.macro(name, argumentCount: args.count) {
                let variableCount = macro.variables
                var vars: [String] = []
                for arg in args.prefix(variableCount) {
                    guard case .ident(let v) = arg.kind else {
                        throw SyntaxError(offset: arg.offset, message: "\(name)() needs a variable name as argument \(vars.count + 1)")
                    }
                    vars.append(v)
                }
                return try node(offset, .comprehension(macro.macro, range: range, vars: vars, args: Array(args.dropFirst(variableCount))), height: height + 1)
            }
        }
        return try node(offset, .call(name: name, target: target, args: args), height: height)
    }

    private static func macro(_ name: String, argumentCount: Int) -> (macro: Macro, variables: Int)? {
        switch (name, argumentCount) {
        case ("all", 2): (.all, 1)
        case ("all", 3): (.all, 2)
        case ("exists", 2): (.exists, 1)
        case ("exists", 3): (.exists, 2)
        case ("exists_one", 2): (.existsOne, 1)
        case ("existsOne", 2): (.existsOne, 1)
        case ("existsOne", 3): (.existsOne, 2)
        case ("filter", 2): (.filter, 1)
        case ("map", 2), ("map", 3): (.map, 1)
        case ("transformList", 3), ("transformList", 4): (.transformList, 2)
        case ("transformMap", 3), ("transformMap", 4): (.transformMap, 2)
        default: nil
        }
    }
}
