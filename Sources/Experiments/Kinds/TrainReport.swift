import Foundation

/// Turns a `train` run into named values, tables and charts.
///
/// The named values (every leaf is a number, so `seeds:` can average it):
/// ```
/// train_examples, validation_examples, test_examples, variant_count
/// variants[i] or variants.<name>.{
///     value                      the swept value, when vary: sweeps a number
///     parameters, steps, steps_per_epoch, epochs, batch_size (0 for all), learning_rate, weight_decay, keep_prob
///     train_loss, train_accuracy, validation_loss, validation_accuracy, test_loss, test_accuracy, test_error
///     ms, ms_per_epoch           training time (CPU time on one core, ThreadCPUClock)
///     weight_norm, initial_weight_norm   ‖W‖ over every weight matrix (biases and norm parameters excluded)
///     relative_change            ‖W − W₀‖ / ‖W₀‖ over every weight matrix
///     median_relative_change     the median over layers of each layer's ‖W − W₀‖ / ‖W₀‖
///     dead_fraction              ReLU units never active on the training set (NaN without ReLUs)
///     condition_number           λmax/λmin of XᵀX/n of the training inputs (≤ 16 features, else NaN)
///     momentum (momentum), beta1 (adam), beta2, epsilon (adam, rmsprop), l1
///     best_epoch, stopped_at     with patience: the epoch of the lowest validation loss, the last epoch trained
///     epochs_run                 epochs trained (fewer than epochs after early stopping or divergence)
///     reached_target             with target_loss: true if a batch's loss reached it
///     steps_to_target            with target_loss: the first step whose batch loss reached it (NaN if none)
///     last_epoch_loss_sd, last_epoch_loss_mean   standard deviation and mean of the batch losses in the last epoch
///     last_epoch_loss_cv         their ratio sd / mean (the noise relative to the loss level)
///     diverged (true or false), diverged_at_step (0 if not)
///     curve.{train_loss, validation_loss, validation_accuracy, learning_rate}[epoch − 1]
///     curve.step_loss[step − 1]  with curve: step, the loss of every mini-batch
///     layers[j].{activation_mean, activation_sd, weight_norm, relative_change, dead_fraction}
/// }
/// ```
/// Losses are mean cross-entropies (nats) or mean squared errors; accuracies
/// fractions, measured after training in evaluation mode.
struct TrainReport {
    var spec: TrainKind.Spec
    var result: TrainExperiment.Result

    typealias Cell = ResultTable.Cell
    typealias VariantResult = TrainExperiment.VariantResult

    var outcome: ExperimentOutcome {
        ExperimentOutcome(values: values, presentation: presentation)
    }

    var isRegression: Bool { spec.data.source.isRegression }
    var pairs: [(variant: TrainKind.Variant, result: VariantResult)] {
        Array(zip(spec.variants, result.variants))
    }

    // MARK: - Named values

    var values: Record {
        var v = Record()
        v["train_examples"] = .integer(result.trainingExamples)
        v["validation_examples"] = .integer(result.validationExamples)
        v["test_examples"] = .integer(result.testExamples)
        v["variant_count"] = .integer(spec.variants.count)
        v["variants"] = .list(pairs.map { .record(record($0.variant, $0.result)) })
        return v
    }

