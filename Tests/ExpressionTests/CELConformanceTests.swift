import Foundation
import Testing
@testable import RuleEngine

/// Paths shared by the tests that read files outside the package.
enum TestPaths {
    /// The repository root, from this file's path (Tests/ExpressionTests/…).
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let celSuite = root.deletingLastPathComponent().appendingPathComponent("shared/cel-spec-tests")
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static var celSuiteAvailable: Bool { FileManager.default.fileExists(atPath: celSuite.path) }
}

/// The CEL specification's conformance cases (../shared/cel-spec-tests): every case runs, except
/// those listed by name in docs/cel-conformance.md as outside our subset.
@Suite struct CELConformanceTests {
    /// Lowest acceptable number of passing cases; raise it when more pass, never lower it.
    static let passFloor = 1332

    struct Case {
        var id: String
        var file: String
        var json: [String: Any]
    }

    static func loadCases() throws -> [Case] {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.celSuite.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        var cases: [Case] = []
        for file in files {
            let data = try Data(contentsOf: TestPaths.celSuite.appendingPathComponent(file))
            let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let fileName = String(file.dropLast(5))
            for section in root["section"] as? [[String: Any]] ?? [] {
                let sectionName = section["name"] as? String ?? ""
                for test in section["test"] as? [[String: Any]] ?? [] {
                    let name = test["name"] as? String ?? ""
                    cases.append(Case(id: "\(fileName)/\(sectionName)/\(name)", file: fileName, json: test))
                }
            }
        }
        return cases
    }

    /// The cases docs/cel-conformance.md lists under "## Out of subset": lines "- `file/section/name`".
    static func loadSkipList() throws -> Set<String> {
        let text = try String(contentsOf: TestPaths.root.appendingPathComponent("docs/cel-conformance.md"), encoding: .utf8)
        var names: Set<String> = []
        let listed = text.components(separatedBy: "\n## Out of subset").dropFirst().joined()
        for line in listed.split(separator: "\n") where line.hasPrefix("- `") {
            let rest = line.dropFirst(3)
            if let end = rest.firstIndex(of: "`") { names.insert(String(rest[..<end])) }
        }
        return names
    }

    @Test(.enabled(if: TestPaths.celSuiteAvailable || TestPaths.isCI, "../shared/cel-spec-tests is missing; skipping the CEL conformance suite"))
    func everyCaseInTheSubsetPasses() throws {
        try #require(TestPaths.celSuiteAvailable, "../shared/cel-spec-tests is missing (CI=true)")
        let cases = try Self.loadCases()
        let skipList = try Self.loadSkipList()
        var perFile: [String: (pass: Int, fail: Int, skip: Int)] = [:]
        var failures: [String] = []
        var passedButListed: [String] = []
        for c in cases {
            var counts = perFile[c.file] ?? (0, 0, 0)
            let problem = Self.run(c)
            if skipList.contains(c.id) {
                counts.skip += 1
                if problem == nil { passedButListed.append(c.id) }
            } else if let problem {
                counts.fail += 1
                failures.append("\(c.id): \(problem)")
            } else {
                counts.pass += 1
            }
            perFile[c.file] = counts
        }
        var total = (pass: 0, fail: 0, skip: 0)
        for file in perFile.keys.sorted() {
            let n = perFile[file]!
            print("cel-conformance \(file): \(n.pass) passed, \(n.fail) failed, \(n.skip) out of subset")
            total = (total.pass + n.pass, total.fail + n.fail, total.skip + n.skip)
        }
        print("cel-conformance total: \(total.pass) passed, \(total.fail) failed, \(total.skip) out of subset, of \(cases.count)")
        for failure in failures { print("FAIL \(failure)") }
        for id in passedButListed { print("LISTED-BUT-PASSES \(id)") }

        let known = Set(cases.map(\.id))
        let stale = skipList.subtracting(known)
        #expect(stale.isEmpty, "docs/cel-conformance.md lists cases the suite does not have: \(stale.sorted())")
        #expect(failures.isEmpty, "\(failures.count) in-subset cases fail")
        #expect(passedButListed.isEmpty, "cases listed as out of subset now pass; remove them from docs/cel-conformance.md: \(passedButListed)")
        #expect(total.pass >= Self.passFloor, "pass count \(total.pass) fell below the floor \(Self.passFloor)")
    }

