import Foundation
import Testing
@testable import Experiments

/// A `train` block's page over seeds is drawn from its runs' values: the
/// table's numbers and its "better" mark from their means, one warning for
/// what every run raised.
@Suite struct TrainKindPresentationTests {
    func outcome(_ body: String, seeds: [UInt64]) throws -> (runs: [ExperimentOutcome], shown: ExperimentOutcome) {
        let (prepared, issues) = KindTesting.prepare(TrainKind.self, body, seeds: seeds.count)
        #expect(issues.isEmpty, "\(issues)")
        let experiment = try #require(prepared)
        let runs = try seeds.map { try experiment.run(RunContext(seed: $0, decode: KindTesting.context)) }
        #expect(runs.allSatisfy { $0.presentation.isEmpty }, "a run brings values only")
        return (runs, experiment.outcome(of: runs, seeds: seeds))
    }

    func tables(_ outcome: ExperimentOutcome) -> [ResultTable] {
        outcome.presentation.compactMap { if case .table(let table) = $0 { return table } else { return nil } }
    }

    @Test func theBestMeanTestAccuracyIsMarked() throws {
        let (runs, shown) = try outcome("data: blobs\nexamples: 150\nhidden: [4]\nepochs: 3\nvary: {learning_rate: [0.01, 0.1, 0.5]}\n",
                                        seeds: [11, 12, 13])
        let table = try #require(tables(shown).first)
        let column = try #require(table.columns.firstIndex { $0.title == "test acc." })
        for (row, name) in ["v0", "v1", "v2"].enumerated() {
            let accuracies = runs.map { KindTesting.number($0.values, "variants.\(name).test_accuracy") }
            let mean = accuracies.reduce(0, +) / Double(accuracies.count)
            let cell = table.rows[row][column]
            #expect(abs((cell.value ?? .nan) - mean) <= 1e-9, "\(name): \(cell.text)")
            #expect(cell.text.contains("±") || Set(accuracies).count == 1, "\(cell.text)")
        }
        let marked = table.rows.indices.filter { table.rows[$0][column].tone == .good }
        let best = table.rows.indices.max { (table.rows[$0][column].value ?? -1) < (table.rows[$1][column].value ?? -1) }
        #expect(marked.count == 1 && marked.first == best)
        #expect(shown.presentation.contains { if case .note(let text) = $0 { return text.hasPrefix("Over 3 seeds:") } else { return false } })
    }

    @Test func aDivergedVariantIsWarnedOfOnceForTheSeedsThatRaisedIt() throws {
        let body = "data: linear\nhidden: []\nepochs: 5\nlearning_rate: 50\nstandardize: false\nfeature_scale: [200, 10]\n"
        let seeds: [UInt64] = [1, 2, 3]
        let (runs, shown) = try outcome(body, seeds: seeds)
        var texts: [String] = []
        for run in runs {
            let divergence = try #require(KindTesting.value(run.values, "variants.base.divergence"))
            texts.append(Presenter.plainText(divergence))
            #expect(texts.last!.hasPrefix("diverged at step "))
        }
        let warnings = shown.presentation.compactMap { if case .warning(let text) = $0 { return text } else { return nil } }
        // One warning per different sentence; one every run raised names no seed.
        #expect(warnings.count == Set(texts).count, "\(warnings)")
        for text in Set(texts) {
            let raisedBy = seeds.indices.filter { texts[$0] == text }.map { String(seeds[$0]) }
            let prefix = raisedBy.count == seeds.count ? "" : (raisedBy.count == 1 ? "seed " : "seeds ") + raisedBy.joined(separator: ", ") + ": "
            #expect(warnings.contains { $0.hasPrefix(prefix + "Variant base " + text + ":") }, "\(warnings)")
        }
        let table = try #require(tables(shown).first)
        #expect(table.rows[0][1].text == "diverged" && table.rows[0][1].tone == .bad)
    }
}
