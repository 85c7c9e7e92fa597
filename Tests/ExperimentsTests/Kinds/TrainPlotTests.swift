import Foundation
import Testing
@testable import Experiments

/// `plot:` in a `train` block, and the default's rules: at most six lines a
/// panel, one quantity a panel.
@Suite struct TrainPlotTests: KindSuite {
    typealias Kind = TrainKind

    func charts(_ body: String) throws -> [Chart] {
        try run("data: blobs\nexamples: 120\nhidden: [4]\nepochs: 2\n" + body).presentation.compactMap { item in
            if case .chart(let chart) = item, !chart.title.hasPrefix("Final") { return chart }
            return nil
        }
    }

    @Test func aFewVariantsShareOnePanel() throws {
        let panels = try charts("vary: {learning_rate: [0.01, 0.1, 1]}\n")
        #expect(panels.count == 1 && panels[0].series.count == 6)
    }

    @Test func moreThanSixLinesSplitIntoPanelsOfAtMostSix() throws {
        let four = try charts("vary: {learning_rate: [0.01, 0.03, 0.1, 0.3]}\n")
        #expect(four.map(\.series.count) == [4, 4])
        #expect(four.map(\.title) == ["Learning curves: validation", "Learning curves: training"])
        let eight = try charts("vary: {learning_rate: [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3]}\n")
        #expect(eight.count == 4 && eight.allSatisfy { $0.series.count == 4 })
        // A panel of some of the variants says which in its legend's words, not by made-up names (v0, v1, …).
        #expect(eight.map(\.title) == ["Learning curves: validation (learning_rate = 0.001 … 0.03)", "Learning curves: validation (learning_rate = 0.1 … 3)",
                                       "Learning curves: training (learning_rate = 0.001 … 0.03)", "Learning curves: training (learning_rate = 0.1 … 3)"])
        // Every line is one variant's: its name is the variant's label, once.
        let names = eight.flatMap { $0.series.map(\.name) }
        #expect(Set(names).count == 8 && names.count == 16)
    }

    @Test func theAuthorChoosesCurvesVariantsScaleAndFacets() throws {
        let chosen = try charts("vary: {learning_rate: [0.01, 0.1, 1]}\nplot: {curves: [validation_loss], variants: [v2, v0], y_scale: log}\n")
        #expect(chosen.count == 1 && chosen[0].series.count == 2 && chosen[0].yScale == .log)
        let facets = try charts("vary: {learning_rate: [0.01, 0.1]}\nplot: {curves: [train_loss, validation_accuracy, learning_rate], facets: variant}\n")
        // Losses, accuracies and learning rates never share a panel: 3 quantities × 2 variants.
        #expect(facets.count == 6 && facets.allSatisfy { $0.series.count == 1 })
        #expect(facets[0].title == "Learning curves: training (learning_rate = 0.01)")
        #expect(facets.contains { $0.yFormat == .percent })
    }

    func legends(_ charts: [Chart]) -> [[String]] { charts.map { $0.series.map(\.name) } }

    /// A line is labelled by what tells it from the other lines: the name its
    /// author gave it, or the settings it changes that not every line shares;
    /// settings every line shares are named once, in the title.
    @Test func legendLabelsSayWhatDiffersBetweenTheLines() throws {
        let named = try charts("""
        plot: {curves: [validation_loss]}
        variants:
          - {name: rmsprop, optimizer: rmsprop, learning_rate: 0.01}
          - {name: decayed, optimizer: rmsprop, lr_schedule: inverse_time, lr_decay: 0.02, learning_rate: 0.01}
          - {optimizer: adam, learning_rate: 0.01}

        """)
        #expect(legends(named) == [["rmsprop", "decayed", "optimizer = adam"]])
        #expect(named[0].title == "Learning curves · every line: learning_rate = 0.01")
        #expect(named[0].summary.contains("The variants: rmsprop (optimizer = rmsprop, learning_rate = 0.01); decayed (optimizer = rmsprop, "
                                          + "lr_schedule = inverse_time, lr_decay = 0.02, learning_rate = 0.01); v2 (optimizer = adam, learning_rate = 0.01)."))
        let swept = try charts("vary: {learning_rate: [0.01, 0.1]}\nplot: {curves: [validation_loss]}\n")
        #expect(legends(swept) == [["learning_rate = 0.01", "learning_rate = 0.1"]])
        #expect(swept[0].title == "Learning curves")
        let grouped = try charts("variants: [{name: plain}, {name: bn, normalization: batch}]\nvary: {learning_rate: [0.03, 0.3]}\n"
                                 + "plot: {curves: [validation_loss]}\n")
        #expect(legends(grouped) == [["plain, learning_rate = 0.03", "plain, learning_rate = 0.3", "bn, learning_rate = 0.03", "bn, learning_rate = 0.3"]])
        let sweep = try run("data: blobs\nexamples: 120\nhidden: [4]\nepochs: 2\nvariants: [{name: plain}, {name: bn, normalization: batch}]\n"
                            + "vary: {learning_rate: [0.03, 0.1, 0.3]}\n").presentation.compactMap { item -> Chart? in
            if case .chart(let chart) = item, chart.title.hasPrefix("Final") { return chart }
            return nil
        }
        #expect(sweep.first?.series.map(\.name) == ["plain: training accuracy", "plain: test accuracy", "bn: training accuracy", "bn: test accuracy"])
    }

    @Test func aPanelOfSomeVariantsNamesThemInTheLegendsWords() {
        #expect(TrainKind.panelWords(["learning_rate = 0.001", "learning_rate = 0.01", "learning_rate = 0.1"]) == "learning_rate = 0.001 … 0.1")
        #expect(TrainKind.panelWords(["learning_rate = 0.1", "learning_rate = 0.01", "learning_rate = 1"])
                == "learning_rate = 0.1, learning_rate = 0.01, learning_rate = 1")
        #expect(TrainKind.panelWords(["bn, batch_size = 2", "bn, batch_size = 4", "bn, batch_size = 8"]) == "bn, batch_size = 2 … 8")
        #expect(TrainKind.panelWords(["bn", "gn"]) == "bn, gn")
    }

    @Test func theAuthorsYRangeReachesEveryPanel() throws {
        let panels = try charts("vary: {learning_rate: [0.01, 0.1]}\nplot: {curves: [train_loss, validation_loss], facets: curve, y_range: [0, 1.5]}\n")
        #expect(panels.count == 2 && panels.allSatisfy { $0.yLower == 0 && $0.yUpper == 1.5 && $0.yScale == .linear })
        let open = try charts("plot: {y_range: [~, 2], y_scale: log}\n")
        #expect(open.count == 1 && open[0].yLower == nil && open[0].yUpper == 2 && open[0].yScale == .log)
        #expect(try charts("").allSatisfy { $0.yLower == nil && $0.yUpper == nil })
    }

    @Test func theXAxisCountsEpochsOrSteps() throws {
        // 120 examples, 20 % held out, batches of 32: 3 steps an epoch, 2 epochs.
        let epochs = try charts("curve: step\nbatch_size: 32\nplot: {curves: [step_loss, train_loss]}\n")
        let steps = try charts("curve: step\nbatch_size: 32\nplot: {curves: [step_loss, train_loss], x: step, x_scale: log}\n")
        #expect(epochs.count == 1 && steps.count == 1)
        #expect(epochs[0].xLabel == "epoch" && epochs[0].xScale == .linear)
        #expect(steps[0].xLabel == "step (log scale)" && steps[0].xScale == .log)
        let perEpoch = try #require(epochs[0].series.last?.x), perStep = try #require(steps[0].series.last?.x)
        let stepsPerEpoch = try #require(steps[0].series.first?.x.count) / perEpoch.count
        #expect(perEpoch == [1, 2] && stepsPerEpoch > 1)
        #expect(perStep == perEpoch.map { $0 * Double(stepsPerEpoch) })
        #expect(steps[0].series.first?.x.first == 1)
    }

    @Test func theAuthorLabelsLines() throws {
        let labelled = try charts("vary: {optimizer: [sgd, adam]}\nplot: {curves: [validation_loss], labels: {sgd: plain SGD}}\n")
        #expect(legends(labelled) == [["plain SGD", "optimizer = adam"]])
    }

    @Test(arguments: [
        ("plot: {labels: {sdg: SGD}}\nvary: {optimizer: [sgd, adam]}\n", "plot's labels name a variant 'sdg' the block does not train; did you mean 'sgd'?"),
        ("plot: {labels: {sgd: [a]}}\nvary: {optimizer: [sgd, adam]}\n", "the label of 'sgd' must be text, found a list"),
        ("plot: {labels: [sgd]}\nvary: {optimizer: [sgd, adam]}\n", "plot's 'labels' must map variant names to labels"),
        ("plot: {curves: [validaton_loss]}\n", "unknown curve 'validaton_loss'; did you mean 'validation_loss'?"),
        ("plot: {variants: [adma]}\nvary: {optimizer: [sgd, adam]}\n", "plot names a variant 'adma' the block does not train; did you mean 'adam'?"),
        ("plot: {curves: [step_loss]}\n", "'step_loss' is recorded with 'curve: step'; this block records curves per epoch"),
        ("plot: {y: loss}\n", "unknown field 'y' in 'plot'"),
        ("plot: {facets: panels}\n", "plot's 'facets' must be one of 'auto', 'none', 'curve', 'variant', found 'panels'"),
        ("plot: {y_range: [1, 0.5]}\n", "plot's 'y_range' must go from low to high, found [1, 0.5]"),
        ("plot: {y_range: [low, 1]}\n", "'y_range' must be a number, found 'low'"),
        ("plot: {y_range: 1}\n", "plot's 'y_range' must be a list of two bounds such as '[0, 1]'"),
        ("plot: {y_range: [0, 1, 2]}\n", "plot's 'y_range' must be a list of two bounds"),
        ("plot: {y_scale: log, y_range: [0, 1]}\n", "plot's 'y_range' reaches 0, but a log axis shows only values above 0"),
        ("plot: {y_range: [null, -1], y_scale: log}\n", "plot's 'y_range' reaches -1, but a log axis"),
        ("plot: {x: step}\n", "'x: step' needs values per optimizer step, and this block records curves per epoch"),
        ("plot: {x: batch}\n", "plot's 'x' must be one of 'epoch', 'step', found 'batch'"),
        ("plot: {x_scale: logarithmic}\n", "plot's 'x_scale' must be one of 'auto', 'linear', 'log'"),
        ("plot: [validation_loss]\n", "'plot' must be a mapping such as '{curves: [validation_loss], y_scale: log}', found a list"),
    ])
    func mistakesAreLocatedErrors(body: String, message: String) {
        let (prepared, issues) = prepare(body)
        #expect(prepared == nil)
        let found = issues.first { $0.message.hasPrefix(message) }
        #expect(found != nil, "\(issues.map(\.message))")
        #expect((found?.line ?? 0) == 1 && (found?.column ?? 0) > 1, "\(String(describing: found))")
    }

    @Test func aRunThatStopsEarlyKeepsThePlannedLengthWithGaps() throws {
        let outcome = try run("data: blobs\nexamples: 120\nhidden: [4]\nepochs: 60\noptimizer: adam\nlearning_rate: 0.05\npatience: 1\n")
        let chart = outcome.presentation.compactMap { item -> Chart? in
            if case .chart(let chart) = item { return chart } else { return nil }
        }.first
        let series = try #require(chart?.series.first)
        // Seeds' runs that stop at different epochs still combine point by point.
        #expect(series.y.count == 60 && series.x.count == 60)
        #expect(series.y.last?.isNaN == true && series.y.first?.isNaN == false)
    }
}
