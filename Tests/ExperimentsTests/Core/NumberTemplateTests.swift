import Testing
@testable import Experiments

/// Cards over several seeds show means, as their tables do, and a choice
/// the seeds disagree on shows the most common one and how common it is.
@Suite struct NumberTemplateTests {
    @Test func numbersAreTakenOutOfTheirWords() {
        let t = NumberTemplate("1.8 % (training −0.25 %) at degree 5")
        #expect(t.words == ["", " % (training ", " %) at degree ", ""])
        #expect(t.numbers == [1.8, -0.25, 5])
        #expect(t.decimals == [1, 2, nil])
    }

    @Test func textsWithTheSameWordsAverageNumberByNumber() {
        #expect(NumberTemplate.mean(["2.6 % vs 3.6 %", "2.8 % vs 3.2 %"]) == "2.7 % vs 3.4 %")
        #expect(NumberTemplate.mean(["one pass, 0.424 ms", "one pass, 0.44 ms"]) == "one pass, 0.432 ms")
        // A whole number that differs is a choice, not a measurement.
        #expect(NumberTemplate.mean(["degree 5", "degree 10"]) == nil)
        #expect(NumberTemplate.mean(["degree 5 · 1.0", "degree 5 · 2.0"]) == "degree 5 · 1.5")
        #expect(NumberTemplate.mean(["3 % of runs", "5 % of runs"]) == "4 % of runs")
        // A whole number with a unit is a measurement: "191 ms" and "189 ms".
        #expect(NumberTemplate.mean(["100 passes, 191 ms", "100 passes, 189 ms"]) == "100 passes, 190 ms")
        #expect(NumberTemplate.mean(["3 seeds", "5 seeds"]) == nil)
        #expect(NumberTemplate.mean(["high bias", "high variance"]) == nil)
        #expect(NumberTemplate.mean(["a 1.0", "b 1.0"]) == nil)
    }

    @Test func cardsOverSeedsShowMeansOrTheMostCommonChoice() throws {
        func run(_ gap: String, _ best: String, _ detail: String) -> ExperimentOutcome {
            ExperimentOutcome(values: Record([:]), presentation: [.metrics([
                Metric(label: "gap", value: gap, detail: "test accuracy, \(detail) ms"),
                Metric(label: "best", value: best, detail: "validation \(detail) %"),
            ])])
        }
        let combined = ExperimentOutcome(summarizing: [run("2.0 % vs 3.0 %", "64 units", "1.0"), run("3.0 % vs 4.0 %", "256 units", "2.0"),
                                                       run("4.0 % vs 5.0 %", "256 units", "3.0")], seeds: [11, 12, 13])
        guard case .metrics(let metrics) = combined.presentation[0] else { Issue.record("no metrics"); return }
        #expect(metrics[0].value == "3.0 % vs 4.0 %")
        #expect(metrics[0].detail == "test accuracy, 2.0 ms")
        #expect(metrics[1].value == "256 units")
        // The two seeds that chose it disagree on its detail: only how many chose it.
        #expect(metrics[1].detail == "in 2 of 3 seeds")
        #expect(!metrics.contains { $0.detail.contains("11") || $0.value.contains("11") })
    }
}
