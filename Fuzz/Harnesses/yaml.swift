// libFuzzer harness: the YAML loader on arbitrary bytes, then the JSON rendering of what it
// built (`spp-check inspect --json`). Any input must give a stream or a thrown diagnostic; a
// crash, trap, sanitizer report or timeout is a bug.
@testable import RuleEngine

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let stream = try? YAMLLoader.load(bytes: bytes, file: "fuzz.yaml") else { return 0 }
    for document in stream.documents {
        _ = try? YAMLJSON.render(document, locations: true)
    }
    return 0
}
