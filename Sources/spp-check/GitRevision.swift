import Foundation
import RuleEngine

/// A git revision of the repository a plan lives in, copied into a temporary folder with
/// `git archive` so that it can be checked without touching the working tree.
///
/// It lives in the command line, not the library: the library never runs a program
/// (IsolationTests). Only `spp-check diff --git` runs `git` and `tar`, with arguments from the
/// command line alone, never from a rule or a plan, and without a shell.
final class GitRevision: Sendable {
    /// The revision as given (`HEAD~1`, `main`, a hash).
    let name: String
    /// The repository's top folder, absolute.
    let top: String
    /// The temporary folder holding the revision's files; removed by `remove()`.
    let root: String

    /// Copies `revision` of the repository holding `path`.
    /// - Throws: `Diagnostic` located at `path` when it is not in a git repository or the
    ///   revision does not exist.
    init(_ revision: String, repositoryOf path: String) throws {
        name = revision
        let folder = (Self.absolute(path) as NSString).deletingLastPathComponent
        let at = Location.start(of: path)
        guard let top = try? Self.git(["-C", folder, "rev-parse", "--show-toplevel"]).trimmingCharacters(in: .whitespacesAndNewlines),
              !top.isEmpty else {
            throw Diagnostic.error(at: at, "not in a git repository: --git needs the plan in one")
        }
        self.top = Self.canonical(top)
        guard !revision.hasPrefix("-"),
              (try? Self.git(["-C", top, "rev-parse", "--verify", "--quiet", revision + "^{commit}"])) != nil else {
            throw Diagnostic.error(at: at, "unknown git revision '\(revision)' in the repository at \(top)")
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("spp-check-diff-\(UUID().uuidString)").path
        self.root = root
        do {
            try FileManager.default.createDirectory(atPath: root + "/tree", withIntermediateDirectories: true)
            _ = try Self.git(["-C", top, "archive", "--format=tar", "-o", root + "/tree.tar", revision])
            _ = try Self.run("/usr/bin/env", ["tar", "-xf", root + "/tree.tar", "-C", root + "/tree"])
            try? FileManager.default.removeItem(atPath: root + "/tree.tar")
        } catch {
            try? FileManager.default.removeItem(atPath: root)
            throw Diagnostic.error(at: at, "cannot copy git revision '\(revision)': \(error)")
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// Where `path` (of the working tree) lies in the revision's copy; nil for a path outside
    /// the repository, which both sides then read as it is.
    func path(of path: String) -> String? {
        let full = Self.canonical(Self.absolute(path))
        guard full == top || full.hasPrefix(top + "/") else { return nil }
        return root + "/tree" + full.dropFirst(top.count)
    }

    /// A path of the copy as `REV:path-in-repository`, for reports.
    func display(_ file: String) -> String {
        let prefix = root + "/tree/"
        guard file.hasPrefix(prefix) else { return file }
        return "\(name):\(file.dropFirst(prefix.count))"
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    static func git(_ arguments: [String]) throws -> String {
        try run("/usr/bin/env", ["git"] + arguments)
    }

    /// Runs a program (no shell: arguments are never interpreted) and returns its output.
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let problem = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GitFailure(text: String(decoding: problem, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct GitFailure: Error, CustomStringConvertible {
        var text: String
        var description: String { text }
    }
}
