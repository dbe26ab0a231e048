import Foundation
import Testing

/// Validates JSON against a JSON Schema with the `jsonschema` package from PyPI, installed on
/// first use into a virtual environment under `.build/` (so a fresh machine needs only
/// python3 with venv, and the network to PyPI once).
enum SchemaValidator {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let script = root.appendingPathComponent("Tests/Support/validate-json-schema.py")
    static let venv = root.appendingPathComponent(".build/schema-venv")
    static let sarifSchema = root.deletingLastPathComponent().appendingPathComponent("shared/sarif-schema-2.1.0.json")
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// The venv's python once `jsonschema` imports in it, or why it can't.
    static let python: Result<String, SetupFailure> = setUp()

    struct SetupFailure: Error, CustomStringConvertible {
        var description: String
    }

    static var isReady: Bool { (try? python.get()) != nil }
    static var hasSchema: Bool { FileManager.default.fileExists(atPath: sarifSchema.path) }

    /// Runs a test when the schema and the validator are there, or always under CI=true (where
    /// it then fails, saying why); elsewhere skips it, saying why.
    static var trait: ConditionTrait {
        .enabled(if: isReady && hasSchema || inCI,
                 Comment(rawValue: "needs ../shared/sarif-schema-2.1.0.json and jsonschema from PyPI in .build/schema-venv: " + unavailableReason))
    }

    /// Why the schema test can't run, for its skip message.
    static var unavailableReason: String {
        if !hasSchema { return "no SARIF schema at \(sarifSchema.path) (../shared is missing)" }
        if case .failure(let f) = python { return f.description }
        return ""
    }

    private static func setUp() -> Result<String, SetupFailure> {
        let python = venv.appendingPathComponent("bin/python").path
        func importsJSONSchema() -> Bool {
            FileManager.default.isExecutableFile(atPath: python)
                && ((try? Shell.run(python, ["-c", "import jsonschema"]).status) == 0)
        }
        if importsJSONSchema() { return .success(python) }
        guard let python3 = which("python3") else {
            return .failure(SetupFailure(description: "python3 is not installed: apt-get install python3 python3-venv"))
        }
        do {
            try FileManager.default.createDirectory(at: venv.deletingLastPathComponent(), withIntermediateDirectories: true)
            let made = try Shell.run(python3, ["-m", "venv", "--clear", venv.path])
            guard made.status == 0 else {
                return .failure(SetupFailure(description: "python3 -m venv failed (install python3-venv: apt-get install python3-venv): \(made.stderr.suffix(300))"))
            }
            let pip = try Shell.run(python, ["-m", "pip", "install", "--quiet", "jsonschema"])
            guard pip.status == 0 else {
                return .failure(SetupFailure(description: "could not install jsonschema from PyPI into \(venv.path) — is there no network to PyPI? pip said: \(pip.stderr.suffix(400))"))
            }
        } catch {
            return .failure(SetupFailure(description: "cannot run python3: \(error)"))
        }
        return importsJSONSchema() ? .success(python)
            : .failure(SetupFailure(description: "jsonschema installed but does not import in \(venv.path)"))
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// The schema's complaints about `json` (empty when valid).
    static func errors(of json: String, schema: URL) throws -> [String] {
        let python = try python.get()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("spp-schema-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try Shell.run(python, [script.path, schema.path, file.path])
        if run.status == 0 { return [] }
        return (run.stdout + run.stderr).split(separator: "\n").map(String.init) + ["exit \(run.status)"]
    }
}
