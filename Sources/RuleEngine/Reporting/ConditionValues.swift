/// For `check --explain`: what an `assert` rule's condition read on the record of a finding —
/// the condition itself, and the value of each side of its comparison (or of each field it
/// names), evaluated again on that record. Kinds that measure (coverage, validity…) already put
/// their values in `measured`/`expected`; `assert` has none of its own, so they are shown here.
enum ConditionValues {
    /// Lines of explanation by finding fingerprint.
    static func explain(_ result: CheckResult, labels l: Labels = .en) -> [String: [String]] {
        var out: [String: [String]] = [:]
        let asOf = result.run.asOf ?? result.data.plan.period.start
        var recordsByCollection: [String: [String: any Record]] = [:]
        var compiled: [String: [(String, CompiledExpression)]] = [:]
        for f in result.report.findings {
            guard let rule = result.rules.rule(f.rule), let assert = rule.check as? AssertRule, let path = f.path else { continue }
            var context = EvaluationContext(data: result.data, asOf: asOf, lang: result.run.lang)
            context.params = Dictionary(uniqueKeysWithValues: rule.params.map { ($0.name, $0.defaultValue) })
            for (name, value) in result.data.plan.params[rule.id]?.values ?? [:] {
                if let declared = rule.params.first(where: { $0.name == name }), let v = value.value.converted(toTypeOf: declared.defaultValue) {
                    context.params[name] = v
                }
            }
            let name = assert.collection.name
            if recordsByCollection[name] == nil {
                var byPath: [String: any Record] = [:]
                for record in context.records(assert.collection) where byPath[record.path] == nil { byPath[record.path] = record }
                recordsByCollection[name] = byPath
            }
            guard let record = recordsByCollection[name]?[path], record.subject == f.subject else { continue }
            var activation = RuleExpressions.activation(assert.environment, context)
            activation[assert.collection.variable] = .object(record)
            RelatedBinder(context, assert.collection, reads: assert.variableNames, environment: assert.environment).bind(record, into: &activation)
            if compiled[rule.id] == nil {
                compiled[rule.id] = operands(of: assert.condition.source).compactMap { text in
                    (try? assert.environment.compile(text, at: rule.location)).map { (text, $0) }
                }
            }
            var values: [String] = []
            for (text, expression) in compiled[rule.id] ?? [] {
                switch expression.evaluate(activation) {
                case .value(let v): values.append("\(text) = \(v.displayText)")
                case .indeterminate: values.append("\(text) = (\(l.missing))")
                case .error(let message): values.append("\(text): \(message)")
                }
            }
            var lines = ["\(l.condition): \(assert.condition.source)"]
            if !values.isEmpty { lines.append("\(l.values): " + values.joined(separator: " · ")) }
            out[f.fingerprint] = lines
        }
        return out
    }

    /// The two sides of a comparison at the top of `source` (`a >= b` → `a`, `b`); else the
    /// dotted names it reads (`contributor.birth_date`), each once, in order.
    static func operands(of source: String) -> [String] {
        let scalars = Array(source.unicodeScalars)
        var depth = 0
        var inString: Unicode.Scalar?
        var split: (Int, Int)?
        var i = 0
        var topLevelLogic = false
        while i < scalars.count {
            if skipsLiteral(scalars, &i, &inString) { continue }
            let c = scalars[i]
            switch c {
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            default:
                if depth == 0 {
                    let next = i + 1 < scalars.count ? scalars[i + 1] : " "
                    if (c == "&" && next == "&") || (c == "|" && next == "|") || c == "?" { topLevelLogic = true }
                    if ["=", "!", "<", ">"].contains(c) && next == "=" {
                        if split == nil { split = (i, i + 2) } else { topLevelLogic = true }
                        i += 2; continue
                    }
                    if (c == "<" || c == ">") {
                        if split == nil { split = (i, i + 1) } else { topLevelLogic = true }
                    }
                }
            }
            i += 1
        }
        if let (a, b) = split, !topLevelLogic {
            let left = String(String.UnicodeScalarView(scalars[..<a])).trimmingSpaces
            let right = String(String.UnicodeScalarView(scalars[b...])).trimmingSpaces
            if !left.isEmpty && !right.isEmpty { return [left, right] }
        }
        return dottedNames(in: scalars)
    }

    /// Steps over string literals (`"…"` or `'…'`, with backslash escapes): true, with `i`
    /// moved on, when `scalars[i]` opens or is inside one.
    private static func skipsLiteral(_ scalars: [Unicode.Scalar], _ i: inout Int, _ inString: inout Unicode.Scalar?) -> Bool {
        let c = scalars[i]
        if let quote = inString {
            if c == "\\" { i += 2; return true }
            if c == quote { inString = nil }
            i += 1
            return true
        }
        if c == "\"" || c == "'" { inString = c; i += 1; return true }
        return false
    }

    /// `name.field.field` runs outside string literals, not followed by `(` (a method call).
    static func dottedNames(in scalars: [Unicode.Scalar]) -> [String] {
        func isStart(_ c: Unicode.Scalar) -> Bool { c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        func isPart(_ c: Unicode.Scalar) -> Bool { isStart(c) || ("0"..."9").contains(c) }
        var out: [String] = []
        var i = 0
        var inString: Unicode.Scalar?
        while i < scalars.count {
            if skipsLiteral(scalars, &i, &inString) { continue }
            let c = scalars[i]
            guard isStart(c), i == 0 || !(isPart(scalars[i - 1]) || scalars[i - 1] == ".") else { i += 1; continue }
            var j = i
            var dots = 0
            while j < scalars.count && (isPart(scalars[j]) || (scalars[j] == "." && j + 1 < scalars.count && isStart(scalars[j + 1]))) {
                if scalars[j] == "." { dots += 1 }
                j += 1
            }
            var name = String(String.UnicodeScalarView(scalars[i..<j]))
            if j < scalars.count && scalars[j] == "(", let dot = name.lastIndex(of: ".") {
                name = String(name[..<dot])   // `x.matches(…)`: the receiver
                dots -= 1
            }
            if dots > 0 && !out.contains(name) { out.append(name) }
            i = j
        }
        return out
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
