import Testing
@testable import Experiments

/// Tables of kinds whose cells are numbers keep those numbers, so a block
/// with `seeds:` shows each as mean ± sd rather than the first seed's text
/// marked as not a number.
@Suite struct SeededTableCellTests {
    /// Every table's cells in numeric columns, over two seeds combined.
    func numericCells<K: ExperimentKind>(_ kind: K.Type, _ body: String) throws -> [ResultTable.Cell] {
        let (prepared, issues) = KindTesting.prepare(kind, body)
        #expect(issues.isEmpty, "\(issues)")
        let experiment = try #require(prepared)
        let runs = try [1, 2].map { try experiment.run(RunContext(seed: $0, decode: KindTesting.context)) }
        let combined = experiment.outcome(of: runs, seeds: [1, 2])
        var cells: [ResultTable.Cell] = []
        for case .table(let table) in combined.presentation {
            for row in table.rows {
                for (cell, column) in zip(row, table.columns) where column.numeric { cells.append(cell) }
            }
        }
        return cells
    }

    @Test func signalTablesAverageTheirNumbers() throws {
        let cells = try numericCells(SignalKind.self, "init: [normal 1, he_normal]\ndepth: 4\nwidth: 8\nexamples: 20\n")
        #expect(cells.count >= 10)
        #expect(cells.allSatisfy { $0.value != nil && $0.spread != nil && !$0.text.hasSuffix("*") }, "\(cells.map(\.text))")
    }

    @Test func theTrainLayerTableAveragesItsNumbers() throws {
        let cells = try numericCells(TrainKind.self, "hidden: [8]\nepochs: 2\ntrain_fraction: 0.2\nvalidation_fraction: 0.1\nshow_layers: true\n")
        let starred = cells.filter { $0.text.hasSuffix("*") }
        #expect(starred.isEmpty, "\(starred.map(\.text))")
        #expect(cells.contains { $0.text.contains("±") })
    }
}
