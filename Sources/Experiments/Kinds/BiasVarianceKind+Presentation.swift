import LessonSupport

extension BiasVarianceKind {
    /// Key figures, the chart and table of the sweep with the rule, and with
    /// a decomposition its chart and table. Over seeds the highlighted rows
    /// and the "high" marks follow the means the cells show.
    public static func present(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        var items: [PresentationItem] = [.metrics(metrics(spec, &p))]
        if spec.family != .errors && spec.capacities.count > 1 { items.append(errorChart(spec, &p)) }
        items.append(sweepTable(spec, &p))
        items.append(.note("Rule: avoidable bias = training error − base error (\(spec.error(spec.baseError))); variance = validation error − "
            + "training error. High bias if the avoidable bias exceeds \(spec.error(spec.biasThreshold)), high variance if the "
            + "variance exceeds \(spec.error(spec.varianceThreshold)); both, or neither. High bias calls for a bigger model or "
            + "longer training; high variance for more data or regularization."))
        items += p.warnings { run in
            run.records("rows").compactMap { row in
                guard case .string(let divergence)? = row["divergence"] else { return nil }
                return "The model with \(spec.capacityLabel(of: row)) \(divergence) — its errors are not defined. "
                    + "A smaller learning rate usually cures this."
            }
        }
        if spec.family != .errors, spec.data.source.isRegression, spec.baseError == 0 {
            items.append(.note("No model can predict the noise: the best achievable mean squared error is the noise variance "
                               + "σ² = \(ReportFormat.number(spec.data.noise * spec.data.noise)). Set base_error to it to measure the avoidable bias."))
        }
        guard p.first["decomposition"] != nil else { return items }
        items += [decompositionChart(spec, &p), decompositionTable(spec, &p)]
        items += p.warnings { run in
            let failed = run.records("decomposition").compactMap { point -> String? in
                guard let n = point["diverged_resamples"]?.doubleValue, n > 0 else { return nil }
                return "\(Int(n)) resample\(n == 1 ? "" : "s") of \(spec.capacityLabel(of: point))"
            }
            return failed.isEmpty ? [] : ["Training diverged on " + failed.joined(separator: ", ") + "; those fits are left out of the averages."]
        }
        return items
    }

    private static func metrics(_ spec: Spec, _ p: inout Presenter) -> [Metric] {
        func diagnoses(_ r: Record) -> [String] { (r.at("rows", "diagnosis")?.listItems ?? []).map(Presenter.plainText) }
        var out: [Metric] = []
        if spec.family == .errors {
            for diagnosis in BiasVarianceDiagnosis.allCases {
                let count = diagnoses(p.first).filter { $0 == diagnosis.rawValue }.count
                if count > 0 { out.append(Metric(label: diagnosis.rawValue, value: String(count), detail: count == 1 ? "case" : "cases")) }
            }
        } else {
            if p.first["best"] != nil {
                out.append(p.choice("lowest validation error") { r in
                    // A seed whose every model diverged has no best.
                    guard let capacity = r.at("best", "capacity")?.doubleValue, capacity.isFinite else { return ("none measured", "") }
                    return (spec.capacityLabel(Int(capacity)),
                            "\(spec.error(r.number("best", "validation_error"))) (training \(spec.error(r.number("best", "train_error"))))")
                })
            }
            if spec.capacities.count > 1 {
                for (label, index) in [("smallest model", 0), ("largest model", spec.capacities.count - 1)] {
                    out.append(p.choice(label) { r in
                        let all = diagnoses(r)
                        return (all.indices.contains(index) ? all[index] : ReportFormat.missing, spec.capacityLabel(spec.capacities[index]))
                    })
                }
            }
        }
        if p.first["optimum"] != nil {
            out.append(p.choice("lowest expected test error") { r in
                guard let capacity = r.at("optimum", "capacity")?.doubleValue, capacity.isFinite else { return ("none measured", "") }
                return (spec.capacityLabel(Int(capacity)),
                        "MSE \(ReportFormat.number(r.number("optimum", "test_mse"))) over \(spec.resamples.grouped) training sets")
            })
            out.append(p.metric("bias² + variance + noise vs measured", p["max_discrepancy"], style: .percent,
                                detail: "largest relative difference") { ReportFormat.percent($0, decimals: 1) })
        }
        return out
    }

