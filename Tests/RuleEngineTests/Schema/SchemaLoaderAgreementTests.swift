import Foundation
import Testing
@testable import RuleEngine

/// The schemas and the loaders name the same keys: a key added to one and not the other fails
/// here rather than making editors flag valid files (or miss invalid ones).
@Suite struct SchemaLoaderAgreementTests {
    static func node(_ yaml: String) throws -> YAMLNode {
        try #require(try YAMLLoader.load(bytes: Array(yaml.utf8), file: "t.yaml").documents.first)
    }

    static let kindNames = RuleKinds.all.map { $0.identifier }

    @Test(arguments: kindNames)
    func eachKindsKeysAreExactlyTheOnesTheSchemaDescribes(_ name: String) throws {
        let kind = try #require(RuleKinds.named(name))
        let described = (RuleFileSchema.kindProperties[name] ?? []).map(\.name)
        #expect(Set(described) == Set(kind.keys),
                "kind '\(name)': the kind reads \(kind.keys.sorted()), Schema/RuleFileSchema.swift describes \(described.sorted())")
        #expect(described.count == Set(described).count, "kind '\(name)' describes a key twice")
    }

    @Test func theSchemaDescribesNoKindThatIsNotRegistered() {
        #expect(Set(RuleFileSchema.kindProperties.keys) == Set(Self.kindNames))
    }

    /// What the loader accepts in a rule of each kind: the keys its reader marked as known.
    @Test(arguments: kindNames)
    func theRuleLoaderAcceptsTheCommonKeysAndTheKindsKeysAndNoOther(_ name: String) throws {
        var reader = MappingReader(try Self.node("{id: r, kind: \(name)}"), what: "a rule")
        _ = RuleLoader.readRule(&reader, pack: PackInfo(id: "p", title: .empty, file: "t.yaml", serviceKinds: [], principles: []))
        let kind = try #require(RuleKinds.named(name))
        #expect(reader.knownKeys == Set(RuleFileSchema.common.keys + kind.keys))
        #expect(RuleFileSchema.properties(of: kind).map(\.name) == kind.keys)
    }

    @Test func ruleKeysTheSchemaRequiresAreTheOnesTheLoaderReportsMissing() throws {
        let errors = ruleErrors("rules:\n  - {kind: assert}\n")
        for key in RuleFileSchema.common.requiredKeys where key != "kind" {
            #expect(errors.contains { $0.contains("missing key '\(key)'") }, "\(key): \(errors)")
        }
        for key in RuleFileSchema.common.keys where !RuleFileSchema.common.requiredKeys.contains(key) {
            #expect(!errors.contains { $0.contains("missing key '\(key)'") }, "\(key) is optional in the schema")
        }
    }

    @Test func everyPackKeyOfTheSchemaIsReadByTheLoaderAndAMisspeltOneIsNot() {
        #expect(RuleLoader.packKeys == RuleFileSchema.pack.keys)
        let pack = """
            pack: {id: p, title: T, description: D, service_kinds: [fire_rescue], principles: [mine]}
            rules: []
            """
        #expect(Set(RuleFileSchema.pack.keys) == ["id", "title", "description", "service_kinds", "principles"])
        #expect(ruleErrors(pack) == [])
        #expect(ruleErrors("pack: {tittle: T}\nrules: []\n").map { $0.hasSuffix("unknown key 'tittle' in the pack; did you mean 'title'?") } == [true])
    }

    static let waiver = ["rule": "r", "subject": "unit:a", "justification": "why", "approved_by": "board", "expires": "2026-06-30"]

    static func waiverErrors(_ fields: [String: String]) -> [String] {
        let body = fields.sorted { $0.key < $1.key }.map { "\($0.key): \"\($0.value)\"" }.joined(separator: ", ")
        do {
            _ = try Waivers.load(bytes: Array("waivers:\n  - {\(body)}\n".utf8), file: "w.yaml")
            return []
        } catch {
            return error.diagnostics.map(\.message)
        }
    }

    @Test func aWaiverWithTheSchemasKeysLoadsAndEachRequiredKeyIsRequiredByTheLoader() {
        #expect(Set(WaiverSchema.waiver.keys) == Set(Self.waiver.keys), "the sample below must hold every key of the schema")
        #expect(Self.waiverErrors(Self.waiver) == [])
        for key in WaiverSchema.waiver.keys {
            var fields = Self.waiver
            fields[key] = nil
            let errors = Self.waiverErrors(fields)
            let required = WaiverSchema.waiver.requiredKeys.contains(key)
            #expect(errors.contains("missing key '\(key)' in a waiver") == required, "\(key): \(errors)")
        }
        var misspelt = Self.waiver
        misspelt["aproved_by"] = "x"
        #expect(Self.waiverErrors(misspelt) == ["unknown key 'aproved_by' in a waiver; did you mean 'approved_by'?"])
        #expect(WaiverSchema.file.keys == ["waivers"])
    }

    @Test func thePlanDecoderKeepsAsExtrasExactlyTheKeysTheSchemaDoesNotName() {
        #expect(PlanDecoder.planKeys == PlanSchema.plan.keys)
        #expect(PlanDecoder.unitKeys == PlanSchema.unit.keys)
    }

    static let minimalPlan = [
        "id": "id: p", "name": "name: P", "kind": "kind: fire_rescue", "effective_from": "effective_from: 2026-01-01",
        "period": "period: {start: 2026-01-05, end: 2026-01-12}", "units": "units: [{id: u, kind: station}]",
    ]

    @Test func aPlanWithTheSchemasRequiredKeysLoadsAndEachIsRequiredByTheDecoder() throws {
        #expect(Set(PlanSchema.plan.requiredKeys) == Set(Self.minimalPlan.keys))
        func errors(_ lines: [String]) -> [String] {
            do {
                _ = try PlanLoader.load(planBytes: Array(lines.joined(separator: "\n").utf8), planFile: "plan.yaml", read: { ($0, nil) })
                return []
            } catch {
                return error.diagnostics.filter { $0.severity == .error }.map(\.message)
            }
        }
        #expect(errors(Array(Self.minimalPlan.values)) == [])
        for key in PlanSchema.plan.requiredKeys {
            let found = errors(Self.minimalPlan.filter { $0.key != key }.map(\.value))
            #expect(found.contains { $0.hasPrefix("missing required key '\(key)' in the plan") }, "\(key): \(found)")
        }
        let unit = try #require(PlanSchema.plan["units"])
        guard case .list(.object(let object)) = unit.node else { Issue.record("units is a list of units"); return }
        #expect(object.requiredKeys == ["id", "kind"])
        #expect(errors(Self.minimalPlan.filter { $0.key != "units" }.map(\.value) + ["units: [{id: u}]"])
                    .contains { $0.hasPrefix("missing required key 'kind'") })
    }
}
