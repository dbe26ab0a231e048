import Foundation
import Testing
@testable import RuleEngine

/// Where the shared YAML test suite lives: `../shared/yaml-test-suite` from the repository root.
enum SharedSuite {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let directory = root.deletingLastPathComponent().appendingPathComponent("shared/yaml-test-suite")
    static var available: Bool { FileManager.default.fileExists(atPath: directory.appendingPathComponent("index.tsv").path) }
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}

@Suite struct ConformanceTests {
    /// The recorded floors: the test fails if a change makes the loader match fewer cases.
    static let jsonFloor = 234
    static let errorFloor = 78
    /// Valid cases without `in.json` (mostly complex keys) that the loader accepts.
    static let loadedFloor = 18

    struct Case {
        var id: String
        var isError: Bool
        var hasJSON: Bool
        var tags: [String]
    }

    enum Outcome: Equatable {
        case matched, mismatched(String), rejected(String), renderRejected(String), loaded
    }

    static func cases() throws -> [Case] {
        let index = try String(contentsOf: SharedSuite.directory.appendingPathComponent("index.tsv"), encoding: .utf8)
        return index.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Case(id: f[0], isError: f[1] == "1", hasJSON: f[2] == "1" && f[1] != "1",
                        tags: f.count > 4 ? f[4].split(separator: " ").map(String.init) : [])
        }
    }

    static func libyamlLimits() throws -> [String: String] {
        let text = try String(contentsOf: SharedSuite.directory.appendingPathComponent("libyaml-0.2.5-limits.tsv"), encoding: .utf8)
        var limits: [String: String] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t").map(String.init)
            if f.count == 2 { limits[f[0]] = f[1] }
        }
        return limits
    }

    /// Loads and renders one case as `inspect` would; nil output means a located diagnostic.
    static func run(_ c: Case) throws -> Outcome {
        let folder = SharedSuite.directory.appendingPathComponent(c.id)
        let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent("in.yaml")))
        let name = "\(c.id)/in.yaml"
        let stream: YAMLStream
        do {
            stream = try YAMLLoader.load(bytes: bytes, file: name)
        } catch let d as Diagnostic {
            #expect(d.location.file == name && d.location.line >= 1 && d.location.column >= 1, "\(d)")
            return .rejected(d.headline)
        }
        var rendered: [JSON] = []
        do {
            for document in stream.documents {
                rendered.append(try JSON.parseStream(try YAMLJSON.render(document))[0])
                // The located form must be valid JSON too.
                _ = try JSON.parseStream(try YAMLJSON.render(document, locations: true))
            }
        } catch let d as Diagnostic {
            return .renderRejected(d.headline)
        }
        guard c.hasJSON else { return .loaded }
        let text = try String(contentsOf: folder.appendingPathComponent("in.json"), encoding: .utf8)
        let expected = try JSON.parseStream(text)
        return rendered == expected
            ? .matched
            : .mismatched("expected \(expected), got \(rendered)")
    }

    @Test(.enabled(if: SharedSuite.available || SharedSuite.isCI,
                   "../shared/yaml-test-suite is missing; set CI=true to make this a failure"))
    func yamlTestSuiteMeetsTheRecordedFloors() throws {
        try #require(SharedSuite.available, "../shared/yaml-test-suite is missing")
        let cases = try Self.cases()
        let limits = try Self.libyamlLimits()
        var jsonMatched = 0, jsonTotal = 0, errorRejected = 0, errorTotal = 0, otherLoaded = 0, otherTotal = 0
        var byTag: [String: (pass: Int, total: Int)] = [:]
        var differences: [String] = []
        for c in cases {
            let outcome = try Self.run(c)
            let pass: Bool
            if c.isError {
                errorTotal += 1
                switch outcome {
                case .rejected, .renderRejected: pass = true
                default: pass = false
                }
                if pass { errorRejected += 1 }
            } else if c.hasJSON {
                jsonTotal += 1
                pass = outcome == .matched
                if pass { jsonMatched += 1 }
            } else {
                otherTotal += 1
                // JSON cannot hold a collection key, so loading is what these cases check.
                switch outcome {
                case .loaded, .renderRejected: pass = true
                default: pass = false
                }
                if pass { otherLoaded += 1 }
            }
            for tag in c.tags { byTag[tag, default: (0, 0)].pass += pass ? 1 : 0; byTag[tag, default: (0, 0)].total += 1 }
            if !pass {
                let kind = c.isError ? "error case accepted" : c.hasJSON ? "json case" : "valid case without json"
                let cause = limits[c.id].map { "libyaml 0.2.5 \($0)" } ?? {
                    if case .renderRejected = outcome { return "complex key" }
                    return "ours"
                }()
                let detail: String
                switch outcome {
                case .rejected(let m), .renderRejected(let m), .mismatched(let m): detail = m
                default: detail = "accepted"
                }
                differences.append("\(c.id)\t\(kind)\t\(cause)\t\(detail)")
            }
        }
        print("yaml-test-suite: json cases matched \(jsonMatched)/\(jsonTotal) (floor \(Self.jsonFloor)); "
              + "error cases rejected \(errorRejected)/\(errorTotal) (floor \(Self.errorFloor)); "
              + "valid cases without json loaded \(otherLoaded)/\(otherTotal) (floor \(Self.loadedFloor))")
        for tag in byTag.keys.sorted() {
            print("  category \(tag): \(byTag[tag]!.pass)/\(byTag[tag]!.total)")
        }
        for line in differences { print("  differs: \(line)") }
        #expect(jsonMatched >= Self.jsonFloor)
        #expect(errorRejected >= Self.errorFloor)
        #expect(otherLoaded >= Self.loadedFloor)
    }
}
