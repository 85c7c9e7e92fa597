import LessonSupport

extension DropoutEnsembleKind {
    /// Key figures, the accuracy of the Monte-Carlo average against K, a table
    /// of the ways to predict and one of the two networks, and what the
    /// sampled networks' disagreement and the activations say.
    public static func present(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        let warnings = p.warnings { run in
            let values = RunValues(run)
            return [("with dropout", "dropout"), ("without dropout", "no_dropout")].compactMap { name, key in
                guard let divergence = values[key]["divergence"].text else { return nil }
                var text = "The network \(name) \(divergence) — its accuracies cannot be measured. "
                    + "Lower the learning rate (now \(ReportFormat.number(spec.training.learningRate)))"
                if key == "dropout", values["no_dropout"]["divergence"].first == nil {
                    text += ": dropout with p = \(ReportFormat.number(spec.keepProbability)) makes the gradients noisier and larger, "
                        + "and the same rate trained the network without dropout"
                }
                return text + "."
            }
        }
        // A run whose dropout network diverged measured nothing of it: the
        // rest is drawn from the other runs, and says so.
        if var others = p.subset({ RunValues($0)["dropout"]["diverged"].bool != true }) {
            let kept = others.runs.count, items = measured(spec, &others)
            return warnings + [.note("The network with dropout diverged in \(p.runs.count - kept) of \(p.runs.runsPhrase); "
                                     + "what follows is over the other \(kept).")] + others.finish(items)
        }
        return warnings + measured(spec, &p)
    }

    /// The figures, chart and tables; those of the dropout network when it trained.
    private static func measured(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        var items: [PresentationItem] = []
        if p["dropout"]["diverged"].noneTrue {
            items = [.metrics(metrics(&p)), chart(&p), ensembleTable(spec, &p)]
        }
        items.append(networkTable(spec, &p))
        if p["uncertainty"].values.allSatisfy({ $0 != nil }) { items.append(uncertaintyNote(p)) }
        if p["activation"].values.allSatisfy({ $0 != nil }) { items.append(activationNote(spec, p)) }
        return items
    }

    private static func percent(_ x: Double?) -> String { ReportFormat.percent(x ?? .nan) }
    private static func number(_ x: Double?) -> String { ReportFormat.number(x ?? .nan) }

    /// Milliseconds (the values' unit) to three significant digits.
    private static func milliseconds(_ ms: Double?, unit: Bool = true) -> String {
        guard let ms, !ms.isNaN else { return ReportFormat.missing }
        return ResultValue.format(ms, significant: 3) + (unit ? " ms" : "")
    }

    private static func metrics(_ p: inout Presenter) -> [Metric] {
        let scaled = p["scaled"], last = p["mc"][-1]
        var out = [p.metric("weight scaling", scaled["accuracy"], style: .percent,
                            detail: "test accuracy, one deterministic pass, \(milliseconds(scaled["ms"].mean))", format: percent)]
        if let samples = last["samples"].number {
            out.append(p.metric("Monte-Carlo, K = \(Int(samples))", last["accuracy"], style: .percent,
                                detail: "test accuracy, \(Int(samples)) passes, \(milliseconds(last["ms"].mean))", format: percent))
        }
        if p["no_dropout"]["diverged"].noneTrue {
            out.append(Metric(label: "generalization gap", value: percent(p["dropout"]["gap"].mean) + " vs " + percent(p["no_dropout"]["gap"].mean),
                              detail: "training − test accuracy, with vs without dropout"))
        }
        return out
    }

    private static func chart(_ p: inout Presenter) -> PresentationItem {
        let x = p["mc"].elements.map { $0["samples"].number ?? .nan }
        let logX = (x.max() ?? 1) / max(x.min() ?? 1, 1) >= 10
        var references = [Chart.ReferenceLine(label: "weight scaling", y: p["scaled"]["accuracy"].mean)]
        if p["no_dropout"]["diverged"].noneTrue {
            references.append(.init(label: "no dropout", y: p["no_dropout"]["test_accuracy"].mean))
        }
        // It quotes one run's numbers: over seeds the chart's own description reads the means.
        let summary = p.shared { run in
            let values = RunValues(run)
            return "Test accuracy of the Monte-Carlo average against the number of sampled masks K: "
                + values["mc"].elements.map { "K = \(Int($0["samples"].number ?? 0)): \(percent($0["accuracy"].number))" }.joined(separator: ", ")
                + "; weight scaling: \(percent(values["scaled"]["accuracy"].number))."
        }
        return p.chart(Chart(
            title: "Averaging more thinned networks approaches weight scaling", style: .line,
            xLabel: "sampled masks K" + (logX ? " (log scale)" : ""), yLabel: "test accuracy (%)",
            xScale: logX ? .log : .linear,
            series: [p.series("Monte-Carlo average", x: x, y: p["mc"].each("accuracy"))],
            referenceLines: references, summary: summary ?? "", yFormat: .percent))
    }

