import Foundation
import Testing

/// Runs every example of the documentation, so that the docs cannot drift from the code.
///
/// An example starts with `<!-- example: NAME exit=N -->`; every fenced block after it whose
/// info string has `file=PATH` is written into a fresh folder, and the `console` block that ends
/// it holds the command (`$ spp-check …`, run in that folder) and the exact expected output.
@Suite struct DocExampleTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var doc: String
        var name: String
        var line: Int
        var exit: Int32
        var files: [String: String]
        var command: [String]
        var expected: String
        var testDescription: String { "\(doc):\(line) \(name)" }
    }

    static let docs: [String] = {
        let root = Binary.root
        var out = ["README.md"]
        if let e = FileManager.default.enumerator(atPath: root.appendingPathComponent("docs").path) {
            for case let path as String in e where path.hasSuffix(".md") { out.append("docs/" + path) }
        }
        return out.sorted()
    }()

    static let examples: [Example] = docs.flatMap { doc in
        (try? String(contentsOf: Binary.root.appendingPathComponent(doc), encoding: .utf8)).map { parse($0, doc: doc) } ?? []
    }

    static func parse(_ text: String, doc: String) -> [Example] {
        let lines = text.components(separatedBy: "\n")
        var out: [Example] = []
        var current: Example?
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if line.hasPrefix("<!-- example:") {
                let words = line.dropFirst("<!-- example:".count).replacingOccurrences(of: "-->", with: "")
                    .split(separator: " ").map(String.init)
                let exit = words.first { $0.hasPrefix("exit=") }.flatMap { Int32($0.dropFirst(5)) } ?? 0
                current = Example(doc: doc, name: words.first ?? "?", line: i + 1, exit: exit, files: [:],
                                  command: [], expected: "")
            } else if line.hasPrefix("```"), current != nil {
                let info = line.dropFirst(3).split(separator: " ").map(String.init)
                var body: [String] = []
                i += 1
                while i < lines.count && !lines[i].hasPrefix("```") {
                    body.append(lines[i])
                    i += 1
                }
                if let file = info.first(where: { $0.hasPrefix("file=") }) {
                    current?.files[String(file.dropFirst(5))] = body.joined(separator: "\n") + "\n"
                } else if info.first == "console", let first = body.first, first.hasPrefix("$ spp-check ") {
                    current?.command = first.dropFirst("$ spp-check ".count).split(separator: " ").map(String.init)
                    current?.expected = body.dropFirst().joined(separator: "\n") + "\n"
                    out.append(current!)
                    current = nil
                }
            }
            i += 1
        }
        return out
    }

    @Test func theDocsHoldExamples() {
        #expect(Self.examples.count >= 1)
    }

    @Test(arguments: examples)
    func exampleRunsAsDocumented(_ example: Example) throws {
        let dir = try Binary.folder(example.files)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Binary.run(example.command, in: dir)
        #expect(run.status == example.exit, "\(example.doc):\(example.line): exit \(run.status); stderr: \(run.stderr)")
        // An example that stops with an error (exit 2) shows the message on standard error.
        let output = example.exit == 2 ? run.stderr : run.stdout
        #expect(output == example.expected, "\(example.doc):\(example.line): output differs")
    }
}
