extension ResultTable {
    /// One table standing for the same table of several runs (one per seed,
    /// in seed order), combined as a block's own tables are: mean ± sd where
    /// cells hold numbers, and the "better" mark on the best mean. `nil` when
    /// the runs' tables differ in shape or there is not one per seed.
    public init?(summarizing tables: [ResultTable], seeds: [UInt64]) {
        guard let first = tables.first, tables.count == seeds.count, tables.allSatisfy({
            $0.columns == first.columns && $0.rows.map(\.count) == first.rows.map(\.count)
        }) else { return nil }
        var summary = SeedSummary(seeds: seeds)
        guard case .table(let table)? = summary.presentation(tables.map { [.table($0)] }).first else { return nil }
        self = table
    }
}
