import LessonSupport
import Foundation

/// Turns a dropout-ensemble run into named values, tables and a chart.
///
/// The named values:
/// ```
/// keep_prob, input_keep_prob, variant, parameters, train_examples, test_examples, epochs
/// diverged, diverged_at_step (only if a network diverged: the earliest step)
/// scaled.{accuracy, loss, entropy, ms}         weight scaling: one deterministic pass
/// mc[i] / mc.<K>.{samples, accuracy, loss, agreement, ms}
///                                              the average of K passes with sampled masks
/// dropout.{train_accuracy, test_accuracy, gap, train_loss, test_loss, thinned_accuracy,
///     diverged, diverged_at_step}
/// no_dropout.{…the same…}                      the same network trained without dropout
/// uncertainty.{samples, entropy, entropy_correct, entropy_wrong, mutual_information, disagreement}
/// activation.{samples, input_mean, train_mean, eval_mean, train_ratio, eval_ratio, mismatch}
/// ```
/// Accuracies are fractions, losses mean cross-entropies in nats, `gap` is
/// training minus test accuracy, `agreement` the fraction of test examples on
/// which the Monte-Carlo prediction is the deterministic one.
struct DropoutEnsembleReport {
    var spec: DropoutEnsembleKind.Spec
    var result: DropoutEnsembleExperiment.Result

    typealias Cell = ResultTable.Cell
    typealias NetworkResult = DropoutEnsembleExperiment.NetworkResult

    var outcome: ExperimentOutcome {
        ExperimentOutcome(values: values, presentation: presentation)
    }

    /// The networks that diverged, dropout first, with their names for messages.
    private var divergences: [(name: String, network: NetworkResult, isDropout: Bool)] {
        [("with dropout", result.dropout, true), ("without dropout", result.plain, false)].filter { $0.1.divergence != nil }
    }

    // MARK: - Named values

    var values: Record {
        var v = Record()
        v["keep_prob"] = .number(spec.keepProbability)
        v["input_keep_prob"] = .number(spec.inputKeepProbability)
        v["variant"] = .string(spec.variant)
        v["parameters"] = .integer(result.parameters)
        v["train_examples"] = .integer(result.trainingExamples)
        v["test_examples"] = .integer(result.testExamples)
        v["epochs"] = .integer(spec.training.epochs)
        v["diverged"] = .bool(!divergences.isEmpty)
        if let step = divergences.compactMap({ $0.network.divergence?.step }).min() { v["diverged_at_step"] = .integer(step) }
        v["scaled"] = .record(Record([
            "accuracy": .number(result.scaledAccuracy), "loss": .number(result.scaledLoss),
            "ms": .number(result.scaledSeconds * 1e3), "entropy": .number(result.scaledEntropy),
        ]))
        // Present (as NaN) even when the dropout network diverged, so that
        // expectations read a failing value instead of a missing name.
        let monteCarlo = result.monteCarlo.isEmpty
            ? spec.samples.map { DropoutEnsembleExperiment.MonteCarloResult(samples: $0, accuracy: .nan, loss: .nan, agreement: .nan, seconds: .nan) }
            : result.monteCarlo
        v["mc"] = .list(monteCarlo.map { mc in
            .record(Record([
                "key": .string(String(mc.samples)), "samples": .integer(mc.samples), "accuracy": .number(mc.accuracy),
                "loss": .number(mc.loss), "agreement": .number(mc.agreement), "ms": .number(mc.seconds * 1e3),
            ]))
        })
        v["dropout"] = .record(record(result.dropout))
        v["no_dropout"] = .record(record(result.plain))
        if let u = result.uncertainty {
            v["uncertainty"] = .record(Record([
                "samples": .integer(u.samples), "entropy": .number(u.entropy), "entropy_correct": .number(u.entropyCorrect),
                "entropy_wrong": .number(u.entropyWrong), "mutual_information": .number(u.mutualInformation),
                "disagreement": .number(u.disagreement),
            ]))
        }
        if let a = result.activations {
            v["activation"] = .record(Record([
                "samples": .integer(a.samples), "input_mean": .number(a.inputMean), "train_mean": .number(a.trainingMean),
                "eval_mean": .number(a.evaluationMean), "train_ratio": .number(a.trainingMean / a.inputMean),
                "eval_ratio": .number(a.evaluationMean / a.inputMean), "mismatch": .number(a.trainingMean / a.evaluationMean - 1),
            ]))
        }
        return v
    }

