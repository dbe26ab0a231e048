import Foundation

extension CoverageReport {
    /// The percentage as printed: one decimal, rounded down so that a run shown at the threshold
    /// is never one that fails it.
    public var percentText: String {
        let tenths = (percent * 10).rounded(.down) / 10
        return String(format: "%.1f", tenths)
    }

    /// The text report: one line per rule (`yes`/`no` per item, `-` where the rule has none),
    /// the untested rules, then the totals and the threshold.
    public func renderText() -> String {
        let width = max(4, rules.map(\.rule.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        var out = "\ncoverage by rule (outcomes reached by passed tests; parameter paths; dated versions)\n"
        out += pad("RULE", width) + "  PASS FAIL INDET  DEFAULTS OVERRIDDEN  VERSIONS  COVERED\n"
        for r in rules {
            func mark(_ group: String, _ name: String, _ w: Int) -> String {
                let item = r.items.first { $0.group == group && $0.name == name }
                return pad(item.map { $0.covered ? "yes" : "no" } ?? "-", w)
            }
            let versions = r.items.filter { $0.group == "version" }
            let v = versions.isEmpty ? "-" : "\(versions.filter(\.covered).count)/\(versions.count)"
            out += pad(r.rule, width) + "  " + mark("outcome", "pass", 5) + mark("outcome", "fail", 5)
                + mark("outcome", "indeterminate", 7) + mark("params", "defaults", 9) + mark("params", "overridden", 12)
                + pad(v, 10) + "\(r.covered)/\(r.items.count)\n"
        }
        if !untested.isEmpty {
            out += "\nuntested rules (\(untested.count)): \(untested.joined(separator: ", "))\n"
        }
        let (o, p, v) = (count("outcome"), count("params"), count("version"))
        out += "\ncoverage: \(covered) of \(items) items, \(percentText) % (outcomes \(o.covered)/\(o.total), "
            + "parameter paths \(p.covered)/\(p.total), versions \(v.covered)/\(v.total)); "
            + "\(rules.count - untested.count) of \(rules.count) rules tested\n"
        if let minimum {
            let m = String(format: "%g", minimum)
            out += belowMinimum ? "coverage \(percentText) % is below the minimum of \(m) %\n" : "coverage meets the minimum of \(m) %\n"
        }
        return out
    }

    /// The JSON report (`--format json`): totals, threshold, and per rule each item with the
    /// tests that reach it.
    public func json() -> JSONText {
        func group(_ g: String) -> JSONText {
            let c = count(g)
            return .object([("covered", .int(c.covered)), ("total", .int(c.total))])
        }
        let perRule = rules.map { r -> JSONText in
            func items(_ g: String) -> JSONText {
                .object(r.items.filter { $0.group == g }.map { ($0.name, .array($0.tests.map(JSONText.string))) })
            }
            return .object([
                ("rule", .string(r.rule)), ("pack", .string(r.pack)), ("tested", .bool(r.tested)),
                ("covered", .int(r.covered)), ("total", .int(r.items.count)),
                ("outcomes", items("outcome")), ("params", items("params")), ("versions", items("version")),
            ])
        }
        return .object([
            ("percent", .double((percent * 10).rounded(.down) / 10)),
            ("covered", .int(covered)), ("total", .int(items)),
            ("minimum", minimum.map(JSONText.double) ?? .null), ("below_minimum", .bool(belowMinimum)),
            ("outcomes", group("outcome")), ("params", group("params")), ("versions", group("version")),
            ("tests", .object([("passed", .int(testsPassed)), ("failed", .int(testsFailed))])),
            ("untested", .array(untested.map(JSONText.string))),
            ("rules", .array(perRule)),
        ])
    }
}
