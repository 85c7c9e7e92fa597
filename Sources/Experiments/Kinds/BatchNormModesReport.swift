import Foundation

/// Turns a batchnorm-modes run into named values, tables and a chart.
///
/// The named values:
/// ```
/// train_examples, test_examples, parameters, epochs, steps, last_batch, diverged, diverged_at_step (if it diverged)
/// train_accuracy
/// eval.{accuracy, loss}                     running averages, the whole test set at once
/// single.{accuracy, differ, examples}       running averages, one example at a time
/// batch_stats[i] / batch_stats.<B>.{key, batch_size, examples, accuracy, agreement, drop}
/// layers[i] / layers.bn<k>.{key, layer, units, mean_error_max, mean_error_median,
///     var_ratio_min, var_ratio_median, var_ratio_max}
/// mean_error_max, var_ratio_min, var_ratio_max   over every unit of every layer
/// ```
/// Accuracies are fractions; a layer's mean error is in population standard
/// deviations; `drop` is the evaluation-mode accuracy minus the batch-statistics one.
struct BatchNormModesReport {
    var spec: BatchNormModesKind.Spec
    var result: BatchNormModesExperiment.Result

    typealias Cell = ResultTable.Cell

    var outcome: ExperimentOutcome {
        ExperimentOutcome(values: values, presentation: presentation)
    }

    // MARK: - Named values

    var values: Record {
        var v = Record()
        v["train_examples"] = .integer(result.trainingExamples)
        v["test_examples"] = .integer(result.testExamples)
        v["parameters"] = .integer(result.parameters)
        v["epochs"] = .integer(spec.training.epochs)
        v["steps"] = .integer(result.steps)
        v["last_batch"] = .integer(result.lastBatch)
        v["diverged"] = .bool(result.divergence != nil)
        if let divergence = result.divergence { v["diverged_at_step"] = .integer(divergence.step) }
        v["train_accuracy"] = .number(result.trainAccuracy)
        v["eval"] = .record(Record(["accuracy": .number(result.evaluationAccuracy), "loss": .number(result.evaluationLoss)]))
        let diverged = result.divergence != nil
        v["single"] = .record(Record([
            "accuracy": .number(result.singleAccuracy), "differ": .integer(diverged ? result.testExamples : result.singleDiffering),
            "examples": .integer(result.testExamples),
        ]))
        // Present (as NaN) even when training diverged, so that expectations
        // read a failing value instead of a missing name.
        let batchStatistics = diverged
            ? spec.testBatchSizes.map { BatchNormModesExperiment.BatchStatisticsResult(batchSize: $0, examples: 0, accuracy: .nan, agreement: .nan) }
            : result.batchStatistics
        v["batch_stats"] = .list(batchStatistics.map { b in
            .record(Record([
                "key": .string(String(b.batchSize)), "batch_size": .integer(b.batchSize), "examples": .integer(b.examples),
                "accuracy": .number(b.accuracy), "agreement": .number(b.agreement), "drop": .number(result.evaluationAccuracy - b.accuracy),
            ]))
        })
        let layers = diverged
            ? spec.hidden.enumerated().map { BatchNormModesExperiment.LayerResult(index: 3 * $0.offset + 1, units: $0.element, meanErrors: [], varianceRatios: []) }
            : result.layers
        v["layers"] = .list(layers.enumerated().map { position, layer in
            .record(Record([
                "key": .string("bn\(position + 1)"), "layer": .integer(layer.index), "units": .integer(layer.units),
                "mean_error_max": .number(Self.maximum(layer.meanErrors)), "mean_error_median": .number(Self.median(layer.meanErrors)),
                "var_ratio_min": .number(Self.minimum(layer.varianceRatios)), "var_ratio_median": .number(Self.median(layer.varianceRatios)),
                "var_ratio_max": .number(Self.maximum(layer.varianceRatios)),
            ]))
        })
        v["mean_error_max"] = .number(Self.maximum(layers.flatMap(\.meanErrors)))
        v["var_ratio_min"] = .number(Self.minimum(layers.flatMap(\.varianceRatios)))
        v["var_ratio_max"] = .number(Self.maximum(layers.flatMap(\.varianceRatios)))
        return v
    }

    static func maximum(_ xs: [Double]) -> Double { xs.max() ?? .nan }
    static func minimum(_ xs: [Double]) -> Double { xs.min() ?? .nan }

    static func median(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return .nan }
        let sorted = xs.sorted(), middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    // MARK: - Presentation

    var presentation: [PresentationItem] {
        if let divergence = result.divergence {
            return [.warning("Training \(divergence) — the network's accuracies cannot be measured. "
                             + "Lower the learning rate (now \(ReportFormat.number(spec.training.learningRate))).")]
        }
        var items: [PresentationItem] = [.metrics(metrics), .chart(chart), .table(modesTable), .table(layerTable)]
        if result.lastBatch < min(spec.training.batchSize, result.trainingExamples) {
            items.append(.note("The \(result.trainingExamples.grouped) training examples fill \(result.trainingExamples / spec.training.batchSize) batches "
                               + "of \(spec.training.batchSize) and a last one of \(result.lastBatch) in every epoch. The running averages give that "
                               + "small batch's noisy statistics the same weight, \(ReportFormat.number(1 - spec.momentum)), as any other's, and it is the last "
                               + "update of training."))
        }
        if spec.testBatchSizes.first == 1 {
            items.append(.note("A test batch of 1 has no spread: batch statistics normalize every unit to 0, so the batch norm "
                               + "layer outputs β whatever the input, and every example gets the same prediction."))
        }
        return items
    }

