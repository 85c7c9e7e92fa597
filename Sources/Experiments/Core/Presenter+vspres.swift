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
