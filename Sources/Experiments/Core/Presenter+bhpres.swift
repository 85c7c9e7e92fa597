import LessonSupport

extension Presenter.Column {
    /// A right-aligned field that names its row rather than measures it (a
    /// capacity, a parameter count): its text, written by `format` (default:
    /// as the value writes itself), with no number to average over seeds.
    public static func label(_ title: String, _ field: String,
                             format: @escaping (ResultValue?) -> String = Presenter.plainText) -> Self {
        Self(title) { p, row in p.textCell(row[field], format: format) }
    }

    /// A count (of values tried, of trials that diverged): a whole number,
    /// "–" where a run has none; over seeds, mean ± sd.
    public static func count(_ title: String, _ field: String) -> Self {
        Self(title) { p, row in p.cell(row[field], style: .integer) { $0.flatMap { $0.isFinite ? String(Int($0)) : nil } ?? "–" } }
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
}

extension Presenter {
    /// A whole number with its digits grouped by thousands ("1,024"); "—" when there is none.
    public static func grouped(_ value: ResultValue?) -> String {
        value?.doubleValue.flatMap { $0.isFinite ? Int($0).grouped : nil } ?? "—"
    }

    /// Every run's values as one record value: what ``Runs/namedRows(_:)``
    /// reads the rows of a table of a few named records from.
    public var whole: Runs { Runs(runs.records.map { .record($0) }) }
}

extension Record {
    /// The records of the list at a path of names (items that are not records left out).
    public func records(_ names: String...) -> [Record] {
        (ResultValue.record(self).lookup(names.map(PathComponent.key))?.listItems ?? []).compactMap { item in
            if case .record(let record) = item { return record }
            return nil
        }
    }
}
