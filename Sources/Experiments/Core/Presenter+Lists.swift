import LessonSupport

extension Runs {
    /// One field of every record of a list value, as a list of its own:
    /// `p["mc"].each("accuracy")` is the line a chart draws against `mc`'s
    /// sample counts. A record without the field gives NaN there.
    public func each(_ field: String) -> Runs {
        Runs(values.map { value in
            guard case .list(let items)? = value else { return nil }
            return .list(items.map { item in
                if case .record(let record) = item, let x = record[field] { return x }
                return .number(.nan)
            })
        })
    }

    /// Whether no run has this boolean true.
    public var noneTrue: Bool { !values.contains { $0 == .bool(true) } }
}

extension Presenter {
    /// The text every run writes the same, or `nil` when they differ — for
    /// a sentence quoting one run's numbers, which over seeds must give way
    /// to one written from the means (a chart's own summary, say).
    public func shared(_ build: (Record) -> String) -> String? {
        let texts = runs.records.map(build)
        guard let first = texts.first, texts.allSatisfy({ $0 == first }) else { return nil }
        return first
    }
}

extension Presenter {
    /// A presenter of the runs that `keep` accepts (with their seeds), or
    /// `nil` when it accepts all or none of them: for a block some of whose
    /// runs measured nothing (they diverged), drawn from the others rather
    /// than from a mean the failed runs would make NaN or the first seed's.
    public func subset(_ keep: (Record) -> Bool) -> Presenter? {
        let kept = runs.records.indices.filter { keep(runs.records[$0]) }
        guard !kept.isEmpty, kept.count < runs.count else { return nil }
        let seeds = runs.seeds.count == runs.count ? kept.map { runs.seeds[$0] } : []
        return Presenter(RunValues(records: kept.map { runs.records[$0] }, seeds: seeds))
    }
}
