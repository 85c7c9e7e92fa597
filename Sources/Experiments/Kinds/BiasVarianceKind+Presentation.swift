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
            (run["rows"]?.listItems ?? []).compactMap { row in
                guard case .record(let r) = row, case .string(let divergence)? = r["divergence"] else { return nil }
                return "The model with \(spec.capacityLabel(Int(r["capacity"]?.doubleValue ?? 0))) \(divergence) — its errors are not defined. "
                    + "A smaller learning rate usually cures this."
            }
        }
        if spec.family != .errors, spec.data.source.isRegression, spec.baseError == 0 {
            items.append(.note("No model can predict the noise: the best achievable mean squared error is the noise variance "
                               + "σ² = \(ReportFormat.number(spec.data.noise * spec.data.noise)). Set base_error to it to measure the avoidable bias."))
        }
        guard p.first["decomposition"] != nil else { return items }
        items.append(decompositionChart(spec, &p))
        items.append(decompositionTable(spec, &p))
        items += p.warnings { run in
            let failed = (run["decomposition"]?.listItems ?? []).compactMap { point -> String? in
                guard case .record(let r) = point, let n = r["diverged_resamples"]?.doubleValue, n > 0 else { return nil }
                return "\(Int(n)) resample\(n == 1 ? "" : "s") of \(spec.capacityLabel(Int(r["capacity"]?.doubleValue ?? 0)))"
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
                    (spec.capacityLabel(Int(r.number("best", "capacity"))),
                     "\(spec.error(r.number("best", "validation_error"))) (training \(spec.error(r.number("best", "train_error"))))")
                })
            }
            if spec.capacities.count > 1 {
                for (label, index) in [("smallest model", 0), ("largest model", spec.capacities.count - 1)] {
                    out.append(p.choice(label) { r in
                        let all = diagnoses(r)
                        return (all.indices.contains(index) ? all[index] : "–", spec.capacityLabel(spec.capacities[index]))
                    })
                }
            }
        }
        if p.first["optimum"] != nil {
            out.append(p.choice("lowest expected test error") { r in
                (spec.capacityLabel(Int(r.number("optimum", "capacity"))),
                 "MSE \(ReportFormat.number(r.number("optimum", "test_mse"))) over \(spec.resamples.grouped) training sets")
            })
            out.append(p.metric("bias² + variance + noise vs measured", p["max_discrepancy"], style: .percent,
                                detail: "largest relative difference") { ReportFormat.percent($0 ?? .nan, decimals: 1) })
        }
        return out
    }

    private static func sweepTable(_ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        let rows = p["rows"]
        let best = spec.family == .errors ? nil : p.lowestMean(rows, "validation_error")
        let withParameters = spec.family != .errors && spec.family != .degrees
        var columns: [ResultTable.Column] = [.init(spec.family == .errors ? "case" : spec.capacityName)]
        if withParameters { columns.append(.init("parameters")) }
        columns += [.init("training error"), .init("validation error"), .init("avoidable bias"),
                    .init("variance (val − train)"), .init("diagnosis", numeric: false)]
        var cells: [[ResultTable.Cell]] = []
        for (i, row) in rows.elements.enumerated() {
            let capacity = spec.capacities.indices.contains(i) ? spec.capacities[i] : i + 1
            let highlight: ResultTable.Cell.Tone = i == best ? .highlight : .plain
            var line = [ResultTable.Cell(String(capacity), tone: highlight)]
            if withParameters { line.append(ResultTable.Cell(spec.parameterCount(capacity).grouped)) }
            func errorCell(_ field: String, tone: ResultTable.Cell.Tone) -> ResultTable.Cell {
                p.cell(row[field], style: spec.errorStyle, tone: tone) { spec.error($0 ?? .nan) }
            }
            let diagnosis = row["diagnosis"].text ?? "diverged"
            line += [
                errorCell("train_error", tone: .plain),
                errorCell("validation_error", tone: highlight),
                errorCell("avoidable_bias", tone: row["avoidable_bias"].mean > spec.biasThreshold ? .bad : .plain),
                errorCell("variance", tone: row["variance"].mean > spec.varianceThreshold ? .bad : .plain),
                p.textCell(row["diagnosis"], tone: diagnosis == BiasVarianceDiagnosis.neither.rawValue ? .good : .bad),
            ]
            cells.append(line)
        }
        var caption: String
        if spec.family == .errors {
            caption = "Given training and validation errors, diagnosed with base error \(spec.error(spec.baseError))."
        } else {
            caption = "\(spec.data.label): \(spec.trainSize.grouped) training and \(spec.validationSize.grouped) validation examples. "
            caption += spec.family == .degrees
                ? "Least-squares polynomials" + (spec.training.weightDecay > 0 ? " with ridge penalty λ = \(ReportFormat.number(spec.training.weightDecay))" : "") + "."
                : "\(spec.modelLabel), trained with \(spec.training.label)."
            caption += " Errors are " + (spec.isClassification ? "fractions misclassified" : "mean squared errors") + "."
            if best != nil { caption += " Highlighted: the lowest validation error." }
        }
        return p.table(ResultTable(caption: caption, columns: columns, rows: cells))
    }

    private static func errorChart(_ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        let x = spec.capacities.map(Double.init)
        let log = spec.logScale(x)
        var references: [Chart.ReferenceLine] = []
        if spec.baseError > 0 { references.append(.init(label: "base error", y: spec.baseError)) }
        let summary = p.shared { r in
            "Training and validation error against \(spec.capacityName): " + (r["rows"]?.listItems ?? []).map { row -> String in
                guard case .record(let f) = row else { return "" }
                return "\(Int(f["capacity"]?.doubleValue ?? 0)): \(spec.error(f["train_error"]?.doubleValue ?? .nan)) and \(spec.error(f["validation_error"]?.doubleValue ?? .nan))"
            }.joined(separator: "; ") + "."
        }
        return p.chart(Chart(
            title: "Training and validation error against capacity", style: .line,
            xLabel: spec.capacityName + (log ? " (log scale)" : ""),
            yLabel: spec.isClassification ? "error (% misclassified)" : "mean squared error",
            xScale: log ? .log : .linear, yScale: .linear,
            series: [p.series("training error", x: x, y: p["train_errors"]),
                     p.series("validation error", x: x, y: p["validation_errors"])],
            referenceLines: references, summary: summary ?? "", yFormat: spec.isClassification ? .percent : .plain))
    }

    private static func decompositionChart(_ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        let points = p["decomposition"]
        let x = spec.capacities.map(Double.init)
        let log = spec.logScale(x)
        let ys = points.elements.flatMap { point in ["bias2", "variance", "test_mse"].map { point[$0].mean } }.filter { $0 > 0 && $0.isFinite }
        let logY = (ys.max() ?? 1) / max(ys.min() ?? 1, 1e-300) > 100
        let summary = p.shared { r in
            "Bias², variance and expected test error against \(spec.capacityName), over \(spec.resamples.grouped) training sets: "
                + (r["decomposition"]?.listItems ?? []).map { point -> String in
                    guard case .record(let f) = point else { return "" }
                    func n(_ name: String) -> String { ReportFormat.number(f[name]?.doubleValue ?? .nan) }
                    return "\(Int(f["capacity"]?.doubleValue ?? 0)): bias² \(n("bias2")), variance \(n("variance")), test MSE \(n("test_mse"))"
                }.joined(separator: "; ") + "."
        }
        return p.chart(Chart(
            title: "Bias² + variance + noise = expected test error", style: .line,
            xLabel: spec.capacityName + (log ? " (log scale)" : ""),
            yLabel: "squared error" + (logY ? " (log scale)" : ""),
            xScale: log ? .log : .linear, yScale: logY ? .log : .linear,
            series: [
                p.series("bias²", x: x, y: points.each("bias2")),
                p.series("variance", x: x, y: points.each("variance")),
                p.series("bias² + variance + noise", x: x, y: points.each("total"), dashed: true),
                p.series("measured test MSE", x: x, y: points.each("test_mse")),
            ],
            referenceLines: [.init(label: "noise σ²", y: spec.data.noise * spec.data.noise)], summary: summary ?? ""))
    }

    private static func decompositionTable(_ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        let points = p["decomposition"]
        let optimum = p.lowestMean(points, "test_mse")
        var cells: [[ResultTable.Cell]] = []
        for (i, point) in points.elements.enumerated() {
            let tone: ResultTable.Cell.Tone = i == optimum ? .highlight : .plain
            func number(_ field: String, tone: ResultTable.Cell.Tone = .plain) -> ResultTable.Cell {
                p.cell(point[field], tone: tone) { ReportFormat.number($0 ?? .nan) }
            }
            cells.append([
                ResultTable.Cell(spec.capacities.indices.contains(i) ? String(spec.capacities[i]) : "–", tone: tone),
                number("bias2"), number("variance"), number("noise"), number("total"), number("test_mse", tone: tone),
                p.cell(point["discrepancy"], style: .percent) { ReportFormat.percent($0 ?? .nan, decimals: 1) },
            ])
        }
        let caption = "Over \(spec.resamples.grouped) training sets of \(spec.trainSize.grouped) points each, at \(spec.testPoints) evenly "
            + "spaced points of [−1, 1]. Bias² and variance compare the fits with the true function; the measured test MSE "
            + "compares them with fresh noisy targets. Highlighted: the lowest expected test error."
        return p.table(ResultTable(caption: caption, columns: [
            .init(spec.capacityName), .init("bias²"), .init("variance"), .init("noise σ²"), .init("sum"),
            .init("measured test MSE"), .init("difference"),
        ], rows: cells))
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

    var modelLabel: String {
        switch family {
        case .hidden: "One hidden layer of \(activation) units"
        case .depth: "Hidden layers of \(width) \(activation) units"
        default: ""
        }
    }

    func logScale(_ x: [Double]) -> Bool {
        guard let lo = x.min(), let hi = x.max(), lo > 0 else { return false }
        return hi / lo >= 30
    }

    /// A percentage for fractions of examples, a number for squared errors.
    var errorStyle: NumberStyle { isClassification || family == .errors ? .percent : .plain }

    func error(_ x: Double) -> String {
        if x.isNaN { return "–" }
        // Below 1 % a second decimal keeps small errors distinguishable (0.50 % vs 0.45 %);
        // the cut is at 0.995 % so that 1 % computed as 0.15 − 0.14 does not print as "1.00 %".
        return isClassification || family == .errors ? ReportFormat.percent(x, decimals: x != 0 && abs(x) < 0.00995 ? 2 : 1) : ReportFormat.number(x)
    }
}
