import LessonSupport

extension Presenter {
    /// A choice whose detail quotes the chosen option's numbers ("degree 5",
    /// "MSE 0.103 …"): when every run made the same choice but their numbers
    /// differ, the detail is written from the runs' means, as the table's
    /// numbers are, rather than marked as the first seed's.
    public mutating func choiceOfMeans(_ label: String, _ build: (Record) -> (value: String, detail: String)) -> Metric {
        var metric = choice(label, build)
        let made = runs.records.map(build)
        if made.count > 1, made.allSatisfy({ $0.value == made[0].value }), !made.allSatisfy({ $0.detail == made[0].detail }) {
            metric.detail = build(runs.mean).detail
        }
        return metric
    }

    /// The text every run writes the same (a chart's summary that quotes
    /// numbers): over seeds whose numbers differ, none, so that the chart's
    /// description reads the means and ranges it draws instead.
    public func sharedText(_ build: (Record) -> String) -> String {
        let texts = runs.records.map(build)
        guard let first = texts.first, texts.allSatisfy({ $0 == first }) else { return "" }
        return first
    }

    /// The index of the row whose mean `value` is lowest (the first, on
    /// ties), skipping rows with no number: what a "best" mark follows over seeds.
    public func lowestMean(_ rows: Runs, _ field: String) -> Int? {
        let means = rows.elements.map { $0[field].mean }
        return means.indices.filter { !means[$0].isNaN }.min { means[$0] < means[$1] }
    }
}

extension Runs {
    /// A field of every record of a list value, as a list per run: the
    /// `bias2` of each point of `decomposition`, to draw as one line.
    public func column(_ field: String) -> Runs {
        Runs(values.map { $0?.lookup([.key(field)]) })
    }
}

extension Record {
    /// The value at a path of names (`at("best", "capacity")`), or nil.
    public func at(_ names: String...) -> ResultValue? { ResultValue.record(self).lookup(names.map(PathComponent.key)) }

    /// The number at a path of names; NaN when there is none.
    public func number(_ names: String...) -> Double { ResultValue.record(self).lookup(names.map(PathComponent.key))?.doubleValue ?? .nan }

    /// The numbers of the list at a path of names (NaN for an item that is none).
    public func numbers(_ names: String...) -> [Double] {
        (ResultValue.record(self).lookup(names.map(PathComponent.key))?.listItems ?? []).map { $0.doubleValue ?? .nan }
    }
}
