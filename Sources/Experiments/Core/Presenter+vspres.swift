import LessonSupport

extension Presenter.Column {
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
}

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