    private var metrics: [Metric] {
        var out = [
            Metric(label: "evaluation mode", value: ReportFormat.percent(result.evaluationAccuracy),
                   detail: "test accuracy with the running averages, \(result.testExamples.grouped) examples at once",
                   number: result.evaluationAccuracy, style: .percent),
            Metric(label: "one example at a time", value: ReportFormat.percent(result.singleAccuracy),
                   detail: "evaluation mode; \(result.singleDiffering) prediction\(result.singleDiffering == 1 ? "" : "s") differ from the batched ones",
                   number: result.singleAccuracy, style: .percent),
        ]
        if let smallest = result.batchStatistics.first(where: { $0.batchSize > 1 }) ?? result.batchStatistics.first {
            out.append(Metric(label: "batch statistics, batches of \(smallest.batchSize)", value: ReportFormat.percent(smallest.accuracy),
                              detail: "test accuracy normalizing each test batch with its own mean and variance",
                              number: smallest.accuracy, style: .percent))
        }
        return out
    }

    private var chart: Chart {
        let x = result.batchStatistics.map { Double($0.batchSize) }
        let logX = (x.max() ?? 1) / max(x.min() ?? 1, 1) >= 10
        let summary = "Test accuracy with batch statistics against the test batch size: "
            + result.batchStatistics.map { "\($0.batchSize): \(ReportFormat.percent($0.accuracy))" }.joined(separator: ", ")
            + "; evaluation mode (running averages): \(ReportFormat.percent(result.evaluationAccuracy))."
        return Chart(
            title: "Batch statistics at test time approach the running averages only for large batches", style: .line,
            xLabel: "test batch size" + (logX ? " (log scale)" : ""), yLabel: "test accuracy (%)", xScale: logX ? .log : .linear,
            series: [Chart.Series(name: "batch statistics", x: x, y: result.batchStatistics.map(\.accuracy))],
            referenceLines: [.init(label: "evaluation mode", y: result.evaluationAccuracy)],
            summary: summary, yFormat: .percent)
    }

    private var modesTable: ResultTable {
        var rows: [[Cell]] = [
            [Cell("evaluation mode, whole test set", tone: .highlight), Cell("running averages", tone: .plain),
             Cell(result.testExamples.grouped, value: Double(result.testExamples), style: .integer),
             Cell.percent(result.evaluationAccuracy), Cell(ReportFormat.missing)],
            [Cell("evaluation mode, one example at a time"), Cell("running averages"),
             Cell(result.testExamples.grouped, value: Double(result.testExamples), style: .integer),
             Cell.percent(result.singleAccuracy),
             Cell.percent(1 - Double(result.singleDiffering) / Double(max(result.testExamples, 1)))],
        ]
        for b in result.batchStatistics {
            var accuracy = Cell.percent(b.accuracy)
            if b.accuracy < result.evaluationAccuracy - 0.05 { accuracy.tone = .bad }
            rows.append([
                Cell("batch statistics, batches of \(b.batchSize)"), Cell("its own batch"),
                Cell(b.examples.grouped, value: Double(b.examples), style: .integer),
                accuracy, Cell.percent(b.agreement),
            ])
        }
        return ResultTable(
            caption: "\(spec.data.label): \(result.trainingExamples.grouped) training and \(result.testExamples.grouped) test examples; "
                + "hidden layers \(spec.hidden.map(String.init).joined(separator: "–")), each dense → batch norm → ReLU "
                + "(\(result.parameters.grouped) parameters), trained with \(spec.training.label). "
                + "Evaluation mode normalizes with the running averages; batch statistics normalize each test batch with its own mean and "
                + "variance (the running averages are not updated), in consecutive batches of the shuffled test set — the leftover examples "
                + "that do not fill a batch are not predicted. Agreement is the fraction of predictions with the class evaluation mode gives.",
            columns: [.init("prediction", numeric: false), .init("normalized with", numeric: false), .init("examples"),
                      .init("test accuracy"), .init("agreement")],
            rows: rows)
    }

    private var layerTable: ResultTable {
        let rows: [[Cell]] = result.layers.enumerated().map { position, layer in
            let numbers = [Self.median(layer.meanErrors), Self.maximum(layer.meanErrors), Self.minimum(layer.varianceRatios),
                           Self.median(layer.varianceRatios), Self.maximum(layer.varianceRatios)]
            return [Cell("batch norm \(position + 1)"), Cell(String(layer.units), value: Double(layer.units), style: .integer)]
                + numbers.map(Cell.number)
        }
        return ResultTable(
            caption: "The running averages after \(result.steps.grouped) steps (momentum \(ReportFormat.number(spec.momentum))) against the statistics of each "
                + "batch norm layer's input over all \(result.trainingExamples.grouped) training examples, computed in evaluation mode (the layers "
                + "before it using their running averages, as at test time); the population variance divides by n, the running one averages "
                + "unbiased batch variances. Mean error: |running mean − population mean| / population standard deviation, over the units.",
            columns: [.init("layer", numeric: false), .init("units"), .init("mean error, median"), .init("mean error, max"),
                      .init("variance ratio, min"), .init("variance ratio, median"), .init("variance ratio, max")],
            rows: rows)
    }
}
