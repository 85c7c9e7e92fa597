import LessonSupport

extension Presenter {
    /// The index of the row whose mean `field` is lowest (the first, on
    /// ties), among the rows with a number in every run: what a "best" mark
    /// follows over seeds. A row that some runs have no number for (they
    /// diverged, or never reached a target) is never the best, however good
    /// the mean of the others: that mean leaves out the runs that failed.
    public func lowestMean(_ rows: Runs, _ field: String) -> Int? {
        let rows = rows.elements
        return rows.indices.filter { rows[$0][field].allNumbers }.min { rows[$0][field].mean < rows[$1][field].mean }
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