    private static func sweepTable(_ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        let rows = p["rows"]
        let best = spec.family == .errors ? nil : p.lowestMean(rows, "validation_error")
        func error(_ title: String, _ field: String) -> Presenter.Column {
            Presenter.Column(title) { p, row in p.cell(row[field], style: spec.errorStyle) { spec.error($0) } }
        }
        let parameters: [Presenter.Column] = spec.family == .errors || spec.family == .degrees
            ? [] : [.label("parameters", "parameters", format: Presenter.grouped)]
        let columns: [Presenter.Column] = [.label(spec.capacityName, "capacity").highlighted(best, in: rows)] + parameters + [
            error("training error", "train_error"),
            error("validation error", "validation_error").highlighted(best, in: rows),
            error("avoidable bias", "avoidable_bias").bad("avoidable_bias", above: spec.biasThreshold),
            error("variance (val − train)", "variance").bad("variance", above: spec.varianceThreshold),
            Presenter.Column.text("diagnosis", "diagnosis").tone { $0["diagnosis"].text == BiasVarianceDiagnosis.neither.rawValue ? .good : .bad },
        ]
        guard spec.family != .errors else {
            let caption = "Given training and validation errors, diagnosed with base error \(spec.error(spec.baseError))."
            return p.table(caption: caption, rows: rows, columns: columns)
        }
        let trained = ", trained with \(spec.training.label)."
        let model = switch spec.family {
        case .hidden: "One hidden layer of \(spec.activation) units" + trained
        case .depth: "Hidden layers of \(spec.width) \(spec.activation) units" + trained
        default:
            "Least-squares polynomials"
                + (spec.training.weightDecay > 0 ? " with ridge penalty λ = \(ReportFormat.number(spec.training.weightDecay))" : "") + "."
        }
        let caption = "\(spec.data.label): \(spec.trainSize.grouped) training and \(spec.validationSize.grouped) validation examples. " + model
            + " Errors are " + (spec.isClassification ? "fractions misclassified" : "mean squared errors") + "."
            + (best != nil ? " Highlighted: the lowest validation error." : "")
        return p.table(caption: caption, rows: rows, columns: columns)
    }

    /// A line chart against the capacities, on a log axis when they span a factor of 30 or more.
    private static func capacityChart(_ spec: Spec, _ title: String, yLabel: String, series: [Chart.Series]) -> Chart {
        var log = false
        if let lowest = spec.capacities.first, let highest = spec.capacities.last { log = lowest > 0 && highest >= 30 * lowest }
        return Chart(title: title, xLabel: spec.capacityName + (log ? " (log scale)" : ""), yLabel: yLabel,
                     xScale: log ? .log : .linear, series: series)
    }

    private static func errorChart(_ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        let x = spec.capacities.map(Double.init)
        var chart = capacityChart(spec, "Training and validation error against capacity",
                                  yLabel: spec.isClassification ? "error (% misclassified)" : "mean squared error",
                                  series: [p.series("training error", x: x, y: p["train_errors"]),
                                           p.series("validation error", x: x, y: p["validation_errors"])])
        chart.referenceLines = spec.baseError > 0 ? [.init(label: "base error", y: spec.baseError)] : []
        chart.yFormat = spec.isClassification ? .percent : .plain
        chart.summary = p.shared { r in
            "Training and validation error against \(spec.capacityName): " + r.records("rows").map { row in
                "\(Presenter.plainText(row["capacity"])): \(spec.error(row["train_error"]?.doubleValue ?? .nan)) and "
                    + spec.error(row["validation_error"]?.doubleValue ?? .nan)
            }.joined(separator: "; ") + "."
        } ?? ""
        return p.chart(chart)
    }

