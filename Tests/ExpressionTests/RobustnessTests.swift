import Testing
@testable import RuleEngine

/// Random inputs, deterministic seed: nothing may trap, hang or recurse without bound.
@Suite struct RobustnessTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
    }

    static let tokens = [
        "(", ")", "[", "]", "{", "}", ".", ",", ":", "?", "!", "-", "+", "*", "/", "%", "==", "!=", "<",
        "<=", ">", ">=", "&&", "||", "in", "x", "y", "m", "t", "d", "s", "size", "has", "all", "exists",
        "map", "filter", "matches", "int", "uint", "double", "string", "timestamp", "duration", "date",
        "0", "1", "-1", "9223372036854775807", "18446744073709551615u", "1.5", "1e308", "'a'", "''",
        "'(a+)+'", "'[z-a]'", "b'\\xff'", "null", "true", "false", "'\\u0000'", "`x`", "'2026-02-30'",
        "days", "age_at", "overlaps", "within", "'1h'", "'-1s'", "\"", "'''", "\\", "#", "é",
    ]

    static let values: [Value] = [
        .int(.min), .int(.max), .int(0), .uint(.max), .double(.nan), .double(-.infinity), .string(""),
        .string("a(b"), .bytes([0xFF]), .null, .bool(true), .list([.int(1), .string("x")]),
        .map([MapEntry(key: .string("k"), value: .int(.min))]),
        .timestamp(Instant(seconds: .max, nanos: 999_999_999)), .timestamp(Instant(seconds: .min)),
        .duration(TimeSpan(seconds: .min, nanos: -999_999_999)), .duration(TimeSpan(seconds: .max)),
        .date(CivilDate(year: 9999, month: 12, day: 31)), .date(CivilDate(year: 1, month: 1, day: 1)),
    ]

    @Test func randomTokenSequencesNeverTrap() {
        var g = Generator(state: 42)
        let env = ExpressionEnvironment(variables: ["x": .dyn, "y": .int, "m": .map(.string, .dyn), "t": .timestamp, "d": .date, "s": .string])
        var compiled = 0
        for _ in 0..<4000 {
            let count = 1 + g.next(14)
            let source = (0..<count).map { _ in g.pick(Self.tokens) }.joined(separator: g.next(3) == 0 ? "" : " ")
            let unchecked = try? CompiledExpression.compileUnchecked(source, in: env)
            _ = try? env.compile(source, at: Fixtures.origin)
            if let unchecked {
                compiled += 1
                var activation = Activation(env)
                for name in env.slotNames { activation[name] = g.pick(Self.values) }
                _ = unchecked.evaluate(activation)
            }
        }
        #expect(compiled > 200, "too few random sequences compiled (\(compiled)) to exercise evaluation")
    }

    @Test func extremeDataValuesGiveOutcomesNotTraps() throws {
        let env = ExpressionEnvironment(variables: ["a": .dyn, "b": .dyn])
        let sources = [
            "a + b", "a - b", "a * b", "a / b", "a % b", "-a", "a < b", "a == b", "string(a)", "int(a)",
            "uint(a)", "double(a)", "a.getHours()", "a.getHours('Europe/Paris')", "a.getDayOfWeek()",
            "date(a)", "date(a, '+14:00')", "days_between(a, b)", "age_at(a, b)", "overlaps(a, b, a, b)",
            "within(a, a, b)", "size(a)", "a in b", "b[a]", "type(a)", "'%s %d %f'.format([a, a, a])",
            "timestamp(a)", "duration(a)", "days(a)", "a.matches(b)", "string(a).matches(string(b))",
        ]
        var outcomes = 0
        for source in sources {
            let compiled = try CompiledExpression.compileUnchecked(source, in: env)
            for a in Self.values {
                for b in Self.values {
                    _ = compiled.evaluate(Activation(env, ["a": a, "b": b]))
                    outcomes += 1
                }
            }
        }
        #expect(outcomes == sources.count * Self.values.count * Self.values.count)
    }
}

@Suite struct DepthTests {
    @Test func expressionsJustUnderTheDepthLimitEvaluate() throws {
        let env = ExpressionEnvironment(variables: [:])
        let sum = String(repeating: "(", count: 95) + "1" + String(repeating: " + 1)", count: 95)
        #expect(try env.compile(sum, at: Fixtures.origin).evaluate(Activation(env)).intValue == 96)
        let list = String(repeating: "[", count: 95) + "7" + String(repeating: "]", count: 95) + String(repeating: "[0]", count: 1)
        #expect(try env.compile("size(\(list)) == 1", at: Fixtures.origin).evaluate(Activation(env)).boolValue == true)
        let macros = (0..<30).map { "[1].all(v\($0), " }.joined() + "true" + String(repeating: ")", count: 30)
        #expect(try env.compile(macros, at: Fixtures.origin).evaluate(Activation(env)).boolValue == true)
    }

    @Test func deeplyNestedRegexGroupsAreRefused() {
        let pattern = String(repeating: "(", count: 150) + "a" + String(repeating: ")", count: 150)
        #expect(Fixtures.diagnostic("'a'.matches('\(pattern)')")?.contains("nests too deeply") == true)
    }
}

extension EvalOutcome {
    var intValue: Int64? {
        if case .value(.int(let i)) = self { return i }
        return nil
    }
}

import Foundation

@Suite struct StackTests {
    /// Parsing, checking and evaluating at the depth limit fit in a 512 KiB stack (the size of
    /// secondary threads on some platforms) in optimised builds; measured: 256 KiB suffices,
    /// 128 KiB does not. Unoptimised (debug) frames are about ten times larger, so debug runs
    /// give the thread 4 MiB.
    @Test func deepestExpressionsRunOnASmallStack() async {
        let finished = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let thread = Thread {
                let env = ExpressionEnvironment(variables: ["x": .dyn])
                let deepest = String(repeating: "[", count: 99) + "x" + String(repeating: "]", count: 99)
                let sum = String(repeating: "(", count: 98) + "x" + String(repeating: " + x)", count: 98)
                let brackets = String(repeating: "[", count: 5000)
                var ok = true
                let all = [deepest, sum, brackets, "size(\(deepest)) == 1 && \(sum) > 0"]
                for source in all {
                    if let compiled = try? env.compile(source, at: Fixtures.origin) {
                        if case .value = compiled.evaluate(Activation(env, ["x": .int(1)])) {} else { ok = false }
                    }
                }
                continuation.resume(returning: ok)
            }
            #if DEBUG
            thread.stackSize = 4 * 1024 * 1024
            #else
            thread.stackSize = 512 * 1024
            #endif
            thread.start()
        }
        #expect(finished)
    }
}
