import Foundation
import Testing
@testable import RuleEngine

/// Runs every example of docs/rule-language.md's ```expr blocks, so the documentation cannot
/// drift from the implementation.
@Suite struct DocumentationExampleTests {
    struct Example {
        var line: Int
        var expression: String
        var expected: String
    }

    /// Lines `EXPRESSION  # => RESULT` inside ```expr fences; lines without `# =>` continue
    /// onto the next line (for multi-line string literals).
    static func examples() throws -> [Example] {
        let text = try String(contentsOf: TestPaths.root.appendingPathComponent("docs/rule-language.md"), encoding: .utf8)
        var examples: [Example] = []
        var inBlock = false
        var pending: [String] = []
        var pendingLine = 0
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            if line.hasPrefix("```") {
                inBlock = line == "```expr"
                pending = []
                continue
            }
            guard inBlock, !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            if pending.isEmpty { pendingLine = index + 1 }
            guard let marker = line.range(of: "# =>", options: .backwards) else {
                pending.append(line)
                continue
            }
            let expression = (pending + [String(line[..<marker.lowerBound])]).joined(separator: "\n")
                .trimmingCharacters(in: .whitespaces)
            let expected = line[marker.upperBound...].trimmingCharacters(in: .whitespaces)
            examples.append(Example(line: pendingLine, expression: expression, expected: expected))
            pending = []
        }
        return examples
    }

    @Test func everyExampleInTheDocumentationHolds() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 140, "expected the documentation to hold at least 140 examples, found \(examples.count)")
        for example in examples {
            if let problem = Self.check(example) {
                Issue.record("docs/rule-language.md:\(example.line): \(example.expression): \(problem)")
            }
        }
    }

    @Test func everyFunctionAndOperatorHasAnExample() throws {
        let all = try Self.examples().map(\.expression).joined(separator: "\n")
        for function in Builtin.allCases {
            let name = function.rawValue
            #expect(all.contains(name + "("), "no example calls \(name)()")
        }
        for op in ["+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "!", "?", " in ", "[", "."] {
            #expect(all.contains(op), "no example uses '\(op)'")
        }
        for macro in ["all(", "exists(", "exists_one(", "existsOne(", "filter(", "map(", "transformList(", "transformMap(", "has("] {
            #expect(all.contains("." + macro) || all.contains(macro), "no example uses \(macro))")
        }
    }

    static func check(_ example: Example) -> String? {
        let env = Fixtures.environment
        if example.expected.hasPrefix("load error:") {
            let text = example.expected.dropFirst("load error:".count).trimmingCharacters(in: .whitespaces)
            do {
                _ = try env.compile(example.expression, at: Fixtures.origin)
                return "expected a load error mentioning '\(text)'"
            } catch {
                let message = error.diagnostics.map(\.message).joined(separator: "; ")
                return message.contains(text) ? nil : "load error '\(message)' does not mention '\(text)'"
            }
        }
        let outcome: EvalOutcome
        do {
            outcome = try env.compile(example.expression, at: Fixtures.origin).evaluate(Fixtures.activation)
        } catch {
            return "does not compile: \(error)"
        }
        if example.expected.hasPrefix("error:") {
            let text = example.expected.dropFirst("error:".count).trimmingCharacters(in: .whitespaces)
            guard case .error(let message) = outcome else { return "expected an error, got \(outcome)" }
            return message.contains(text) ? nil : "error '\(message)' does not mention '\(text)'"
        }
        if example.expected.hasPrefix("indeterminate:") {
            let paths = example.expected.dropFirst("indeterminate:".count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard case .indeterminate(let missing) = outcome else { return "expected indeterminate, got \(outcome)" }
            return missing == paths ? nil : "missing \(missing), expected \(paths)"
        }
        guard case .value(let actual) = outcome else { return "expected a value, got \(outcome)" }
        do {
            let expectedOutcome = try env.compile(example.expected, at: Fixtures.origin).evaluate(Fixtures.activation)
            guard case .value(let expected) = expectedOutcome else { return "the expected result \(example.expected) gave \(expectedOutcome)" }
            return actual.isSame(as: expected) ? nil : "gave \(actual.display) (\(actual.typeName)), expected \(expected.display) (\(expected.typeName))"
        } catch {
            return "the expected result does not compile: \(error)"
        }
    }
}