    private static func decompositionChart(_ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        let points = p["decomposition"]
        let x = spec.capacities.map(Double.init)
        let ys = points.elements.flatMap { point in ["bias2", "variance", "test_mse"].map { point[$0].mean } }.filter { $0 > 0 && $0.isFinite }
        let logY = (ys.max() ?? 1) / max(ys.min() ?? 1, 1e-300) > 100
        var chart = capacityChart(spec, "Bias² + variance + noise = expected test error",
                                  yLabel: "squared error" + (logY ? " (log scale)" : ""), series: [
            p.series("bias²", x: x, y: points.each("bias2")),
            p.series("variance", x: x, y: points.each("variance")),
            p.series("bias² + variance + noise", x: x, y: points.each("total"), dashed: true),
            p.series("measured test MSE", x: x, y: points.each("test_mse")),
        ])
        chart.yScale = logY ? .log : .linear
        chart.referenceLines = [.init(label: "noise σ²", y: spec.data.noise * spec.data.noise)]
        chart.summary = p.shared { r in
            "Bias², variance and expected test error against \(spec.capacityName), over \(spec.resamples.grouped) training sets: "
                + r.records("decomposition").map { point in
                    func n(_ name: String) -> String { ReportFormat.number(point[name]?.doubleValue ?? .nan) }
                    return "\(Presenter.plainText(point["capacity"])): bias² \(n("bias2")), variance \(n("variance")), test MSE \(n("test_mse"))"
                }.joined(separator: "; ") + "."
        } ?? ""
        return p.chart(chart)
    }

    private static func decompositionTable(_ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        let points = p["decomposition"]
        let optimum = p.lowestMean(points, "test_mse")
        func number(_ title: String, _ field: String) -> Presenter.Column { .number(title, field) { ReportFormat.number($0) } }
        let caption = "Over \(spec.resamples.grouped) training sets of \(spec.trainSize.grouped) points each, at \(spec.testPoints) evenly "
            + "spaced points of [−1, 1]. Bias² and variance compare the fits with the true function; the measured test MSE "
            + "compares them with fresh noisy targets. Highlighted: the lowest expected test error."
        return p.table(caption: caption, rows: points, columns: [
            .label(spec.capacityName, "capacity").highlighted(optimum, in: points),
            number("bias²", "bias2"), number("variance", "variance"), number("noise σ²", "noise"), number("sum", "total"),
            number("measured test MSE", "test_mse").highlighted(optimum, in: points),
            .percent("difference", "discrepancy") { ReportFormat.percent($0, decimals: 1) },
        ])
    }
}

extension BiasVarianceKind.Spec {
    func capacityLabel(_ capacity: Int) -> String {
        switch family {
        case .hidden: "\(capacity) hidden unit\(capacity == 1 ? "" : "s")"
        case .depth: "\(capacity) hidden layer\(capacity == 1 ? "" : "s")"
        case .degrees: "degree \(capacity)"
        case .errors: "case \(capacity)"
        }
    }

    /// The label of the capacity of a row or point of the values.
    func capacityLabel(of record: Record) -> String { capacityLabel(Int(record["capacity"]?.doubleValue ?? 0)) }

    /// A percentage for fractions of examples, a number for squared errors.
    var errorStyle: NumberStyle { isClassification || family == .errors ? .percent : .plain }

    func error(_ x: Double) -> String {
        if x.isNaN { return ReportFormat.missing }
        // Below 1 % a second decimal keeps small errors distinguishable (0.50 % vs 0.45 %);
        // the cut is at 0.995 % so that 1 % computed as 0.15 − 0.14 does not print as "1.00 %".
        return isClassification || family == .errors ? ReportFormat.percent(x, decimals: x != 0 && abs(x) < 0.00995 ? 2 : 1) : ReportFormat.number(x)
    }
}
