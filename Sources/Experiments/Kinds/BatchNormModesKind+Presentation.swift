import LessonSupport

extension BatchNormModesKind {
    /// Key figures, the accuracy with batch statistics against the test batch
    /// size, a table of the ways to predict and one of the running averages
    /// against the population statistics, layer by layer.
    public static func present(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        let warnings = p.warnings { run in
            guard let divergence = RunValues(run)["divergence"].text else { return [] }
            return ["Training \(divergence) — the network's accuracies cannot be measured. "
                    + "Lower the learning rate (now \(ReportFormat.number(spec.training.learningRate)))."]
        }
        // A run that diverged measured nothing: the rest is drawn from the other runs, if any.
        guard p["diverged"].noneTrue else {
            let others = p.drawnFromOthers("Training diverged", failed: { RunValues($0)["diverged"].bool == true }) { measured(spec, &$0) }
            return warnings + (others ?? [])
        }
        return measured(spec, &p)
    }

    /// The figures, chart, tables and notes of runs that trained.
    private static func measured(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        var items: [PresentationItem] = [.metrics(metrics(&p)), chart(&p), modesTable(spec, &p), layerTable(spec, &p)]
        let trainExamples = Int(p["train_examples"].number ?? 0), lastBatch = Int(p["last_batch"].number ?? 0)
        if lastBatch < min(spec.training.batchSize, trainExamples) {
            items.append(.note("The \(trainExamples.grouped) training examples fill \(trainExamples / spec.training.batchSize) batches "
                               + "of \(spec.training.batchSize) and a last one of \(lastBatch) in every epoch. The running averages give that "
                               + "small batch's noisy statistics the same weight, \(ReportFormat.number(1 - spec.momentum)), as any other's, and it is the last "
                               + "update of training."))
        }
        if spec.testBatchSizes.first == 1 {
            items.append(.note("A test batch of 1 has no spread: batch statistics normalize every unit to 0, so the batch norm "
                               + "layer outputs β whatever the input, and every example gets the same prediction."))
        }
        return items
    }

    private static func metrics(_ p: inout Presenter) -> [Metric] {
        let examples = Int(p["test_examples"].number ?? 0), differ = p["single"]["differ"]
        // A count every run agrees on is written as it is; else its mean.
        let differing = differ.agrees ? String(Int(differ.number ?? 0)) : ResultValue.format(differ.mean, significant: 3)
        var out = [
            p.metric("evaluation mode", p["eval"]["accuracy"], style: .percent,
                     detail: "test accuracy with the running averages, \(examples.grouped) examples at once", format: Presenter.percent),
            p.metric("one example at a time", p["single"]["accuracy"], style: .percent,
                     detail: "evaluation mode; \(differing) prediction\(differing == "1" ? "" : "s") differ from the batched ones", format: Presenter.percent),
        ]
        let batches = p["batch_stats"].elements
        if let smallest = batches.first(where: { ($0["batch_size"].number ?? 0) > 1 }) ?? batches.first {
            out.append(p.metric("batch statistics, batches of \(Int(smallest["batch_size"].number ?? 0))", smallest["accuracy"], style: .percent,
                                detail: "test accuracy normalizing each test batch with its own mean and variance", format: Presenter.percent))
        }
        return out
    }

    private static func chart(_ p: inout Presenter) -> PresentationItem {
        p.accuracyChart("Batch statistics at test time approach the running averages only for large batches", rows: p["batch_stats"],
                        x: "batch_size", xLabel: "test batch size", line: "batch statistics",
                        references: [.init(label: "evaluation mode", y: p["eval"]["accuracy"].mean)]) { run in
            let values = RunValues(run)
            return "Test accuracy with batch statistics against the test batch size: "
                + values["batch_stats"].elements.map { "\(Int($0["batch_size"].number ?? 0)): \(Presenter.percent($0["accuracy"].number))" }
                    .joined(separator: ", ")
                + "; evaluation mode (running averages): \(Presenter.percent(values["eval"]["accuracy"].number))."
        }
    }

    private static func modesTable(_ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        typealias Cell = ResultTable.Cell
        let evaluation = p["eval"]["accuracy"]
        func count(_ v: Runs) -> Cell { p.cell(v, style: .integer) { $0.isFinite ? Int($0).grouped : ResultValue.format($0) } }
        func percent(_ v: Runs, tone: Cell.Tone = .plain) -> Cell { p.cell(v, style: .percent, tone: tone, format: Presenter.percent) }
        var rows: [[Cell]] = [
            [Cell("evaluation mode, whole test set", tone: .highlight), Cell("running averages"), count(p["test_examples"]),
             percent(evaluation), .missing],
            [Cell("evaluation mode, one example at a time"), Cell("running averages"), count(p["test_examples"]), percent(p["single"]["accuracy"]),
             p.cell { run in .percent(1 - run.number("single", "differ") / max(run.number("test_examples"), 1)) }],
        ]
        for b in p["batch_stats"].elements {
            // Marked when, on average, it loses more than 5 points to evaluation mode.
            rows.append([Cell("batch statistics, batches of \(Int(b["batch_size"].number ?? 0))"), Cell("its own batch"), count(b["examples"]),
                         percent(b["accuracy"], tone: b["accuracy"].mean < evaluation.mean - 0.05 ? .bad : .plain), percent(b["agreement"])])
        }
        let trainExamples = Int(p["train_examples"].number ?? 0), testExamples = Int(p["test_examples"].number ?? 0)
        return p.table(ResultTable(
            caption: "\(spec.data.label): \(trainExamples.grouped) training and \(testExamples.grouped) test examples; "
                + "hidden layers \(spec.hidden.map(String.init).joined(separator: "–")), each dense → batch norm → ReLU "
                + "(\(Int(p["parameters"].number ?? 0).grouped) parameters), trained with \(spec.training.label). "
                + "Evaluation mode normalizes with the running averages; batch statistics normalize each test batch with its own mean and "
                + "variance (the running averages are not updated), in consecutive batches of the shuffled test set — the leftover examples "
                + "that do not fill a batch are not predicted. Agreement is the fraction of predictions with the class evaluation mode gives.",
            columns: [.init("prediction", numeric: false), .init("normalized with", numeric: false), .init("examples"),
                      .init("test accuracy"), .init("agreement")],
            rows: rows))
    }

    private static func layerTable(_ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        let steps = Int(p["steps"].number ?? 0), trainExamples = Int(p["train_examples"].number ?? 0)
        return p.table(
            caption: "The running averages after \(steps.grouped) steps (momentum \(ReportFormat.number(spec.momentum))) against the statistics of each "
                + "batch norm layer's input over all \(trainExamples.grouped) training examples, computed in evaluation mode (the layers "
                + "before it using their running averages, as at test time); the population variance divides by n, the running one averages "
                + "unbiased batch variances. Mean error: |running mean − population mean| / population standard deviation, over the units.",
            labels: ["layer"], rows: p["layers"].elements.enumerated().map { .init(.init("batch norm \($0 + 1)"), values: $1) },
            columns: [.count("units", "units")]
                + [("mean error, median", "mean_error_median"), ("mean error, max", "mean_error_max"), ("variance ratio, min", "var_ratio_min"),
                   ("variance ratio, median", "var_ratio_median"), ("variance ratio, max", "var_ratio_max")]
                .map { Presenter.Column.number($0, $1, format: Presenter.number) })
    }
}
