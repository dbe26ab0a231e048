import Foundation
import Testing

/// Nothing in a rule or a plan makes spp-check run a program or reach the network: the library
/// has no API that could (docs/robustness.md). These tests read its sources and fail when one
/// appears, so that adding one is a reviewed decision, with this list and the docs updated.
@Suite struct IsolationTests {
    static let sources: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/RuleEngine")

    /// Every Swift file of Sources/RuleEngine with its text.
    static func files() throws -> [(path: String, text: String)] {
        let enumerator = try #require(FileManager.default.enumerator(atPath: sources.path))
        return try enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted().map {
            ($0, try String(contentsOf: sources.appendingPathComponent($0), encoding: .utf8))
        }
    }

    /// Calls that start a program, open a connection or load code.
    static let forbidden = [
        "Process(", "NSTask", "posix_spawn", "execv", "execl", "popen(", "system(", "fork(", "dlopen(",
        "URLSession", "URLRequest", "FoundationNetworking", "socket(", "connect(", "getaddrinfo",
        "NSURLConnection", "CFStream", "contentsOf: URL(string",
    ]

    @Test func theLibraryHasSources() throws {
        #expect(try Self.files().count > 20)
    }

    @Test func noSourceRunsAProgramOrReachesTheNetwork() throws {
        var hits: [String] = []
        for (path, text) in try Self.files() {
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("//") { continue }
                for word in Self.forbidden where line.contains(word) {
                    hits.append("Sources/RuleEngine/\(path):\(n + 1): \(word)")
                }
            }
        }
        #expect(hits.isEmpty, "found: \(hits.joined(separator: "; "))")
    }
}
