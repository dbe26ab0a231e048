import Foundation
import Testing
@testable import RuleEngine

/// Every standard pack and every example validates against its committed schema with a JSON
/// Schema validator from PyPI (`jsonschema`, in the venv `SchemaValidator` sets up); and the
/// mistakes the loaders reject, the schemas reject too.
@Suite struct SchemaValidationTests {
    static let root = SchemaValidator.root
    static let enabled = SchemaValidator.isReady || SchemaValidator.inCI

    static func schema(_ document: SchemaDocument) -> URL {
        root.appendingPathComponent("schemas").appendingPathComponent(document.fileName)
    }

    static func files(_ folder: String, _ keep: (String) -> Bool) -> [String] {
        let base = root.appendingPathComponent(folder).path
        let all = (FileManager.default.enumerator(atPath: base)?.allObjects as? [String]) ?? []
        return all.filter(keep).map { "\(folder)/\($0)" }.sorted()
    }

    static let packs = files("Rules") { $0.hasSuffix(".yaml") && !$0.hasSuffix(".test.yaml") }
    static let plans = files("Examples") { $0.hasSuffix("/plan.yaml") }
    static let waiverFiles = files("Examples") { $0.hasSuffix("/waivers.yaml") }

    /// The YAML text as `spp-check inspect FILE --as yaml` prints it (the same renderer).
    static func json(_ yaml: String, file: String = "t.yaml") throws -> String {
        let stream = try YAMLLoader.load(bytes: Array(yaml.utf8), file: file)
        return try YAMLJSON.render(try #require(stream.documents.first))
    }

    static func errors(_ yaml: String, _ document: SchemaDocument, file: String = "t.yaml") throws -> [String] {
        try #require(SchemaValidator.isReady, Comment(rawValue: SchemaValidator.unavailableReason))
        return try SchemaValidator.errors(of: try json(yaml, file: file), schema: schema(document))
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func thereAreFilesToValidate() {
        #expect(Self.packs.count >= 7)
        #expect(Self.plans.count >= 8)
        #expect(Self.waiverFiles.count >= 1)
    }

    @Test(.enabled(if: enabled, "needs jsonschema from PyPI in .build/schema-venv"), arguments: packs)
    func everyStandardPackValidates(_ path: String) throws {
        #expect(try Self.errors(Self.text(path), .rules, file: path) == [])
    }

    @Test(.enabled(if: enabled, "needs jsonschema from PyPI in .build/schema-venv"), arguments: plans)
    func everyExamplePlanValidates(_ path: String) throws {
        #expect(try Self.errors(Self.text(path), .plan, file: path) == [])
    }

    @Test(.enabled(if: enabled, "needs jsonschema from PyPI in .build/schema-venv"), arguments: waiverFiles)
    func everyExampleWaiversFileValidatesAndLoads(_ path: String) throws {
        #expect(try Self.errors(Self.text(path), .waivers, file: path) == [])
        #expect(try !Waivers.load(file: Self.root.appendingPathComponent(path).path).isEmpty)
    }

    /// Each file names its schema in a yaml-language-server header, by a path that resolves.
    @Test(arguments: packs + plans + waiverFiles)
    func everyPackAndExampleNamesItsSchema(_ path: String) throws {
        let document: SchemaDocument = path.hasPrefix("Rules/") ? .rules : path.hasSuffix("waivers.yaml") ? .waivers : .plan
        let header = try #require(try Self.text(path).split(separator: "\n").first { $0.hasPrefix("# yaml-language-server: $schema=") },
                                  "\(path) has no '# yaml-language-server: $schema=…' line")
        let target = String(header.dropFirst("# yaml-language-server: $schema=".count))
        #expect(target.hasSuffix("schemas/\(document.fileName)"))
        let resolved = Self.root.appendingPathComponent(path).deletingLastPathComponent().appendingPathComponent(target).standardized
        #expect(resolved.path == Self.schema(document).standardized.path, "\(path): \(target)")
    }

    static let rule = """
        rules:
          - id: r
            principle: continuity
            severity: error
            title: {fr: T, en: T}
            kind: assert
            for_each: contributors
            assert: contributor.id != ""
            message: "{{contributor.id}}"

        """

    /// A mistake both the loader and the schema reject: what to replace, by what, the loader's
    /// message, and what the validator says.
    static let ruleMistakes: [(String, String, String, String)] = [
        ("    severity: error\n", "    severty: error\n", "unknown key 'severty' in rule 'r'; did you mean 'severity'?", "'severty' was unexpected"),
        ("    kind: assert\n", "    kind: assrt\n", "unknown rule kind 'assrt' in rule 'r'; did you mean 'assert'?", "'assrt' is not one of"),
        ("    for_each: contributors\n", "    for_each: contributors\n    max_share: 0.5\n", "unknown key 'max_share' in rule 'r'", "'max_share' is not one of"),
        ("    title: {fr: T, en: T}\n", "", "missing key 'title' in rule 'r'", "'title' is a required property"),
        ("    for_each: contributors\n", "", "missing key 'for_each' in rule 'r'", "'for_each' is a required property"),
        ("    severity: error\n", "    severity: fatal\n", "severity 'fatal' of rule 'r' must be error, warning or info", "'fatal' is not one of"),
        ("    title: {fr: T, en: T}\n", "    title: {french: T}\n", "'title' languages are two-letter codes like 'fr' or 'en'", "is not valid under any of the given schemas"),
    ]

    @Test(.enabled(if: enabled, "needs jsonschema from PyPI in .build/schema-venv"))
    func ruleMistakesAreRejectedByTheSchemaAsByTheLoader() throws {
        #expect(ruleErrors(Self.rule) == [])
        #expect(try Self.errors(Self.rule, .rules) == [])
        for (old, new, message, complaint) in Self.ruleMistakes {
            let text = Self.rule.replacingOccurrences(of: old, with: new)
            #expect(text != Self.rule)
            #expect(ruleErrors(text).contains { $0.contains(message) }, "\(message): \(ruleErrors(text))")
            let errors = try Self.errors(text, .rules)
            #expect(errors.contains { $0.contains(complaint) }, "the schema should say \(complaint) for: \(message); it says \(errors)")
        }
    }

    static let waivers = """
        waivers:
          - rule: spv.vsav-crew
            subject: "unit:cis-*"
            justification: "crew in training"
            approved_by: "board"
            expires: 2026-06-30

        """

    @Test(.enabled(if: enabled, "needs jsonschema from PyPI in .build/schema-venv"))
    func waiverMistakesAreRejectedByTheSchemaAsByTheLoader() throws {
        #expect(try Self.errors(Self.waivers, .waivers) == [])
        for (old, new) in [("approved_by", "aproved_by"), ("    expires: 2026-06-30\n", ""), ("2026-06-30", "30/06/2026"),
                           ("\"crew in training\"", "\"  \"")] {
            let text = Self.waivers.replacingOccurrences(of: old, with: new)
            #expect(throws: DiagnosticList.self) { try Waivers.load(bytes: Array(text.utf8), file: "w.yaml") }
            #expect(try Self.errors(text, .waivers) != [], "\(old) → \(new)")
        }
    }

    @Test(.enabled(if: enabled, "needs jsonschema from PyPI in .build/schema-venv"))
    func planMistakesAreRejectedByTheSchemaAsByTheDecoder() throws {
        let plan = """
            id: p
            name: P
            kind: fire_rescue
            effective_from: 2026-01-01
            period: {start: 2026-01-05, end: 2026-01-12}
            units:
              - {id: u, kind: station, capacity: 3}
            extra: {my_own_key: kept as extra data}

            """
        #expect(try Self.errors(plan, .plan) == [], "a plan's own data goes under extra:")
        for (old, new) in [("fire_rescue", "fire_resuce"), ("kind: station", "kind: statoin"), ("capacity: 3", "capacity: three"),
                           ("name: P\n", ""), ("2026-01-05", "5 janvier"), ("capacity: 3", "capacty: 3"),
                           ("extra: {my_own_key", "my_own_key: {a"), ("extra: {", "extras: {")] {
            let text = plan.replacingOccurrences(of: old, with: new)
            #expect(throws: DiagnosticList.self) {
                try PlanLoader.load(planBytes: Array(text.utf8), planFile: "plan.yaml", read: { ($0, nil) })
            }
            #expect(try Self.errors(text, .plan) != [], "\(old) → \(new)")
        }
    }
}
