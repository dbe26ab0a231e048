import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing reports to files: atomically (a temporary file in the same folder, then a rename),
/// so that a reader never sees half a report and a failed run leaves the previous one whole;
/// and never over a file the run read.
public enum ReportFile {
    /// Writes `text` to `path` atomically.
    /// - Throws: a `Diagnostic` located at `path` when the folder is missing or not writable.
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Diagnostic.error(at: .start(of: path), "cannot write the report: no folder '\(folder.path)'; create it first")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8)) else {
            throw Diagnostic.error(at: .start(of: path), "cannot write the report: folder '\(folder.path)' is not writable")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw Diagnostic.error(at: .start(of: path), "cannot write the report: \(reason.lowercased())")
        }
    }

    /// The same file, whatever the spelling (`./a`, `b/../a`, a symbolic link).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        canonical(a) == canonical(b)
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Refuses output paths that name an input of the run, or that two formats share.
    /// - Throws: `DiagnosticList`, one error per clash.
    public static func checkOutputs(_ outputs: [String], inputs: [String]) throws {
        var errors: [Diagnostic] = []
        for (i, out) in outputs.enumerated() {
            if let input = inputs.first(where: { sameFile($0, out) }) {
                errors.append(.error(at: .start(of: out), "the report would overwrite '\(input)', an input of the check; write it elsewhere"))
            }
            if outputs[..<i].contains(where: { sameFile($0, out) }) {
                errors.append(.error(at: .start(of: out), "two formats are written to the same file; give each its own path"))
            }
        }
        if !errors.isEmpty { throw DiagnosticList(errors) }
    }
}