    private func record(_ variant: TrainKind.Variant, _ r: VariantResult) -> Record {
        let s = variant.settings
        var out = Record()
        out["name"] = .string(variant.name)
        out["label"] = .string(variant.label)
        if let value = variant.value { out["value"] = .number(value) }
        if let varied = spec.varied { out["varied"] = .string(varied) }
        out["parameters"] = .integer(r.parameters)
        out["steps"] = .integer(r.steps)
        out["steps_per_epoch"] = .integer(r.stepsPerEpoch)
        out["epochs"] = .integer(s.epochs)
        out["batch_size"] = .integer(s.batchSize ?? 0)
        out["learning_rate"] = .number(s.resolvedLearningRate)
        out["weight_decay"] = .number(s.weightDecay)
        out["l1"] = .number(s.tuning.l1)
        switch s.optimizer {
        case .momentum: out["momentum"] = .number(s.tuning.momentum ?? 0.9)
        case .adam:
            out["beta1"] = .number(s.tuning.beta1 ?? 0.9)
            out["beta2"] = .number(s.tuning.resolvedBeta2(s.optimizer))
            out["epsilon"] = .number(s.tuning.epsilon ?? 1e-8)
        case .rmsprop:
            out["beta2"] = .number(s.tuning.resolvedBeta2(s.optimizer))
            out["epsilon"] = .number(s.tuning.epsilon ?? 1e-8)
        case .sgd: break
        }
        if s.tuning.patience != nil {
            out["best_epoch"] = .integer(r.bestEpoch ?? 0)
            out["stopped_at"] = .integer(r.stoppedAt ?? 0)
        }
        out["epochs_run"] = .integer(r.epochTrainLoss.count)
        out["keep_prob"] = .number(s.keepProbability)
        out["train_loss"] = .number(r.trainLoss)
        out["train_accuracy"] = .number(r.trainAccuracy)
        out["validation_loss"] = .number(r.validationLoss)
        out["validation_accuracy"] = .number(r.validationAccuracy)
        out["test_loss"] = .number(r.testLoss)
        out["test_accuracy"] = .number(r.testAccuracy)
        out["test_error"] = .number(1 - r.testAccuracy)
        out["ms"] = .number(r.seconds * 1e3)
        out["ms_per_epoch"] = .number(r.seconds * 1e3 / Double(max(s.epochs, 1)))
        out["weight_norm"] = .number(r.weightNorm)
        out["initial_weight_norm"] = .number(r.initialWeightNorm)
        out["relative_change"] = .number(r.relativeChange)
        out["median_relative_change"] = .number(r.medianRelativeChange)
        out["dead_fraction"] = .number(r.deadFraction)
        out["condition_number"] = .number(r.conditionNumber)
        if spec.targetLoss != nil { out["reached_target"] = .bool(r.stepsToTarget != nil) }
        out["steps_to_target"] = .number(r.stepsToTarget.map(Double.init) ?? .nan)
        out["last_epoch_loss_sd"] = .number(r.lastEpochLossSD)
        out["last_epoch_loss_mean"] = .number(r.lastEpochLossMean)
        out["last_epoch_loss_cv"] = .number(r.lastEpochLossSD / r.lastEpochLossMean)
        out["diverged"] = .bool(r.divergence != nil)
        out["diverged_at_step"] = .integer(r.divergence?.step ?? 0)
        var curve = Record([
            "train_loss": .numbers(r.epochTrainLoss), "validation_loss": .numbers(r.epochValidationLoss),
            "validation_accuracy": .numbers(r.epochValidationAccuracy), "learning_rate": .numbers(r.epochLearningRate),
        ])
        if spec.curve == .step { curve["step_loss"] = .numbers(r.stepLoss) }
        out["curve"] = .record(curve)
        out["layers"] = .list(r.layers.map { layer in
            var l = Record()
            l["name"] = .string(layer.name)
            l["activation_mean"] = .number(layer.activationMean)
            l["activation_sd"] = .number(layer.activationStandardDeviation)
            l["weight_norm"] = .number(layer.weightNorm ?? .nan)
            l["relative_change"] = .number(layer.relativeChange ?? .nan)
            l["dead_fraction"] = .number(layer.deadFraction ?? .nan)
            return .record(l)
        })
        return out
    }

    // MARK: - Presentation

    var presentation: [PresentationItem] {
        var items: [PresentationItem] = []
        for (variant, r) in pairs {
            guard let divergence = r.divergence else { continue }
            items.append(.warning("Variant \(variant.label) \(divergence): its final losses and accuracies cannot be measured. "
                + "A smaller learning rate (now \(ReportFormat.number(variant.settings.resolvedLearningRate))) would keep it finite."))
        }
        items.append(.table(metricsTable))
        items += curveCharts.map { .chart($0) }
        if let chart = sweepChart { items.append(.chart(chart)) }
        if spec.showLayers { items.append(.table(layerTable)) }
        return items
    }

    private var metricsTable: ResultTable {
        var columns: [ResultTable.Column] = [.init("variant", numeric: false)]
        columns += isRegression
            ? [.init("training loss"), .init("validation loss"), .init("test loss")]
            : [.init("training loss"), .init("test loss"), .init("training acc."), .init("validation acc."), .init("test acc.")]
        columns += [.init("steps"), .init("steps / epoch"), .init("ms / epoch"), .init("‖W‖"), .init("‖W − W₀‖ / ‖W₀‖"), .init("dead ReLUs")]
        if spec.targetLoss != nil { columns.append(.init("steps to target")) }
        var rows: [[Cell]] = []
        for (variant, r) in pairs {
            var row = [Cell(variant.label)]
            if r.divergence != nil {
                row = Cell.divergedRow(variant.label, count: 1 + (isRegression ? 3 : 5))
            } else if isRegression {
                row += [Cell.number(r.trainLoss), Cell.number(r.validationLoss), Cell.number(r.testLoss)]
            } else {
                row += [Cell.number(r.trainLoss), Cell.number(r.testLoss), Cell.percent(r.trainAccuracy),
                        Cell.percent(r.validationAccuracy), Cell.percent(r.testAccuracy)]
            }
            row += [Cell(r.steps.grouped, value: Double(r.steps), style: .integer),
                    Cell(r.stepsPerEpoch.grouped, value: Double(r.stepsPerEpoch), style: .integer),
                    Cell.number(r.seconds * 1e3 / Double(max(variant.settings.epochs, 1))),
                    Cell.number(r.weightNorm), Cell.percent(r.relativeChange), Cell.percent(r.deadFraction)]
            if spec.targetLoss != nil {
                row.append(r.stepsToTarget.map { Cell($0.grouped, value: Double($0), style: .integer) } ?? Cell("not reached"))
            }
            rows.append(row)
        }
        // Tone the best test figure.
        let scores = result.variants.map { isRegression ? -$0.testLoss : $0.testAccuracy }
        if rows.count > 1, let best = scores.indices.filter({ !scores[$0].isNaN }).max(by: { scores[$0] < scores[$1] }) {
            let column = isRegression ? 3 : 5
            rows[best][column].tone = .good
        }
        let first = spec.variants.first?.settings ?? TrainSettings()
        let architecture = first.explicitLayers.map { ModelDescriptionText.stack($0) }
            ?? (first.hidden.isEmpty ? "no hidden layer" : "hidden layers " + first.hidden.map(String.init).joined(separator: "–"))
        return ResultTable(
            caption: "\(spec.data.label): \(result.trainingExamples.grouped) training, \(result.validationExamples.grouped) validation and "
                + "\(result.testExamples.grouped) test examples\(spec.labelNoise > 0 ? " (\(ReportFormat.percent(spec.labelNoise)) of the training labels replaced at random)" : ""). "
                + "Unless a variant says otherwise: \(architecture), \(first.recipe.label.replacingOccurrences(of: "batches of \(Int.max)", with: "the whole training set")). "
                + "Every variant starts from the same data, batches and (for the same architecture) initial weights. "
                + "Losses and accuracies are measured after training in evaluation mode; ‖W‖ is the norm of all weight matrices together, "
                + "its change relative to the initial weights; dead ReLUs never fire on the training set; times are CPU time on one core (the wall time on an idle machine).",
            columns: columns, rows: rows)
    }

