/// A message with `{{ expression }}` placeholders, checked when the rule loads and filled with
/// the measured values when a finding is made.
public struct MessageTemplate: Sendable {
    enum Piece: Sendable {
        case text(String)
        case value(CompiledExpression)
    }

    /// Pieces per language, in the order written (the first language is the default).
    let languages: [(lang: String, pieces: [Piece])]

    /// The variables the template's expressions read.
    public var variableNames: Set<String> {
        var names: Set<String> = []
        for language in languages {
            for case .value(let e) in language.pieces { names.formUnion(e.variableNames) }
        }
        return names
    }

    /// The texts of the template's expressions.
    public var sources: [String] {
        languages.flatMap { $0.pieces.compactMap { if case .value(let e) = $0 { e.source } else { nil } } }
    }

    /// Compiles every placeholder of every language of `text`.
    /// - Throws: `DiagnosticList` with each placeholder's error, located in the file.
    static func compile(_ text: LocalizedText, node: YAMLNode, in env: ExpressionEnvironment) throws -> MessageTemplate {
        var diagnostics: [Diagnostic] = []
        var languages: [(String, [Piece])] = []
        for (index, entry) in text.texts.enumerated() {
            // The node of this language's text, for locations: the scalar itself or the
            // mapping's value.
            let origin = node.pairs.map { $0[index].value.textStart } ?? node.textStart
            var pieces: [Piece] = []
            var rest = Substring(entry.text)
            var offset = 0
            while let open = rest.range(of: "{{") {
                let before = rest[..<open.lowerBound]
                if !before.isEmpty { pieces.append(.text(String(before))) }
                offset += before.count + 2
                let afterOpen = rest[open.upperBound...]
                guard let close = afterOpen.range(of: "}}") else {
                    diagnostics.append(.error(at: shifted(origin, by: offset - 2), "'{{' without a closing '}}' in message"))
                    rest = ""
                    break
                }
                let source = String(afterOpen[..<close.lowerBound])
                do {
                    pieces.append(.value(try env.compile(source, at: shifted(origin, by: offset))))
                } catch {
                    diagnostics += error.diagnostics
                }
                offset += source.count + 2
                rest = afterOpen[close.upperBound...]
            }
            if !rest.isEmpty { pieces.append(.text(String(rest))) }
            languages.append((entry.lang, pieces))
        }
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        return MessageTemplate(languages: languages)
    }

    private static func shifted(_ l: Location, by offset: Int) -> Location {
        Location(file: l.file, line: l.line, column: l.column + offset)
    }

    /// The message in `lang` (or the first language), placeholders evaluated in `activation`;
    /// a placeholder that cannot be evaluated shows as `?`. Timestamps read as local times of
    /// the plan's time zone (`2026-05-05 23:30`), as the people who read the report live them.
    /// - Parameter planZone: the time zone of the plan bound as `service`, when the caller knows
    ///   it (reading it out of the activation copies the plan).
    func render(_ activation: Activation, lang: String?, planZone known: ZoneRules? = nil) -> String {
        let pieces = languages.first { $0.lang == lang }?.pieces ?? languages.first?.pieces ?? []
        // The plan's zone, looked up only for a timestamp: reading the plan out of its box
        // copies it, and most messages have no timestamp.
        var zone: ZoneRules?? = known.map { .some($0) } ?? .none
        func planZone() -> ZoneRules? {
            if case .some(let z) = zone { return z }
            var found: ZoneRules?
            if case .object(let plan as Plan)? = activation["service"] { found = plan.timeZone }
            zone = .some(found)
            return found
        }
        var out = ""
        // Room for the text and a short value per placeholder: one allocation, not one per
        // doubling (a national run renders a million of these).
        var room = 0
        for piece in pieces {
            if case .text(let s) = piece { room += s.utf8.count } else { room += 24 }
        }
        out.reserveCapacity(room)
        for piece in pieces {
            switch piece {
            case .text(let s): out += s
            case .value(let expr):
                switch expr.quickValue(activation).map(EvalOutcome.value) ?? expr.evaluate(activation) {
                case .value(.timestamp(let t)) where planZone() != nil:
                    out += LocalTime.format(local: planZone()!.local(utc: t.seconds)).replacingOccurrences(of: "T", with: " ")
                case .value(let v): out += v.displayText
                default: out += "?"
                }
            }
        }
        return out
    }
}

extension Value {
    /// The value as a person reads it in a message.
    public var displayText: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .uint(let u): String(u)
        case .double(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .string(let s): s
        case .bytes(let b): "\(b.count) bytes"
        case .list(let items): items.map(\.displayText).joined(separator: ", ")
        case .map(let entries): entries.map { "\($0.key.displayText): \($0.value.displayText)" }.joined(separator: ", ")
        case .date(let d): d.iso
        case .timestamp(let t): t.rfc3339
        case .duration(let d): d.celText
        case .type(let t): t
        case .object(let o): o.typeName
        }
    }
}
