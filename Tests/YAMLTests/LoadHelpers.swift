import Testing
@testable import RuleEngine

/// Loads `text` as the file `t.yaml`.
func load(_ text: String, limits: YAMLLoader.Limits = YAMLLoader.Limits()) throws -> YAMLStream {
    try YAMLLoader.load(bytes: Array(text.utf8), file: "t.yaml", limits: limits)
}

/// The single document of `text`, rendered as compact-free jq-style JSON.
func json(_ text: String, locations: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let stream = try load(text)
    let document = try #require(stream.documents.first, sourceLocation: sourceLocation)
    #expect(stream.documents.count == 1, sourceLocation: sourceLocation)
    return try YAMLJSON.render(document, locations: locations)
}

/// The rendered diagnostic (headline and notes) that loading `bytes` throws.
func diagnostic(
    bytes: [UInt8], limits: YAMLLoader.Limits = YAMLLoader.Limits(),
    sourceLocation: SourceLocation = #_sourceLocation
) -> String? {
    do {
        let stream = try YAMLLoader.load(bytes: bytes, file: "t.yaml", limits: limits)
        Issue.record("expected an error, loaded \(stream.documents.count) document(s)", sourceLocation: sourceLocation)
        return nil
    } catch {
        let diagnostics = error.diagnostics
        #expect(diagnostics.count == 1, "not a Diagnostic: \(error)", sourceLocation: sourceLocation)
        return diagnostics.first?.description
    }
}

func diagnostic(
    _ text: String, limits: YAMLLoader.Limits = YAMLLoader.Limits(),
    sourceLocation: SourceLocation = #_sourceLocation
) -> String? {
    diagnostic(bytes: Array(text.utf8), limits: limits, sourceLocation: sourceLocation)
}
