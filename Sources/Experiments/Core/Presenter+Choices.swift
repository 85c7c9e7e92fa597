import LessonSupport

extension Presenter {
    /// The index of the row whose mean `value` is lowest (the first, on
    /// ties), skipping rows with no number: what a "best" mark follows over seeds.
    public func lowestMean(_ rows: Runs, _ field: String) -> Int? {
        let means = rows.elements.map { $0[field].mean }
        return means.indices.filter { !means[$0].isNaN }.min { means[$0] < means[$1] }
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