    private func record(_ network: NetworkResult) -> Record {
        var r = Record([
            "train_accuracy": .number(network.trainAccuracy), "test_accuracy": .number(network.testAccuracy),
            "gap": .number(network.gap), "train_loss": .number(network.trainLoss), "test_loss": .number(network.testLoss),
            "thinned_accuracy": .number(network.thinnedAccuracy), "diverged": .bool(network.divergence != nil),
        ])
        if let divergence = network.divergence { r["diverged_at_step"] = .integer(divergence.step) }
        return r
    }

    // MARK: - Presentation

    var presentation: [PresentationItem] {
        var items: [PresentationItem] = []
        for (name, network, isDropout) in divergences {
            guard let divergence = network.divergence else { continue }
            var text = "The network \(name) \(divergence) — its accuracies cannot be measured. "
                + "Lower the learning rate (now \(ReportFormat.number(spec.training.learningRate)))"
            if isDropout, result.plain.divergence == nil {
                text += ": dropout with p = \(ReportFormat.number(spec.keepProbability)) makes the gradients noisier and larger, "
                    + "and the same rate trained the network without dropout"
            }
            items.append(.warning(text + "."))
        }
        if result.dropout.divergence == nil {
            items.append(.metrics(metrics))
            items.append(.chart(chart))
            items.append(.table(ensembleTable))
        }
        items.append(.table(networkTable))
        if let note = uncertaintyNote { items.append(.note(note)) }
        if let note = activationNote { items.append(.note(note)) }
        return items
    }

    private var metrics: [Metric] {
        var out = [Metric(label: "weight scaling", value: ReportFormat.percent(result.scaledAccuracy),
                          detail: "test accuracy, one deterministic pass, \(ReportFormat.milliseconds(result.scaledSeconds))",
                          number: result.scaledAccuracy, style: .percent)]
        if let last = result.monteCarlo.last {
            out.append(Metric(label: "Monte-Carlo, K = \(last.samples)", value: ReportFormat.percent(last.accuracy),
                              detail: "test accuracy, \(last.samples) passes, \(ReportFormat.milliseconds(last.seconds))",
                              number: last.accuracy, style: .percent))
        }
        if result.plain.divergence == nil {
            out.append(Metric(label: "generalization gap", value: ReportFormat.percent(result.dropout.gap) + " vs " + ReportFormat.percent(result.plain.gap),
                              detail: "training − test accuracy, with vs without dropout"))
        }
        return out
    }

    private var chart: Chart {
        let x = result.monteCarlo.map { Double($0.samples) }
        let logX = (x.max() ?? 1) / max(x.min() ?? 1, 1) >= 10
        var references = [Chart.ReferenceLine(label: "weight scaling", y: result.scaledAccuracy)]
        if result.plain.divergence == nil {
            references.append(.init(label: "no dropout", y: result.plain.testAccuracy))
        }
        let summary = "Test accuracy of the Monte-Carlo average against the number of sampled masks K: "
            + result.monteCarlo.map { "K = \($0.samples): \(ReportFormat.percent($0.accuracy))" }.joined(separator: ", ")
            + "; weight scaling: \(ReportFormat.percent(result.scaledAccuracy))."
        return Chart(
            title: "Averaging more thinned networks approaches weight scaling", style: .line,
            xLabel: "sampled masks K" + (logX ? " (log scale)" : ""), yLabel: "test accuracy (%)",
            xScale: logX ? .log : .linear,
            series: [Chart.Series(name: "Monte-Carlo average", x: x, y: result.monteCarlo.map(\.accuracy))],
            referenceLines: references, summary: summary, yFormat: .percent)
    }