    private static func ensembleTable(_ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        typealias Cell = ResultTable.Cell
        let scaled = p["scaled"]
        var rows: [[Cell]] = [[
            Cell("weight scaling", tone: .highlight), Cell("1"), p.cell(scaled["accuracy"], style: .percent, format: percent),
            p.cell(scaled["loss"], format: number), Cell("–"), p.cell(scaled["ms"]) { milliseconds($0, unit: false) },
        ]]
        for mc in p["mc"].elements {
            let samples = Int(mc["samples"].number ?? 0)
            rows.append([
                Cell("MC, K = \(samples)"), Cell(String(samples)), p.cell(mc["accuracy"], style: .percent, format: percent),
                p.cell(mc["loss"], format: number), p.cell(mc["agreement"], style: .percent, format: percent),
                p.cell(mc["ms"]) { milliseconds($0, unit: false) },
            ])
        }
        let scaling = spec.form == .inverted
            ? "Inverted dropout scaled the kept units by 1/p during training, so weight scaling is plain evaluation mode."
            : "Original dropout: evaluation mode multiplies every unit by p = \(ReportFormat.number(spec.keepProbability))."
        return p.table(ResultTable(
            caption: "The dropout network on \(Int(p["test_examples"].number ?? 0)) test examples. \(scaling) Monte-Carlo rows average the "
                + "softmax outputs of K passes with fresh masks (Monte-Carlo dropout); agreement is the fraction of test examples whose predicted "
                + "class is the weight-scaled one. Times are CPU time on one core (the wall time on an idle machine), for the whole test set"
                + " (weight scaling: median of \(DropoutEnsembleExperiment.timingRuns) runs).",
            columns: [.init("prediction", numeric: false), .init("forward passes"), .init("test accuracy"),
                      .init("test cross-entropy"), .init("agreement"), .init("time (ms)")],
            rows: rows))
    }

    private static func networkTable(_ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        typealias Cell = ResultTable.Cell
        let fields: [(name: String, percent: Bool)] = [
            ("train_accuracy", true), ("test_accuracy", true), ("gap", true), ("train_loss", false), ("test_loss", false), ("thinned_accuracy", true),
        ]
        let plain = p["no_dropout"], dropout = p["dropout"]
        // The smaller gap and the lower test loss, by their means.
        var good: [String: String] = [:]
        if plain["diverged"].noneTrue, dropout["diverged"].noneTrue {
            good["gap"] = dropout["gap"].mean < plain["gap"].mean ? "dropout" : "no_dropout"
            good["test_loss"] = dropout["test_loss"].mean < plain["test_loss"].mean ? "dropout" : "no_dropout"
        }
        func row(_ name: String, _ key: String) -> [Cell] {
            [Cell(name)] + fields.enumerated().map { column, field in
                // A run that diverged has "diverged" in the first column and "–" in the others.
                var cell = p.cell(eachRun: p.runs.records.map { run in
                    let network = RunValues(run)[key]
                    guard network["diverged"].bool != true else { return column == 0 ? Cell("diverged", tone: .bad) : Cell(ReportFormat.missing) }
                    let x = network[field.name].number ?? .nan
                    return field.percent ? .percent(x) : .number(x)
                })
                if good[field.name] == key { cell.tone = .good }
                return cell
            }
        }
        let trainExamples = Int(p["train_examples"].number ?? 0), testExamples = Int(p["test_examples"].number ?? 0)
        return p.table(ResultTable(
            caption: "\(spec.data.label): \(trainExamples.grouped) training and \(testExamples.grouped) test examples; "
                + "hidden layers \(spec.hidden.map(String.init).joined(separator: "–")) (\(Int(p["parameters"].number ?? 0).grouped) parameters), "
                + "the same initial weights and batches for both, trained with \(spec.training.label). "
                + "Both are measured in evaluation mode: accuracy, the gap (training minus test accuracy) and the "
                + "cross-entropy loss. The thinned column is the mean test accuracy of "
                + "\(DropoutEnsembleExperiment.thinningMasks) single passes with units dropped at random "
                + "(keep probability \(ReportFormat.number(spec.keepProbability))).",
            columns: [.init("network", numeric: false), .init("training acc."), .init("test acc."), .init("gap"),
                      .init("training loss"), .init("test loss"), .init("thinned")],
            rows: [row("without dropout", "no_dropout"), row("with dropout, p = \(ReportFormat.number(spec.keepProbability))", "dropout")]))
    }

    private static func uncertaintyNote(_ p: Presenter) -> PresentationItem {
        p.note { run in
            let u = RunValues(run)["uncertainty"]
            return "Across the \(Int(u["samples"].number ?? 0)) sampled networks, a pass predicts a different class from the average on "
                + "\(percent(u["disagreement"].number)) of the test examples. The averaged prediction has a mean entropy of "
                + "\(number(u["entropy"].number)) nats — \(number(u["entropy_correct"].number)) on the examples it gets right, "
                + "\(number(u["entropy_wrong"].number)) on those it gets wrong — of which \(number(u["mutual_information"].number)) nats "
                + "(the mutual information) come from the sampled networks disagreeing."
        }
    }

    private static func activationNote(_ spec: Spec, _ p: Presenter) -> PresentationItem {
        let keep = ReportFormat.number(spec.keepProbability)
        let training = spec.form == .inverted
            ? "training mode keeps each unit with probability \(keep) and divides it by \(keep)"
            : "training mode keeps each unit with probability \(keep) and leaves it as it is"
        return p.note { run in
            let a = RunValues(run)["activation"]
            return "The first hidden dropout layer on the test set: \(training), so over \(Int(a["samples"].number ?? 0)) masks its mean output is "
                + "\(number(a["train_ratio"].number)) × its mean input; evaluation mode gives "
                + "\(number(a["eval_ratio"].number)) × the input. The two agree to "
                + "\(ReportFormat.percent(a["abs_mismatch"].number ?? .nan, decimals: 2)), as they must for the next layer to see "
                + "the activations it was trained on."
        }
    }
}
