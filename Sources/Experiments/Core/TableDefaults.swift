/// What an author's `table:` starts from in a kind: the value whose records
/// are its rows unless `from:` names another, and the columns whose highest
/// or lowest number marks the best row (the mark the kind's own table makes).
///
/// The columns themselves are the records' fields, so a kind declares no
/// per-column code: the runner builds the table from the run's values.
public struct TableDefaults: Sendable, Hashable {
    /// A value that is a list of records (or a record of records).
    public var rows: String
    /// The word for a row in messages: "variant", "capacity".
    public var rowWord: String
    /// Fields whose best number is marked when the author's table shows them.
    public var better: [String: TableBetter]

    public init(rows: String, rowWord: String, better: [String: TableBetter] = [:]) {
        self.rows = rows
        self.rowWord = rowWord
        self.better = better
    }

    /// One line for `lesson kinds`.
    public var description: String {
        var text = "rows from `\(rows)` (one per \(rowWord))"
        if !better.isEmpty {
            text += "; marks the best " + better.keys.sorted().map { "`\($0)` (\(better[$0]!.rawValue))" }.joined(separator: ", ")
        }
        return text
    }
}

/// Which way a column's numbers are better, for the mark on its best row.
public enum TableBetter: String, Codable, Sendable, Hashable, CaseIterable {
    case higher, lower
}