    /// With a numeric sweep of 3 values or more: the final figures against the swept value.
    private var sweepChart: Chart? {
        guard let varied = spec.varied, spec.variants.count >= 3 else { return nil }
        let points = pairs.compactMap { pair in pair.variant.value.map { ($0, pair.result) } }
        guard points.count == spec.variants.count else { return nil }
        let x = points.map(\.0)
        let positive = x.filter { $0 > 0 }
        let logX = positive.count >= 2 && (positive.max() ?? 1) / (positive.min() ?? 1) >= 50
        // Zero cannot sit on a log axis: draw it at a tenth of the smallest positive value.
        let shown = logX ? x.map { $0 > 0 ? $0 : (positive.min() ?? 1) / 10 } : x
        // One pair of lines per named variant when `variants:` and `vary:` are
        // both used: a single line through every point would join them.
        let groups = pairs.map { $0.variant.group }
        var order: [String?] = []
        for group in groups where !order.contains(group) { order.append(group) }
        var series: [Chart.Series] = []
        for group in order {
            let members = points.indices.filter { groups[$0] == group }
            let xs = members.map { shown[$0] }, results = members.map { points[$0].1 }
            // A group is named by the name its author gave it, not its settings (the table lists those).
            let title = members.first.flatMap { pairs[$0].variant.title }.flatMap { TrainKind.isGeneratedName($0) ? nil : $0 }
            let prefix = (title ?? group).map { $0 + ": " } ?? ""
            if isRegression {
                series += [Chart.Series(name: prefix + "training loss", x: xs, y: results.map(\.trainLoss)),
                           Chart.Series(name: prefix + "test loss", x: xs, y: results.map(\.testLoss))]
            } else {
                series += [Chart.Series(name: prefix + "training accuracy", x: xs, y: results.map(\.trainAccuracy), dashed: true),
                           Chart.Series(name: prefix + "test accuracy", x: xs, y: results.map(\.testAccuracy))]
            }
        }
        return Chart(
            title: "Final \(isRegression ? "losses" : "accuracies") against \(varied)", style: .line,
            xLabel: varied + (logX ? " (log scale\(x.contains(0) ? "; 0 drawn at a tenth of the smallest value" : ""))" : ""),
            yLabel: isRegression ? "loss" : "accuracy (%)", xScale: logX ? .log : .linear, series: series,
            summary: "Training and test \(isRegression ? "loss" : "accuracy") after training for each value of \(varied): "
                + points.map { "\(ResultValue.format($0.0)): \(isRegression ? ReportFormat.number($0.1.testLoss) : ReportFormat.percent($0.1.testAccuracy))" }
                    .joined(separator: ", ") + ".",
            yFormat: isRegression ? .plain : .percent)
    }

    private var layerTable: ResultTable {
        var rows: [[Cell]] = []
        for (variant, r) in pairs {
            for layer in r.layers {
                rows.append([
                    Cell(variant.name), Cell(String(layer.index + 1)), Cell(layer.name, tone: .plain),
                    // Cells that keep their numbers, so runs over several seeds show mean ± sd.
                    Cell.number(layer.activationMean), Cell.number(layer.activationStandardDeviation),
                    layer.weightNorm.map(Cell.number) ?? Cell("–"), layer.relativeChange.map(Cell.percent) ?? Cell("–"),
                    layer.deadFraction.map(Cell.percent) ?? Cell("–"),
                ])
            }
        }
        return ResultTable(
            caption: "Every layer after training, on the training set in evaluation mode: the mean and standard deviation of its outputs, "
                + "the norm of its weights and their change since initialization, and for ReLUs the fraction of units that never fire.",
            columns: [.init("variant", numeric: false), .init("#"), .init("layer", numeric: false), .init("output mean"),
                      .init("output sd"), .init("‖W‖"), .init("change"), .init("dead")],
            rows: rows)
    }
}
