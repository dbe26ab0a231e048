import Testing
@testable import RuleEngine

/// Inputs the fuzzers (Fuzz/, docs/robustness.md) found to crash, kept so that they never crash
/// again. Each test names the harness that found it and asserts the located error now given.
@Suite struct FuzzRegressionTests {
    /// The first diagnostic that loading `text` as YAML throws, rendered; nil if it loads.
    private func yamlError(_ text: String) -> String? {
        do {
            _ = try YAMLLoader.load(bytes: Array(text.utf8), file: "t.yaml")
            return nil
        } catch {
            return error.diagnostics.first?.description
        }
    }

    // Found by the yaml harness: an empty scalar with a numeric tag indexed its first byte.
    @Test func emptyScalarWithIntTagIsAMismatchNotACrash() {
        #expect(yamlError("!!int ") == "t.yaml:1:1: error: value '' does not match its tag !!int; fix the value or remove the tag")
    }

    @Test func emptyScalarWithFloatTagIsAMismatchNotACrash() {
        #expect(yamlError("a: !!float\n")?.hasPrefix("t.yaml:1:4: error: value '' does not match its tag !!float") == true)
    }
}
