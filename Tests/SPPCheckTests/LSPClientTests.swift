import Foundation
import Testing

/// `spp-check lsp` driven by a real LSP client: pytest-lsp (on pygls), from PyPI, installed in
/// `.build/lsp-venv` when missing. The client's tests are in Tests/Support/lsp/. Outside CI a
/// machine that cannot install it skips them; under CI=true that is a failure.
@Suite(.serialized) struct LSPClientTests {
    static let venv = Binary.root.appendingPathComponent(".build/lsp-venv")

    /// The venv's python with pytest-lsp importable, installing it when missing; nil when that is impossible.
    static func client() -> URL? {
        let python = venv.appendingPathComponent("bin/python")
        if run(python.path, ["-c", "import pytest_lsp"]) == 0 { return python }
        guard run("/usr/bin/env", ["python3", "-m", "venv", venv.path]) == 0 else { return nil }
        guard run(python.path, ["-m", "pip", "install", "-q", "pytest-lsp==1.0.1"]) == 0 else { return nil }
        return run(python.path, ["-c", "import pytest_lsp"]) == 0 ? python : nil
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], log: URL? = nil,
                    in directory: URL = Binary.root) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let sink = log.flatMap { url -> FileHandle? in
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
            return try? FileHandle(forWritingTo: url)
        } ?? FileHandle.nullDevice
        p.standardOutput = sink
        p.standardError = sink
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { return -1 }
        // A hung server must fail the test, not the whole run: give up after five minutes.
        let deadline = Date().addingTimeInterval(300)
        while p.isRunning && Date() < deadline { usleep(50_000) }
        if p.isRunning { p.terminate(); p.waitUntilExit(); return -2 }
        return p.terminationStatus
    }

    @Test func theRealClientExercisesEveryFeature() throws {
        guard let python = Self.client() else {
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "pytest-lsp could not be installed under CI")
            return
        }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("spp-lsp-pytest-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let status = Self.run(python.path, ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "asyncio_mode=auto",
                                            "-o", "asyncio_default_fixture_loop_scope=function", "Tests/Support/lsp"],
                              environment: ["SPP_CHECK": Binary.executable.path, "PYTHONDONTWRITEBYTECODE": "1"], log: log)
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(status == 0, "pytest-lsp failed:\n\(output.suffix(6000))")
        // Every test of the client ran and passed (none skipped).
        #expect(output.contains("11 passed"), "\(output.suffix(2000))")
    }

    /// The Neovim set-up docs/editors.md gives, run in a headless Neovim when one is installed
    /// (Debian's `neovim`; not installed by the tests: pytest-lsp above is the client they need).
    @Test func theDocumentedNeovimSetUpShowsDiagnosticsAsYouType() throws {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map(String.init)
        guard let nvim = path.map({ $0 + "/nvim" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return }
        let docs = try String(contentsOf: Binary.root.appendingPathComponent("docs/editors.md"), encoding: .utf8)
        let section = try #require(docs.range(of: "### Neovim"))
        let open = try #require(docs.range(of: "```lua\n", range: section.upperBound..<docs.endIndex))
        let close = try #require(docs.range(of: "```", range: open.upperBound..<docs.endIndex))
        let config = String(docs[open.upperBound..<close.lowerBound])
        let rules = """
        rules:
          - id: cl.driver-adult
            principle: risk-coverage
            severty: error
            title: "Drivers are adults"
            kind: assert
            for_each: contributors
            assert: contributor.role == "driver"
            message: "{{contributor.id}} is not a driver"

        """
        let probe = try String(contentsOf: Binary.root.appendingPathComponent("Tests/Support/lsp/nvim-probe.lua"), encoding: .utf8)
        let dir = try Binary.folder(["init.lua": config, "rules.yaml": rules, "probe.lua": probe])
        defer { try? FileManager.default.removeItem(at: dir) }
        let bin = Binary.executable.deletingLastPathComponent().path
        let status = Self.run(nvim, ["--headless", "-u", "init.lua", "-c", "luafile probe.lua"],
                              environment: ["PATH": bin + ":" + path.joined(separator: ":")], in: dir)
        #expect(status == 0)
        let shown = try String(contentsOf: dir.appendingPathComponent("nvim-diagnostics.txt"), encoding: .utf8)
        #expect(shown == """
        rules.yaml:4:5: unknown key 'severty' in rule 'cl.driver-adult'; did you mean 'severity'?
        after the fix: 0 diagnostics

        """)
    }
}

/// The `lsp` command itself on bytes no client would send: it answers what it can and ends.
@Suite struct LSPCommandTests {
    @Test func garbageAndBadLengthsGetParseErrorsThenTheSessionEndsCleanly() throws {
        func frame(_ body: String) -> String { "Content-Length: \(body.utf8.count)\r\n\r\n\(body)" }
        let input = "garbage without a header end\r\n\r\n"
            + "Content-Length: 5\r\n\r\n{bad}"
            + frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#)
            + frame(#"{"jsonrpc":"2.0","id":2,"method":"spp/nothing"}"#)
            + frame(#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#)
            + frame(#"{"jsonrpc":"2.0","method":"exit"}"#)
        let dir = try Binary.folder(["in": input])
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = Process()
        p.executableURL = Binary.executable
        p.arguments = ["lsp"]
        p.standardInput = try FileHandle(forReadingFrom: dir.appendingPathComponent("in"))
        let outURL = dir.appendingPathComponent("out")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: outURL)
        try p.run()
        let deadline = Date().addingTimeInterval(60)
        while p.isRunning && Date() < deadline { usleep(20_000) }
        #expect(!p.isRunning, "spp-check lsp did not end")
        if p.isRunning { p.terminate() }
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let out = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
        #expect(out.components(separatedBy: #""code":-32700"#).count - 1 == 2)
        #expect(out.contains(#""capabilities":{"#))
        #expect(out.contains(#""code":-32601"#))
        #expect(out.contains(#""id":3,"jsonrpc":"2.0","result":null"#))
    }

    @Test func endOfInputWithoutExitEndsWithStatusOne() throws {
        let p = Process()
        p.executableURL = Binary.executable
        p.arguments = ["lsp"]
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 1)
    }
}
