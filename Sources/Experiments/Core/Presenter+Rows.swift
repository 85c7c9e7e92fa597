import LessonSupport

extension Runs {
    /// Named fields of a record value as a list of records, each with its
    /// `name` and `label` added: the rows of a table whose rows are a
    /// record's fields (the variants of a group, say). A run without one of
    /// the fields has an empty record there, named and labelled.
    public func namedRows(_ fields: [(name: String, label: String)]) -> Runs {
        Runs(values.map { value in
            .list(fields.map { field in
                var row = Record()
                if case .record(let record)? = value, case .record(let own)? = record[field.name] { row = own }
                row["name"] = .string(field.name)
                row["label"] = .string(field.label)
                return .record(row)
            })
        })
    }
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

extension Presenter {
    /// Every run's values as one record value: what ``Runs/namedRows(_:)``
    /// reads the rows of a table of a few named records from.
    public var whole: Runs { Runs(runs.records.map { .record($0) }) }

    /// A row of a table whose rows are records that are not the items of
    /// one list value (weight scaling, then each Monte-Carlo average): its
    /// label cells and the record its columns read (a record value in every run).
    struct Row {
        var labels: [ResultTable.Cell]
        var values: Runs

        init(_ labels: ResultTable.Cell..., values: Runs) {
            self.labels = labels
            self.values = values
        }
    }

    /// A table of `rows`: their label cells under the titles `labels`, then
    /// the given columns read from each row's record.
    mutating func table(caption: String, labels: [String], rows: [Row], columns: [Column]) -> PresentationItem {
        var cells: [[ResultTable.Cell]] = []
        for row in rows {
            var line = row.labels
            for column in columns { line.append(column.cell(&self, row.values)) }
            cells.append(line)
        }
        let titles = labels.map { ResultTable.Column($0, numeric: false) } + columns.map { .init($0.title, numeric: $0.numeric) }
        return table(ResultTable(caption: caption, columns: titles, rows: cells))
    }

    /// A table as ``table(caption:rows:columns:)`` builds it, with the best
    /// number of the column titled `best.column` toned good, by
    /// ``TableBetter/best(of:)`` (over seeds the best mean; a cell that
    /// stands for some runs has no number, so that row is never the best).
    public mutating func table(caption: String, rows: Runs, columns: [Column],
                               best: (column: String, better: TableBetter)) -> PresentationItem {
        let item = table(caption: caption, rows: rows, columns: columns)
        guard case .table(var table) = item,
              let column = columns.firstIndex(where: { $0.title == best.column }),
              let winner = best.better.best(of: table.rows.map { $0[column].value }) else { return item }
        table.rows[winner][column].tone = .good
        return .table(table)
    }
}
