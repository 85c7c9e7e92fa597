import LessonSupport

extension Presenter.Column {
    /// A column whose cell each run writes from its row's record (`build`;
    /// an empty record in a run without the row), combined over the runs as
    /// ``Presenter/cell(eachRun:)`` does: for a cell made of several fields,
    /// or one a kind writes by its own rule ("diverged", "not reached").
    public static func record(_ title: String, numeric: Bool = true, _ build: @escaping (Record) -> ResultTable.Cell) -> Self {
        Self(title, numeric: numeric) { p, row in
            p.cell(eachRun: row.values.map { value in
                guard case .record(let record)? = value else { return build(Record()) }
                return build(record)
            })
        }
    }
}

extension Presenter {
    /// A table as ``table(caption:rows:columns:)`` builds it, with the best
    /// number of the column titled `best.column` toned good — over seeds the
    /// best mean, the first row on ties: the mark of a kind's winning row.
    /// A table of one row, or a column without a number, has no mark.
    public mutating func table(caption: String, rows: Runs, columns: [Column],
                               best: (column: String, better: TableBetter)) -> PresentationItem {
        let item = table(caption: caption, rows: rows, columns: columns)
        guard case .table(var table) = item, table.rows.count > 1,
              let column = columns.firstIndex(where: { $0.title == best.column }) else { return item }
        let numbers = table.rows.indices.compactMap { r in table.rows[r][column].value.map { (row: r, value: $0) } }
            .filter { !$0.value.isNaN }
        let winner = best.better == .higher ? numbers.max { $0.value < $1.value } : numbers.min { $0.value < $1.value }
        guard let winner else { return item }
        table.rows[winner.row][column].tone = .good
        return .table(table)
    }
}
