internal import CYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Reads YAML streams into located nodes, on libyaml's event API.
///
/// libyaml only tokenises; everything YAML-the-data-language means is done here: the YAML 1.2
/// core schema, explicit tags, anchors and aliases (with a bounded expansion), `<<` merge keys,
/// duplicate keys, and limits on depth, size and document count. The tree is built with an
/// explicit stack, so no input can make the loader recurse. See docs/yaml.md.
public enum YAMLLoader {
    /// Bounds that keep hostile or broken input from exhausting memory or time.
    public struct Limits: Sendable {
        /// The deepest nesting of sequences and mappings accepted (the root collection is level 1).
        public var maxDepth = 512
        /// The most nodes that all aliases of one document may expand to, counted with their
        /// whole subtrees: a "billion laughs" document fails at this bound, in little memory.
        public var maxAliasExpansion = 1_000_000
        /// The most documents in one stream.
        public var maxDocuments = 100_000
        /// The largest input, in bytes (64 MiB): with `maxNodes`, this keeps the worst input
        /// measured (millions of 16-byte strings) under 1 GiB of memory. See docs/yaml.md.
        public var maxFileSize = 64 << 20
        /// The most nodes (scalars, sequences, mappings, keys included) in one stream; aliases
        /// do not count here (see `maxAliasExpansion`). A node takes 40 bytes, about 65 with its
        /// share of arrays and strings (100 in the worst inputs measured), so the default keeps
        /// a loaded stream under about 1 GB; the 50 MB roster of the benchmark has 4.6 million nodes.
        public var maxNodes = 8_000_000
        public init() {}
    }

    /// Loads every document of the file at `path`.
    ///
    /// A missing file, a directory, an unreadable file and an empty (zero-byte) file are errors
    /// located at `path:1:1`; a file of comments alone is a valid stream of zero documents.
    /// - Parameters:
    ///   - path: the file as the user named it; locations carry this spelling.
    ///   - limits: bounds on size, depth, alias expansion and document count.
    /// - Returns: the documents in stream order.
    /// - Throws: `Diagnostic` located in the file.
    public static func load(file path: String, limits: Limits = Limits()) throws -> YAMLStream {
        let bytes = try readFile(path, limits: limits)
        if bytes.isEmpty {
            throw Diagnostic.error(at: .start(of: path), "file is empty; expected a YAML document")
        }
        return try load(bytes: bytes, file: path, limits: limits)
    }

    /// Loads every document of `bytes`, naming them `file` in locations.
    ///
    /// Unlike `load(file:)`, zero bytes are the valid empty stream (YAML 1.2): no documents.
    /// Input of 4 GiB or more is refused whatever `limits` say: nodes keep 32-bit lines and columns.
    /// - Throws: `Diagnostic` located in `file`.
    public static func load(bytes: [UInt8], file: String, limits: Limits = Limits()) throws -> YAMLStream {
        if bytes.count > limits.maxFileSize {
            throw Diagnostic.error(
                at: .start(of: file),
                "file is \(bytes.count) bytes, larger than the limit of \(limits.maxFileSize) bytes; split it into smaller files")
        }
        if bytes.count >= Int(UInt32.max) {
            // Nodes keep lines and columns in 32 bits (see YAMLNode); no limit lets them overflow.
            throw Diagnostic.error(
                at: .start(of: file),
                "file is \(bytes.count) bytes, larger than the 4 GiB a YAML file may have; split it into smaller files")
        }
        return try bytes.withUnsafeBufferPointer { buffer in
            var builder = TreeBuilder(file: file, limits: limits)
            try builder.run(buffer)
            return YAMLStream(file: file, documents: builder.documents)
        }
    }

    // MARK: - Reading files

    /// The bytes of the file at `path`, refusing one larger than `limits.maxFileSize` before
    /// reading it (or, for pipes and devices that report no size, as soon as it grows past it).
    /// Also used for rule files and plans, which are YAML too.
    /// - Throws: `Diagnostic` at `path:1:1`.
    static func readFile(_ path: String, limits: Limits) throws -> [UInt8] {
        let here = Location.start(of: path)
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            let code = errno
            switch code {
            case ENOENT: throw Diagnostic.error(at: here, "no such file; check the path")
            case EACCES: throw Diagnostic.error(at: here, "cannot read file: permission denied")
            default: throw Diagnostic.error(at: here, "cannot open file: \(describe(errno: code))")
            }
        }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 {
            throw Diagnostic.error(at: here, "cannot read file: \(describe(errno: errno))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw Diagnostic.error(at: here, "is a directory; expected a YAML file")
        }
        let size = Int(info.st_size)
        if size > limits.maxFileSize {
            throw Diagnostic.error(
                at: here,
                "file is \(size) bytes, larger than the limit of \(limits.maxFileSize) bytes; split it into smaller files")
        }
        // st_size is a hint (pipes and /proc files report 0): read until end of file.
        var bytes = [UInt8]()
        bytes.reserveCapacity(size + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                if code == EISDIR { throw Diagnostic.error(at: here, "is a directory; expected a YAML file") }
                throw Diagnostic.error(at: here, "cannot read file: \(describe(errno: code))")
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > limits.maxFileSize {
                throw Diagnostic.error(
                    at: here,
                    "file is larger than the limit of \(limits.maxFileSize) bytes; split it into smaller files")
            }
        }
        return bytes
    }

    private static func describe(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text).lowercased()
    }
}
