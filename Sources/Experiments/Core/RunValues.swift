/// The values of a block's runs — one ``Record`` per seed, or the one run of
/// a block without `seeds:` — which is all a kind's presentation reads.
///
/// A kind's run returns values; ``Presenter`` builds its tables, charts and
/// notes from these, after the runs, so a block over eight seeds is drawn
/// once from the means and spreads of its values rather than drawn eight
/// times and merged. Cached runs keep only values: presentation is never cached.
public struct RunValues: Sendable {
    /// One record per run, in seed order.
    public var records: [Record]
    /// The seeds of a block with `seeds:`, in order; empty for a single run.
    public var seeds: [UInt64]

    public init(records: [Record], seeds: [UInt64] = []) {
        self.records = records
        self.seeds = seeds
    }

    /// The values of a single run.
    public init(_ record: Record) {
        self.init(records: [record])
    }

    /// How many runs; more than one only for a block with `seeds:`.
    public var count: Int { records.count }
    /// Whether the block stands for several runs (shows means and spreads).
    public var isSeeded: Bool { records.count > 1 }

    /// "8 seeds".
    public var runsPhrase: String { "\(count) seed\(count == 1 ? "" : "s")" }

    /// The named value in every run.
    public subscript(_ name: String) -> Runs {
        Runs(records.map { $0[name] })
    }

    /// The first run's values: what a presentation reads for what every run
    /// shares (names, settings, list lengths).
    public var first: Record { records.first ?? Record() }

    /// Every numeric leaf replaced by its mean over the runs; what they
    /// disagree on otherwise (text, list lengths), the first run's.
    public var mean: Record { SeedStatistic.meanRecord(records) }
}

/// One value (a path into the block's values) across the runs: `nil` in a
/// run that lacks it.
public struct Runs: Sendable {
    public var values: [ResultValue?]

    public init(_ values: [ResultValue?]) {
        self.values = values
    }

    /// A field of a record value.
    public subscript(_ name: String) -> Runs {
        Runs(values.map { value in
            if case .record(let record)? = value { return record[name] }
            return nil
        })
    }

    /// An element of a list value (negative counts from the end).
    public subscript(_ index: Int) -> Runs {
        Runs(values.map { value in
            guard case .list(let items)? = value else { return nil }
            let i = index < 0 ? items.count + index : index
            return items.indices.contains(i) ? items[i] : nil
        })
    }

    /// The first run's value.
    public var first: ResultValue? { values.first ?? nil }

    /// The length of the first run's list (0 when it is not a list).
    public var count: Int {
        if case .list(let items)? = first { return items.count }
        return 0
    }

    /// The list's elements across the runs, as many as the first run has.
    public var elements: [Runs] { (0..<count).map { self[$0] } }

    /// Each run's number (NaN where a run has none).
    public var numbers: [Double] { values.map { $0?.doubleValue ?? .nan } }

    /// Whether every run has a number here (NaN counts as none).
    public var allNumbers: Bool { numbers.allSatisfy { !$0.isNaN } }

    /// The mean over the runs that have a number; NaN when none has.
    public var mean: Double { SeedStatistic.mean(numbers.filter { !$0.isNaN }) }
    /// The sample standard deviation over the runs that have a number.
    public var sd: Double { SeedStatistic.standardDeviation(numbers.filter { !$0.isNaN }) }
    /// The lowest and highest run, skipping runs without a number.
    public var min: Double { numbers.filter { !$0.isNaN }.min() ?? .nan }
    public var max: Double { numbers.filter { !$0.isNaN }.max() ?? .nan }

    /// The first run's number, or `nil`.
    public var number: Double? { first?.doubleValue }

    /// The first run's text (a string value as it is, another value formatted).
    public var text: String? {
        guard let first else { return nil }
        if case .string(let s) = first { return s }
        return first.formatted
    }

    /// The first run's boolean (`nil` when it is not one).
    public var bool: Bool? {
        if case .bool(let b)? = first { return b }
        return nil
    }

    /// Whether every run holds the same value.
    public var agrees: Bool { values.allSatisfy { $0 == values.first ?? nil } }

    /// Each run's list of numbers, element by element: `[run][i]`, NaN where missing.
    public var numberLists: [[Double]] {
        values.map { value in
            guard case .list(let items)? = value else { return [] }
            return items.map { $0.doubleValue ?? .nan }
        }
    }
}

extension ResultValue {
    /// The items of a list value (none for another value).
    public var listItems: [ResultValue] {
        if case .list(let items) = self { return items }
        return []
    }
}
