/// A GFM table: a header row, body rows and a per-column alignment.
public struct Table: Sendable, Equatable {
    /// The horizontal alignment a column's delimiter row asked for.
    public enum Alignment: String, Sendable, Equatable, Codable {
        case none, left, center, right
    }

    /// The content of one cell.
    public typealias Cell = [InlineNode]

    /// One entry per column.
    public var alignments: [Alignment]
    /// The header row's cells.
    public var header: [Cell]
    /// The body rows; GFM pads short rows, so each has `alignments.count` cells.
    public var rows: [[Cell]]

    /// Creates a table; every row should have one cell per alignment.
    public init(alignments: [Alignment], header: [Cell], rows: [[Cell]]) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
    }
}
