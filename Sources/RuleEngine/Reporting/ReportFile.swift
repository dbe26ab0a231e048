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
        try write(to: path) { emit in try emit(text) }
    }

    /// Writes to `path` atomically the text that `produce` passes, in pieces, to the `emit` it
    /// is given: a large report goes to the file as it is made, never held whole.
    /// - Throws: a `Diagnostic` located at `path` when the folder is missing or not writable,
    ///   or when writing fails (a full disk); the temporary file is then removed.
    public static func write(to path: String, _ produce: (_ emit: (String) throws -> Void) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Diagnostic.error(at: .start(of: path), "cannot write the report: no folder '\(folder.path)'; create it first")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)  // less the umask, as before
        guard fd >= 0 else {
            throw Diagnostic.error(at: .start(of: path), "cannot write the report: folder '\(folder.path)' is not writable")
        }
        do {
            defer { close(fd) }
            try produce { text in
                if let reason = writeAll(text, to: fd) {
                    throw Diagnostic.error(at: .start(of: path), "cannot write the report: \(reason)")
                }
            }
        } catch {
            unlink(temporary.path)
            throw error
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw Diagnostic.error(at: .start(of: path), "cannot write the report: \(reason.lowercased())")
        }
    }

    /// Prints the text that `produce` passes, in pieces, on standard output.
    public static func print(_ produce: (_ emit: (String) throws -> Void) throws -> Void) throws {
        fflush(nil)  // what `print` buffered goes first
        try produce { text in
            if let reason = writeAll(text, to: STDOUT_FILENO) {
                throw Diagnostic.error(at: .start(of: "<stdout>"), "cannot print the report: \(reason)")
            }
        }
    }

    /// Writes the whole of `text` to `fd`; the reason (lower case) when it cannot.
    static func writeAll(_ text: String, to fd: Int32) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var offset = 0
            while offset < bytes.count {
                #if canImport(Glibc)
                let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                #else
                let n = Darwin.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                #endif
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno)).lowercased()
                }
                offset += n
            }
            return nil
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
