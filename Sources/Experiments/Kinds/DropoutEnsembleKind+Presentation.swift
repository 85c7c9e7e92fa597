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
        // A run whose dropout network diverged measured nothing of it: the rest is drawn from the other runs.
        let others = p.drawnFromOthers("The network with dropout diverged", failed: { RunValues($0)["dropout"]["diverged"].bool == true }) {
            measured(spec, &$0)
        }
        return warnings + (others ?? measured(spec, &p))
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

    private static func metrics(_ p: inout Presenter) -> [Metric] {
        let scaled = p["scaled"], last = p["mc"][-1]
        var out = [p.metric("weight scaling", scaled["accuracy"], style: .percent,
                            detail: "test accuracy, one deterministic pass, \(Presenter.number(scaled["ms"].mean)) ms", format: Presenter.percent)]
        if let samples = last["samples"].number {
            out.append(p.metric("Monte-Carlo, K = \(Int(samples))", last["accuracy"], style: .percent,
                                detail: "test accuracy, \(Int(samples)) passes, \(Presenter.number(last["ms"].mean)) ms", format: Presenter.percent))
        }
        if p["no_dropout"]["diverged"].noneTrue {
            out.append(Metric(label: "generalization gap",
                              value: Presenter.percent(p["dropout"]["gap"].mean) + " vs " + Presenter.percent(p["no_dropout"]["gap"].mean),
                              detail: "training − test accuracy, with vs without dropout"))
        }
        return out
    }

    private static func chart(_ p: inout Presenter) -> PresentationItem {
        var references = [Chart.ReferenceLine(label: "weight scaling", y: p["scaled"]["accuracy"].mean)]
        if p["no_dropout"]["diverged"].noneTrue {
            references.append(.init(label: "no dropout", y: p["no_dropout"]["test_accuracy"].mean))
        }
        return p.accuracyChart("Averaging more thinned networks approaches weight scaling", rows: p["mc"], x: "samples",
                               xLabel: "sampled masks K", line: "Monte-Carlo average", references: references) { run in
            let values = RunValues(run)
            return "Test accuracy of the Monte-Carlo average against the number of sampled masks K: "
                + values["mc"].elements.map { "K = \(Int($0["samples"].number ?? 0)): \(Presenter.percent($0["accuracy"].number))" }
                    .joined(separator: ", ")
                + "; weight scaling: \(Presenter.percent(values["scaled"]["accuracy"].number))."
        }
    }

    private static func ensembleTable(_ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        // Weight scaling is one pass: it has no sample count, nor an agreement with itself.
        let rows = [Presenter.Row(.init("weight scaling", tone: .highlight), values: p["scaled"])]
            + p["mc"].elements.map { Presenter.Row(.init("MC, K = \(Int($0["samples"].number ?? 0))"), values: $0) }
        let scaling = spec.form == .inverted
            ? "Inverted dropout scaled the kept units by 1/p during training, so weight scaling is plain evaluation mode."
            : "Original dropout: evaluation mode multiplies every unit by p = \(ReportFormat.number(spec.keepProbability))."
        return p.table(
            caption: "The dropout network on \(Int(p["test_examples"].number ?? 0)) test examples. \(scaling) Monte-Carlo rows average the "
                + "softmax outputs of K passes with fresh masks (Monte-Carlo dropout); agreement is the fraction of test examples whose predicted "
                + "class is the weight-scaled one. Times are CPU time on one core (the wall time on an idle machine), for the whole test set"
                + " (weight scaling: median of \(DropoutEnsembleExperiment.timingRuns) runs).",
            labels: ["prediction"], rows: rows,
            columns: [.init("forward passes") { _, row in .init(String(Int(row["samples"].number ?? 1))) },
                      .percent("test accuracy", "accuracy", format: Presenter.percent),
                      .number("test cross-entropy", "loss", format: Presenter.number),
                      .percent("agreement", "agreement", format: Presenter.percent), .number("time (ms)", "ms", format: Presenter.number)])
    }

    private static func networkTable(_ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        let plain = p["no_dropout"], dropout = p["dropout"]
        let trained = plain["diverged"].noneTrue && dropout["diverged"].noneTrue
        // The smaller gap and the lower test loss, by their means, when both trained.
        func lower(_ field: String) -> (Runs) -> ResultTable.Cell.Tone? {
            let best = dropout[field].mean < plain[field].mean ? "dropout" : "no_dropout"
            return { trained && $0["name"].text == best ? .good : nil }
        }
        let fields: [(title: String, field: String, style: NumberStyle)] = [
            ("training acc.", "train_accuracy", .percent), ("test acc.", "test_accuracy", .percent), ("gap", "gap", .percent),
            ("training loss", "train_loss", .plain), ("test loss", "test_loss", .plain), ("thinned", "thinned_accuracy", .percent),
        ]
        let columns = fields.enumerated().map { i, f in
            let column = Presenter.Column.unlessDiverged(f.title, f.field, style: f.style, first: i == 0)
            return ["gap", "test_loss"].contains(f.field) ? column.tone(lower(f.field)) : column
        }
        let trainExamples = Int(p["train_examples"].number ?? 0), testExamples = Int(p["test_examples"].number ?? 0)
        return p.table(
            caption: "\(spec.data.label): \(trainExamples.grouped) training and \(testExamples.grouped) test examples; "
                + "hidden layers \(spec.hidden.map(String.init).joined(separator: "–")) (\(Int(p["parameters"].number ?? 0).grouped) parameters), "
                + "the same initial weights and batches for both, trained with \(spec.training.label). "
                + "Both are measured in evaluation mode: accuracy, the gap (training minus test accuracy) and the "
                + "cross-entropy loss. The thinned column is the mean test accuracy of "
                + "\(DropoutEnsembleExperiment.thinningMasks) single passes with units dropped at random "
                + "(keep probability \(ReportFormat.number(spec.keepProbability))).",
            rows: Runs(p.runs.records.map { ResultValue.record($0) })
                .namedRows([("no_dropout", "without dropout"), ("dropout", "with dropout, p = \(ReportFormat.number(spec.keepProbability))")]),
            columns: [.text("network", "label")] + columns)
    }

    private static func uncertaintyNote(_ p: Presenter) -> PresentationItem {
        p.note { run in
            let u = RunValues(run)["uncertainty"]
            func number(_ field: String) -> String { Presenter.number(u[field].number) }
            return "Across the \(Int(u["samples"].number ?? 0)) sampled networks, a pass predicts a different class from the average on "
                + "\(Presenter.percent(u["disagreement"].number)) of the test examples. The averaged prediction has a mean entropy of "
                + "\(number("entropy")) nats — \(number("entropy_correct")) on the examples it gets right, "
                + "\(number("entropy_wrong")) on those it gets wrong — of which \(number("mutual_information")) nats "
                + "(the mutual information) come from the sampled networks disagreeing."
        }
    }

    private static func activationNote(_ spec: Spec, _ p: Presenter) -> PresentationItem {
        let keep = ReportFormat.number(spec.keepProbability)
        let scaling = spec.form == .inverted ? "divides it by \(keep)" : "leaves it as it is"
        return p.note { run in
            let a = RunValues(run)["activation"]
            return "The first hidden dropout layer on the test set: training mode keeps each unit with probability \(keep) and \(scaling), "
                + "so over \(Int(a["samples"].number ?? 0)) masks its mean output is "
                + "\(Presenter.number(a["train_ratio"].number)) × its mean input; evaluation mode gives "
                + "\(Presenter.number(a["eval_ratio"].number)) × the input. The two agree to "
                + "\(ReportFormat.percent(a["abs_mismatch"].number ?? .nan, decimals: 2)), as they must for the next layer to see "
                + "the activations it was trained on."
        }
    }
}
