import Experiments
import LessonMarkdown

/// An author's `table:`: which of a block's values its table shows, in what
/// order, under which labels and formats, and for which rows.
///
///     table: [name, test_accuracy, best_epoch]
///     table: {columns: [name, test_accuracy: {label: "test acc.", format: ".1%"}], rows: [sgd, adam]}
///
/// The table is built from the run's values (``TableRequest/table(from:defaults:)``),
/// not from the kind's own table, so it is the same for every kind and a
/// change to it re-runs nothing: it is not part of the spec the cache keys on.
public struct TableRequest: Sendable {
    public struct Column: Sendable {
        /// The expression as written: a field of the row, a path into it, or arithmetic over them.
        public var text: String
        public var expression: Expression
        public var label: String
        public var format: InlineFormat
        /// Which way is better, when the author said; else the kind's default for this field.
        public var better: TableBetter?
        public var location: SourceLocation

        public init(text: String, expression: Expression, label: String, format: InlineFormat, better: TableBetter? = nil, location: SourceLocation) {
            self.text = text
            self.expression = expression
            self.label = label
            self.format = format
            self.better = better
            self.location = location
        }
    }

    public struct Row: Sendable {
        public var name: String
        public var location: SourceLocation

        public init(name: String, location: SourceLocation) {
            self.name = name
            self.location = location
        }
    }

    public var columns: [Column]
    /// `nil`: every row, in the values' order.
    public var rows: [Row]?
    /// The value whose records are the rows; `nil`: the kind's ``TableDefaults/rows``.
    public var from: String?
    public var fromLocation: SourceLocation
    public var caption: String?
    /// Where `table:` is written, for problems with the table as a whole.
    public var location: SourceLocation

    public init(columns: [Column], rows: [Row]? = nil, from: String? = nil, fromLocation: SourceLocation, caption: String? = nil, location: SourceLocation) {
        self.columns = columns
        self.rows = rows
        self.from = from
        self.fromLocation = fromLocation
        self.caption = caption
        self.location = location
    }
}