    /// Runs one case; nil when it passes, else what went wrong.
    static func run(_ c: Case) -> String? {
        let test = c.json
        guard let expr = test["expr"] as? String else { return "no expression" }
        var bindings: [String: Value] = [:]
        for (name, binding) in test["bindings"] as? [String: Any] ?? [:] {
            guard let b = binding as? [String: Any], let v = b["value"] as? [String: Any], let value = value(fromJSON: v) else {
                return "binding \(name) has an unsupported value"
            }
            bindings[name] = value
        }
        var variables: [String: ExprType] = [:]
        for name in bindings.keys { variables[name] = .dyn }
        for decl in test["type_env"] as? [[String: Any]] ?? [] {
            guard let name = decl["name"] as? String else { continue }
            let ident = decl["ident"] as? [String: Any]
            variables[name] = type(fromJSON: ident?["type"] as? [String: Any] ?? [:])
        }
        let environment = ExpressionEnvironment(variables: variables)
        let unchecked = test["disable_check"] as? Bool ?? false
        let macros = !(test["disable_macros"] as? Bool ?? false)
        let compiled: CompiledExpression
        do {
            compiled = unchecked
                ? try CompiledExpression.compileUnchecked(expr, in: environment, macros: macros)
                : try CompiledExpression.compileChecked(expr, in: environment, macros: macros)
        } catch {
            // An expression that cannot succeed may be refused when it loads (e.g. a literal
            // timestamp out of range): earlier than CEL's run-time error, and as final.
            if test["eval_error"] != nil && !error.message.contains("not supported") {
                print("cel-conformance refused at load: \(c.id): \(error.message)")
                return nil
            }
            return "does not compile: \(error.message) at offset \(error.offset)"
        }
        let outcome = compiled.evaluate(Activation(environment, bindings))
        if test["eval_error"] != nil {
            if case .error = outcome { return nil }
            return "expected an error, got \(outcome)"
        }
        let expected: Value
        if let v = test["value"] as? [String: Any] {
            guard let e = value(fromJSON: v) else { return "expected value of an unsupported kind" }
            expected = e
        } else {
            expected = .bool(true)
        }
        guard case .value(let actual) = outcome else { return "expected \(expected.display), got \(outcome)" }
        return strictlyEqual(actual, expected) ? nil : "expected \(expected.display) (\(expected.typeName)), got \(actual.display) (\(actual.typeName))"
    }

    static func type(fromJSON json: [String: Any]) -> ExprType {
        if let primitive = json["primitive"] as? String {
            switch primitive {
            case "INT64": return .int
            case "UINT64": return .uint
            case "DOUBLE": return .double
            case "STRING": return .string
            case "BYTES": return .bytes
            case "BOOL": return .bool
            default: return .dyn
            }
        }
        if json.keys.contains("null") { return .null }
        if let list = json["list_type"] as? [String: Any] {
            return .list(type(fromJSON: list["elem_type"] as? [String: Any] ?? [:]))
        }
        if let map = json["map_type"] as? [String: Any] {
            return .map(type(fromJSON: map["key_type"] as? [String: Any] ?? [:]), type(fromJSON: map["value_type"] as? [String: Any] ?? [:]))
        }
        return .dyn
    }

    static func value(fromJSON json: [String: Any]) -> Value? {
        if let s = json["int64_value"] as? String { return Int64(s).map(Value.int) }
        if let n = json["int64_value"] as? NSNumber { return .int(n.int64Value) }
        if let s = json["uint64_value"] as? String { return UInt64(s).map(Value.uint) }
        if let s = json["double_value"] as? String {
            switch s {
            case "Infinity": return .double(.infinity)
            case "-Infinity": return .double(-.infinity)
            case "NaN": return .double(.nan)
            default: return Double(s).map(Value.double)
            }
        }
        if let n = json["double_value"] as? NSNumber { return .double(n.doubleValue) }
        if let s = json["string_value"] as? String { return .string(s) }
        if let s = json["bytes_value"] as? String { return Data(base64Encoded: s).map { .bytes(Array($0)) } }
        if let b = json["bool_value"] as? Bool { return .bool(b) }
        if json.keys.contains("null_value") { return .null }
        if let t = json["type_value"] as? String { return .type(t) }
        if let object = json["object_value"] as? [String: Any], let text = object["value"] as? String {
            // The JSON mapping of the well-known Duration and Timestamp messages.
            switch object["@type"] as? String {
            case "type.googleapis.com/google.protobuf.Duration": return TimeSpan(celText: text).map(Value.duration)
            case "type.googleapis.com/google.protobuf.Timestamp": return Instant(rfc3339: text).map(Value.timestamp)
            default: return nil
            }
        }
        if let list = json["list_value"] as? [String: Any] {
            var items: [Value] = []
            for item in list["values"] as? [[String: Any]] ?? [] {
                guard let v = value(fromJSON: item) else { return nil }
                items.append(v)
            }
            return .list(items)
        }
        if let map = json["map_value"] as? [String: Any] {
            var entries: [MapEntry] = []
            for entry in map["entries"] as? [[String: Any]] ?? [] {
                guard let k = (entry["key"] as? [String: Any]).flatMap(value(fromJSON:)),
                      let v = (entry["value"] as? [String: Any]).flatMap(value(fromJSON:)) else { return nil }
                entries.append(MapEntry(key: k, value: v))
            }
            return .map(entries)
        }
        return nil
    }

    /// Equality for expected results: same type and same value (NaN equals NaN here).
    static func strictlyEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.double(let x), .double(let y)): return (x.isNaN && y.isNaN) || (x == y && x.sign == y.sign)
        case (.int(let x), .int(let y)): return x == y
        case (.uint(let x), .uint(let y)): return x == y
        case (.list(let x), .list(let y)): return x.count == y.count && zip(x, y).allSatisfy { strictlyEqual($0, $1) }
        case (.map(let x), .map(let y)):
            return x.count == y.count && x.allSatisfy { e in y.contains { strictlyEqual($0.key, e.key) && strictlyEqual($0.value, e.value) } }
        case (.int, _), (.uint, _), (.double, _), (.list, _), (.map, _): return false
        default: return a.typeName == b.typeName && a.celEquals(b)
        }
    }
}
