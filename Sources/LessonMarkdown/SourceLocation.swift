/// A position in a lesson file: path, 1-based line, 1-based column.
///
/// Columns count Unicode scalars (code points) from the start of the line, so a
/// tab, an `é` and an emoji each advance the column by one. This is the unit
/// libyaml (and so Yams' `Mark`) reports, which lets a YAML error inside an
/// experiment body be passed straight to `ExperimentBlock.fileLocation`.
/// A byte-order mark is not part of line 1; line breaks (`\n`, `\r\n`, `\r`)
/// are never part of a line.
public struct SourceLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The lesson file's path, as given to the loader.
    public var path: String
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, in Unicode scalars.
    public var column: Int

    /// Creates a location; `line` and `column` are 1-based.
    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:col`, the form editors and CI problem matchers understand.
    public var description: String {
        "\(path):\(line):\(column)"
    }

    /// Orders by path, then line, then column.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}