    private var ensembleTable: ResultTable {
        var rows: [[Cell]] = [[
            Cell("weight scaling", tone: .highlight), Cell("1"), Cell.percent(result.scaledAccuracy),
            Cell.number(result.scaledLoss), Cell("–"), Cell(ReportFormat.milliseconds(result.scaledSeconds, unit: false), value: result.scaledSeconds * 1e3),
        ]]
        for mc in result.monteCarlo {
            rows.append([
                Cell("MC, K = \(mc.samples)"), Cell(String(mc.samples)), Cell.percent(mc.accuracy),
                Cell.number(mc.loss), Cell.percent(mc.agreement), Cell(ReportFormat.milliseconds(mc.seconds, unit: false), value: mc.seconds * 1e3),
            ])
        }
        let scaling = spec.form == .inverted
            ? "Inverted dropout scaled the kept units by 1/p during training, so weight scaling is plain evaluation mode."
            : "Original dropout: evaluation mode multiplies every unit by p = \(ReportFormat.number(spec.keepProbability))."
        return ResultTable(
            caption: "The dropout network on \(result.testExamples) test examples. \(scaling) Monte-Carlo rows average the "
                + "softmax outputs of K passes with fresh masks (Monte-Carlo dropout); agreement is the fraction of test examples whose predicted "
                + "class is the weight-scaled one. Times are CPU time on one core (the wall time on an idle machine), for the whole test set"
                + " (weight scaling: median of \(DropoutEnsembleExperiment.timingRuns) runs).",
            columns: [.init("prediction", numeric: false), .init("forward passes"), .init("test accuracy"),
                      .init("test cross-entropy"), .init("agreement"), .init("time (ms)")],
            rows: rows)
    }

    private var networkTable: ResultTable {
        func row(_ name: String, _ n: NetworkResult) -> [Cell] {
            guard n.divergence == nil else { return Cell.divergedRow(name, count: 7) }
            return [Cell(name), Cell.percent(n.trainAccuracy), Cell.percent(n.testAccuracy), Cell.percent(n.gap),
                    Cell.number(n.trainLoss), Cell.number(n.testLoss), Cell.percent(n.thinnedAccuracy)]
        }
        var rows = [row("without dropout", result.plain), row("with dropout, p = \(ReportFormat.number(spec.keepProbability))", result.dropout)]
        // Tone the smaller gap and the lower test loss.
        if result.plain.divergence == nil, result.dropout.divergence == nil {
            let better = result.dropout.gap < result.plain.gap ? 1 : 0
            rows[better][3].tone = .good
            let lowerLoss = result.dropout.testLoss < result.plain.testLoss ? 1 : 0
            rows[lowerLoss][5].tone = .good
        }
        return ResultTable(
            caption: "\(spec.data.label): \(result.trainingExamples.grouped) training and \(result.testExamples.grouped) test examples; "
                + "hidden layers \(spec.hidden.map(String.init).joined(separator: "–")) (\(result.parameters.grouped) parameters), "
                + "the same initial weights and batches for both, trained with \(spec.training.label). "
                + "Both are measured in evaluation mode: accuracy, the gap (training minus test accuracy) and the "
                + "cross-entropy loss. The thinned column is the mean test accuracy of "
                + "\(DropoutEnsembleExperiment.thinningMasks) single passes with units dropped at random "
                + "(keep probability \(ReportFormat.number(spec.keepProbability))).",
            columns: [.init("network", numeric: false), .init("training acc."), .init("test acc."), .init("gap"),
                      .init("training loss"), .init("test loss"), .init("thinned")],
            rows: rows)
    }

    private var uncertaintyNote: String? {
        guard let u = result.uncertainty else { return nil }
        return "Across the \(u.samples) sampled networks, a pass predicts a different class from the average on "
            + "\(ReportFormat.percent(u.disagreement)) of the test examples. The averaged prediction has a mean entropy of "
            + "\(ReportFormat.number(u.entropy)) nats — \(ReportFormat.number(u.entropyCorrect)) on the examples it gets right, "
            + "\(ReportFormat.number(u.entropyWrong)) on those it gets wrong — of which \(ReportFormat.number(u.mutualInformation)) nats "
            + "(the mutual information) come from the sampled networks disagreeing."
    }

    private var activationNote: String? {
        guard let a = result.activations else { return nil }
        let p = ReportFormat.number(spec.keepProbability)
        let training = spec.form == .inverted
            ? "training mode keeps each unit with probability \(p) and divides it by \(p)"
            : "training mode keeps each unit with probability \(p) and leaves it as it is"
        return "The first hidden dropout layer on the test set: \(training), so over \(a.samples) masks its mean output is "
            + "\(ReportFormat.number(a.trainingMean / a.inputMean)) × its mean input; evaluation mode gives "
            + "\(ReportFormat.number(a.evaluationMean / a.inputMean)) × the input. The two agree to "
            + "\(ReportFormat.percent(abs(a.trainingMean / a.evaluationMean - 1), decimals: 2)), as they must for the next layer to see "
            + "the activations it was trained on."
    }
}
