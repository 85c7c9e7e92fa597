import LessonSupport

/// Columns of a table over records (``Presenter/table(caption:rows:columns:)``):
/// how a cell is made from a row, and rules that tone it.
extension Presenter.Column {
    /// A right-aligned field that names its row rather than measures it (a
    /// capacity, a parameter count): its text, written by `format` (default:
    /// as the value writes itself), with no number to average over seeds.
    public static func label(_ title: String, _ field: String,
                             format: @escaping (ResultValue?) -> String = Presenter.plainText) -> Self {
        Self(title) { p, row in p.textCell(row[field], format: format) }
    }

    /// A count (of values tried, of trials that diverged): a whole number,
    /// ``ResultTable/Cell/missing`` where a run has none; over seeds, mean ± sd.
    public static func count(_ title: String, _ field: String) -> Self {
        Self(title) { p, row in p.cell(row[field], style: .integer) { $0.isFinite ? String(Int($0)) : ResultValue.format($0) } }
    }

    /// The column with each row's cell in the tone `rule` gives that row
    /// (`nil`: the tone the cell has).
    public func tone(_ rule: @escaping (Runs) -> ResultTable.Cell.Tone?) -> Self {
        var column = self
        column.cell = { p, row in
            var cell = self.cell(&p, row)
            if let tone = rule(row) { cell.tone = tone }
            return cell
        }
        return column
    }

    /// Marked bad in the rows whose mean `field` exceeds `limit` ("high bias").
    public func bad(_ field: String, above limit: Double) -> Self {
        tone { $0[field].mean > limit ? .bad : nil }
    }

    /// Highlighted in row `index` of `rows` (``Presenter/lowestMean(_:_:)``'s
    /// best row, say), the row known by its `key` field; nowhere when `index` is nil.
    public func highlighted(_ index: Int?, in rows: Runs, key: String = "key") -> Self {
        let marked: ResultValue? = index.flatMap { rows[$0][key].first }
        return tone { row in marked != nil && row[key].first == marked ? .highlight : nil }
    }

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

    /// A number (`style` `.percent` or `.plain`) of a row record that may
    /// have diverged (its `diverged` field true): such a run's cell reads
    /// "diverged", marked bad, in the first of these columns (`first`) and
    /// ``ResultTable/Cell/missing`` in the others; over seeds as any cell of several runs.
    static func unlessDiverged(_ title: String, _ field: String, style: NumberStyle, first: Bool) -> Self {
        record(title) { run in
            guard run["diverged"] != .bool(true) else { return first ? .init("diverged", tone: .bad) : .missing }
            let x = run[field]?.doubleValue ?? .nan
            return style == .percent ? .percent(x) : .number(x)
        }
    }
}
