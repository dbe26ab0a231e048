import Foundation
import Testing
@testable import RuleEngine

/// The committed schemas/ files are what `spp-check schema all schemas` writes today.
@Suite struct SchemaDocumentTests {
    @Test(arguments: SchemaDocument.allCases)
    func theCommittedSchemaIsUpToDate(_ document: SchemaDocument) throws {
        let url = SchemaValidator.root.appendingPathComponent("schemas").appendingPathComponent(document.fileName)
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(committed == document.json, "schemas/\(document.fileName) is stale: run `swift run spp-check schema all schemas`")
    }

    @Test(arguments: SchemaDocument.allCases)
    func eachSchemaIsDraft07JSON(_ document: SchemaDocument) throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(document.json.utf8)) as? [String: Any])
        #expect(object["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
        #expect(object["type"] as? String == "object")
    }

    @Test func theRuleSchemaHasOneBranchPerKindAndEveryKeyOfEveryKind() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(SchemaDocument.rules.json.utf8)) as? [String: Any])
        let rules = try #require((object["properties"] as? [String: Any])?["rules"] as? [String: Any])
        let rule = try #require(rules["items"] as? [String: Any])
        #expect((rule["allOf"] as? [Any])?.count == RuleKinds.all.count)
        let properties = try #require(rule["properties"] as? [String: Any])
        for kind in RuleKinds.all {
            for key in kind.keys { #expect(properties[key] != nil, "\(kind.identifier).\(key)") }
        }
        #expect(rule["additionalProperties"] as? Bool == false)
    }

    /// A kind declares its keys once, with their types: the loader's keys and the schema's
    /// properties are that declaration.
    @Test func aKindsKeysAreItsSchemaDeclaration() {
        struct Probe: RuleKind {
            static let identifier = "probe"
            static let summary = ""
            static let properties = [SchemaProperty("size", .integer(), "How big.")]
            static func parse(_ reader: inout MappingReader, context: RuleContext) -> Probe? { nil }
            func evaluate(_ context: EvaluationContext, part: RulePart, into sink: inout ResultSink) {}
        }
        #expect(Probe.keys == ["size"])
        #expect(RuleFileSchema.properties(of: Probe.self).map(\.name) == ["size"])
        #expect(RuleFileSchema.properties(of: Probe.self).first?.node == .integer())
    }
}
