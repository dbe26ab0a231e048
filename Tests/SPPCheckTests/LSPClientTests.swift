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
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], log: URL? = nil) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.currentDirectoryURL = Binary.root
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
                              environment: ["SPP_CHECK": Binary.executable.path], log: log)
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(status == 0, "pytest-lsp failed:\n\(output.suffix(6000))")
        // Every test of the client ran and passed (none skipped).
        #expect(output.contains("11 passed"), "\(output.suffix(2000))")
    }
}
