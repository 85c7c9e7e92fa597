import LessonSupport

extension Presenter {
    /// The index of the row whose mean `field` is lowest, by
    /// ``TableBetter/best(of:)``: a row needs a number in every run (one
    /// that some runs have no number for, because they diverged or never
    /// reached a target, is never the best, however good the mean of the
    /// others: that mean leaves out the runs that failed); the first on
    /// ties; none when no row did worse.
    public func lowestMean(_ rows: Runs, _ field: String) -> Int? {
        TableBetter.lower.best(of: rows.elements.map { $0[field].allNumbers ? $0[field].mean : nil })
    }

    /// The index of the row whose mean `field` is lowest among the rows with
    /// a number in every run, by ``TableBetter/leader(of:)``: the first on
    /// ties, even when it is the only row or every row ties: the plain
    /// fastest, for a figure that must name one (``lowestMean(_:_:)`` is the
    /// rule for marking a row better than others). None when no row has a
    /// number in every run.
    public func lowestRow(_ rows: Runs, _ field: String) -> Int? {
        TableBetter.lower.leader(of: rows.elements.map { $0[field].allNumbers ? $0[field].mean : nil })
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
