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
    /// Rows named after a value (`vary:`'s `32`, or `v0` for `0.01`) whose
    /// `name` column says what they are unless the table shows that setting.
    public var nameLabels: NameLabels?

    public init(rows: String, rowWord: String, better: [String: TableBetter] = [:], nameLabels: NameLabels? = nil) {
        self.rows = rows
        self.rowWord = rowWord
        self.better = better
        self.nameLabels = nameLabels
    }

    /// A row's `name` is read from two other fields where it alone would be
    /// ambiguous: a column of "32", "64" (or "v0", "v1") says nothing of
    /// what they are unless another column shows the setting they vary.
    public struct NameLabels: Sendable, Hashable {
        /// The field whose text the `name` column shows instead: "batch_size = 32".
        public var label: String
        /// The field naming the setting the row's name is a value of ("batch_size");
        /// a row without it keeps its name.
        public var setting: String

        public init(label: String, setting: String) {
            self.label = label
            self.setting = setting
        }
    }

    /// One line for `lesson kinds`.
    public var description: String {
        var text = "rows from `\(rows)` (one per \(rowWord))"
        if !better.isEmpty {
            text += "; marks the best " + better.keys.sorted().map { "`\($0)` (\(better[$0]!.rawValue))" }.joined(separator: ", ")
        }
        if let nameLabels {
            text += "; the `name` of a \(rowWord) with `\(nameLabels.setting)` shows its `\(nameLabels.label)` unless a column shows that setting"
        }
        return text
    }
}

/// Which way a column's numbers are better, for the mark on its best row.
public enum TableBetter: String, Codable, Sendable, Hashable, CaseIterable {
    case higher, lower

    /// The one rule for a best row, a kind's mark and an author's
    /// `better:` alike: the first row with the best number, a row without
    /// one (nil or NaN: it diverged, never reached a target, or some seeds
    /// lack it) counting as worse than any number; no row when none did
    /// worse than it (a lone row, or rows that all tie), since then the
    /// mark would compare nothing.
    public func best(of values: [Double?]) -> Int? {
        guard let winner = leader(of: values), let number = values[winner] else { return nil }
        let someRowDidWorse = values.contains { value in
            guard let value, !value.isNaN else { return true }
            return isBetter(number, than: value)
        }
        return someRowDidWorse ? winner : nil
    }

    /// The first row with the best number, a row without one (nil or NaN)
    /// left out, even when it is the only row with a number or every row
    /// ties: the plain winner, for a figure that must name one (the fastest
    /// variant, the capacity of the lowest validation error). ``best(of:)``
    /// is the rule for marking a row better than others. None when no row
    /// has a number.
    public func leader(of values: [Double?]) -> Int? {
        var winner: (index: Int, value: Double)?
        for (index, value) in values.enumerated() {
            guard let value, !value.isNaN else { continue }
            if let current = winner, !isBetter(value, than: current.value) { continue }
            winner = (index, value)
        }
        return winner?.index
    }

    /// Whether `a` is better than `b` this way.
    func isBetter(_ a: Double, than b: Double) -> Bool {
        self == .higher ? a > b : a < b
    }
}
