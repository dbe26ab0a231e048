import Foundation

/// Reads YAML streams into located nodes. (Skeleton: the event-API implementation lands next.)
public enum YAMLLoader {
    public struct Limits: Sendable {
        public var maxDepth = 512
        public var maxAliasExpansion = 1_000_000
        public var maxDocuments = 100_000
        public var maxFileSize = 1 << 30
        public init() {}
    }

    /// Loads every document of the file at `path`.
    /// - Throws: `Diagnostic` located in the file.
    public static func load(file path: String, limits: Limits = Limits()) throws -> YAMLStream {
        throw Diagnostic.error(at: .start(of: path), "not implemented yet")
    }

    /// Loads every document of `bytes`, naming them `file` in locations.
    public static func load(bytes: [UInt8], file: String, limits: Limits = Limits()) throws -> YAMLStream {
        throw Diagnostic.error(at: .start(of: file), "not implemented yet")
    }
}
