/// A place in a user's file: the file as the user named it, and a 1-based line and column.
///
/// Columns count Unicode scalars, as libyaml does; people count from 1, libyaml's marks count
/// from 0, so the YAML layer adds one when it builds a `Location`.
public struct Location: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The start of a file, for errors about the file as a whole (missing, empty, unreadable).
    public static func start(of file: String) -> Location {
        Location(file: file, line: 1, column: 1)
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: Location, b: Location) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
