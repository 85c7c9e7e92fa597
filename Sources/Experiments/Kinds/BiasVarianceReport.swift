import LessonSupport
import Foundation

/// Turns a bias-variance sweep (and its decomposition) into named values,
/// tables and charts.
///
/// The named values:
/// ```
/// family, capacity_name, capacities, train_errors, validation_errors,
/// base_error, bias_threshold, variance_threshold, diverged
/// rows[i] / rows.<capacity>.{capacity, parameters, train_error, validation_error,
///     avoidable_bias, variance, diagnosis, diverged,
///     train_accuracy, validation_accuracy (classification)}
/// best.{capacity, index, train_error, validation_error, diagnosis}   lowest validation error
/// noise_variance, max_discrepancy                                    with a decomposition
/// decomposition[i] / decomposition.<capacity>.{capacity, bias2, variance, noise,
///     total, test_mse, discrepancy, diverged (true or false), diverged_resamples}
/// optimum.{capacity, index, test_mse, bias2, variance}                lowest expected test error
/// ```
/// `variance` in a row is the gap validation − training error of the
/// diagnosis; `variance` in the decomposition is the spread of the fits over
/// resampled training sets. Both measure how much the fit depends on the
/// particular training set; only the second is the textbook term.
struct BiasVarianceReport {
    var spec: BiasVarianceKind.Spec
    var rows: [BiasVarianceSweep.Row]
    var decomposition: [BiasVarianceDecomposition.Point]

    typealias Cell = ResultTable.Cell
    typealias Diagnosis = BiasVarianceDiagnosis

    var isClassification: Bool { spec.family != .errors && !spec.data.source.isRegression }

    func diagnosis(_ row: BiasVarianceSweep.Row) -> Diagnosis? {
        guard row.divergence == nil else { return nil }
        return Diagnosis.diagnose(
            trainError: row.trainError, validationError: row.validationError, baseError: spec.baseError,
            biasThreshold: spec.biasThreshold, varianceThreshold: spec.varianceThreshold)
    }

    /// The diagnosis as the table and the named values spell it.
    func diagnosisText(_ row: BiasVarianceSweep.Row) -> String {
        diagnosis(row)?.rawValue ?? "diverged"
    }

    /// Index of the lowest validation error (the first, on ties).
    var bestIndex: Int? {
        rows.indices.filter { !rows[$0].validationError.isNaN }
            .min(by: { rows[$0].validationError < rows[$1].validationError })
    }

    var optimumIndex: Int? {
        decomposition.indices.filter { !decomposition[$0].testMSE.isNaN }
            .min(by: { decomposition[$0].testMSE < decomposition[$1].testMSE })
    }

    var outcome: ExperimentOutcome {
        ExperimentOutcome(values: values, presentation: presentation)
    }

    // MARK: - Named values

    var values: Record {
        var v = Record()
        v["family"] = .string(spec.family.rawValue)
        v["capacity_name"] = .string(capacityName)
        v["capacities"] = .integers(rows.map(\.capacity))
        v["train_errors"] = .numbers(rows.map(\.trainError))
        v["validation_errors"] = .numbers(rows.map(\.validationError))
        v["base_error"] = .number(spec.baseError)
        v["bias_threshold"] = .number(spec.biasThreshold)
        v["variance_threshold"] = .number(spec.varianceThreshold)
        v["diverged"] = .bool(rows.contains { $0.divergence != nil } || decomposition.contains { $0.diverged > 0 })
        v["rows"] = .list(rows.map { .record(record($0)) })
        if let best = bestIndex {
            let row = rows[best]
            v["best"] = .record(Record([
                "capacity": .integer(row.capacity), "index": .integer(best),
                "train_error": .number(row.trainError), "validation_error": .number(row.validationError),
                "diagnosis": .string(diagnosisText(row)),
            ]))
        }
        if !decomposition.isEmpty {
            v["noise_variance"] = .number(spec.data.noise * spec.data.noise)
            v["max_discrepancy"] = .number(decomposition.map { abs($0.discrepancy) }.max() ?? .nan)
            v["decomposition"] = .list(decomposition.map { point in
                .record(Record([
                    "key": .string(String(point.capacity)), "capacity": .integer(point.capacity),
                    "bias2": .number(point.bias2), "variance": .number(point.variance), "noise": .number(point.noise),
                    "total": .number(point.total), "test_mse": .number(point.testMSE),
                    "discrepancy": .number(point.discrepancy), "diverged": .bool(point.diverged > 0),
                    "diverged_resamples": .integer(point.diverged),
                ]))
            })
            if let optimum = optimumIndex {
                let point = decomposition[optimum]
                v["optimum"] = .record(Record([
                    "capacity": .integer(point.capacity), "index": .integer(optimum), "test_mse": .number(point.testMSE),
                    "bias2": .number(point.bias2), "variance": .number(point.variance),
                ]))
            }
        }
        return v
    }

    private func record(_ row: BiasVarianceSweep.Row) -> Record {
        var r = Record()
        r["key"] = .string(String(row.capacity))
        r["capacity"] = .integer(row.capacity)
        if spec.family != .errors { r["parameters"] = .integer(row.parameters) }
        r["train_error"] = .number(row.trainError)
        r["validation_error"] = .number(row.validationError)
        r["avoidable_bias"] = .number(row.trainError - spec.baseError)
        r["variance"] = .number(row.validationError - row.trainError)
        r["diagnosis"] = .string(diagnosisText(row))
        r["diverged"] = .bool(row.divergence != nil)
        if let divergence = row.divergence { r["diverged_at_step"] = .integer(divergence.step) }
        if isClassification {
            r["train_accuracy"] = .number(1 - row.trainError)
            r["validation_accuracy"] = .number(1 - row.validationError)
        }
        return r
    }

    // MARK: - Presentation

    var presentation: [PresentationItem] {
        var items: [PresentationItem] = [.metrics(metrics)]
        if spec.family != .errors && rows.count > 1 { items.append(.chart(errorChart)) }
        items.append(.table(table))
        items.append(.note(ruleNote))
        for row in rows {
            if let divergence = row.divergence {
                items.append(.warning("The model with \(capacityLabel(row.capacity)) \(divergence) — its errors are not defined. "
                                      + "A smaller learning rate usually cures this."))
            }
        }
        if spec.family != .errors, spec.data.source.isRegression, spec.baseError == 0 {
            items.append(.note("No model can predict the noise: the best achievable mean squared error is the noise variance "
                               + "σ² = \(ReportFormat.number(spec.data.noise * spec.data.noise)). Set base_error to it to measure the avoidable bias."))
        }
        if !decomposition.isEmpty {
            items.append(.chart(decompositionChart))
            items.append(.table(decompositionTable))
            let failed = decomposition.filter { $0.diverged > 0 }
            if !failed.isEmpty {
                items.append(.warning("Training diverged on " + failed.map { "\($0.diverged) resample\($0.diverged == 1 ? "" : "s") of \(capacityLabel($0.capacity))" }
                    .joined(separator: ", ") + "; those fits are left out of the averages."))
            }
        }
        return items
    }

    private var metrics: [Metric] {
        var out: [Metric] = []
        if spec.family != .errors, let best = bestIndex {
            out.append(Metric(label: "lowest validation error", value: capacityLabel(rows[best].capacity),
                              detail: "\(error(rows[best].validationError)) (training \(error(rows[best].trainError)))"))
        }
        if spec.family != .errors, let first = rows.first, let last = rows.last, rows.count > 1 {
            out.append(Metric(label: "smallest model", value: diagnosisText(first), detail: capacityLabel(first.capacity)))
            out.append(Metric(label: "largest model", value: diagnosisText(last), detail: capacityLabel(last.capacity)))
        }
        if spec.family == .errors {
            for diagnosis in Diagnosis.allCases {
                let count = rows.filter { self.diagnosis($0) == diagnosis }.count
                if count > 0 { out.append(Metric(label: diagnosis.rawValue, value: String(count), detail: count == 1 ? "case" : "cases")) }
            }
        }
        if let optimum = optimumIndex {
            let point = decomposition[optimum]
            out.append(Metric(label: "lowest expected test error", value: capacityLabel(point.capacity),
                              detail: "MSE \(ReportFormat.number(point.testMSE)) over \(spec.resamples) training sets"))
            out.append(Metric(label: "bias² + variance + noise vs measured",
                              value: ReportFormat.percent(decomposition.map { abs($0.discrepancy) }.max() ?? .nan, decimals: 1),
                              detail: "largest relative difference"))
        }
        return out
    }

    private var table: ResultTable {
        let best = bestIndex
        var columns: [ResultTable.Column] = [.init(spec.family == .errors ? "case" : capacityName)]
        if spec.family != .errors && spec.family != .degrees { columns.append(.init("parameters")) }
        columns += [.init("training error"), .init("validation error"), .init("avoidable bias"),
                    .init("variance (val − train)"), .init("diagnosis", numeric: false)]
        let tableRows: [[Cell]] = rows.enumerated().map { i, row in
            let isBest = i == best && spec.family != .errors
            var cells = [Cell(String(row.capacity), tone: isBest ? .highlight : .plain)]
            if spec.family != .errors && spec.family != .degrees { cells.append(Cell(row.parameters.grouped)) }
            let diagnosis = self.diagnosis(row)
            let biasIsHigh = diagnosis == .highBias || diagnosis == .both
            let varianceIsHigh = diagnosis == .highVariance || diagnosis == .both
            cells += [
                Cell(error(row.trainError), value: row.trainError, style: errorStyle),
                Cell(error(row.validationError), value: row.validationError, style: errorStyle, tone: isBest ? .highlight : .plain),
                Cell(error(row.trainError - spec.baseError), value: row.trainError - spec.baseError, style: errorStyle, tone: biasIsHigh ? .bad : .plain),
                Cell(error(row.validationError - row.trainError), value: row.validationError - row.trainError, style: errorStyle, tone: varianceIsHigh ? .bad : .plain),
                Cell(diagnosisText(row), tone: diagnosis == .neither ? .good : .bad),
            ]
            return cells
        }
        var caption: String
        if spec.family == .errors {
            caption = "Given training and validation errors, diagnosed with base error \(error(spec.baseError))."
        } else {
            caption = "\(spec.data.label): \(spec.trainSize.grouped) training and \(spec.validationSize.grouped) validation examples. "
            caption += spec.family == .degrees
                ? "Least-squares polynomials" + (spec.training.weightDecay > 0 ? " with ridge penalty λ = \(ReportFormat.number(spec.training.weightDecay))" : "") + "."
                : "\(modelLabel), trained with \(spec.training.label)."
            caption += " Errors are " + (isClassification ? "fractions misclassified" : "mean squared errors") + "."
            if best != nil { caption += " Highlighted: the lowest validation error." }
        }
        return ResultTable(caption: caption, columns: columns, rows: tableRows)
    }

    private var ruleNote: String {
        "Rule: avoidable bias = training error − base error (\(error(spec.baseError))); variance = validation error − "
            + "training error. High bias if the avoidable bias exceeds \(error(spec.biasThreshold)), high variance if the "
            + "variance exceeds \(error(spec.varianceThreshold)); both, or neither. High bias calls for a bigger model or "
            + "longer training; high variance for more data or regularization."
    }

    private var errorChart: Chart {
        let x = rows.map { Double($0.capacity) }
        var references: [Chart.ReferenceLine] = []
        if spec.baseError > 0 { references.append(.init(label: "base error", y: spec.baseError)) }
        let summary = "Training and validation error against \(capacityName): "
            + rows.map { "\($0.capacity): \(error($0.trainError)) and \(error($0.validationError))" }.joined(separator: "; ") + "."
        return Chart(
            title: "Training and validation error against capacity", style: .line,
            xLabel: capacityName + (logScale(x) ? " (log scale)" : ""),
            yLabel: isClassification ? "error (% misclassified)" : "mean squared error",
            xScale: logScale(x) ? .log : .linear, yScale: .linear,
            series: [
                Chart.Series(name: "training error", x: x, y: rows.map(\.trainError)),
                Chart.Series(name: "validation error", x: x, y: rows.map(\.validationError)),
            ],
            referenceLines: references, summary: summary, yFormat: isClassification ? .percent : .plain)
    }

    private var decompositionChart: Chart {
        let x = decomposition.map { Double($0.capacity) }
        let ys = decomposition.flatMap { [$0.bias2, $0.variance, $0.testMSE] }.filter { $0 > 0 && $0.isFinite }
        let logY = (ys.max() ?? 1) / max(ys.min() ?? 1, 1e-300) > 100
        let summary = "Bias², variance and expected test error against \(capacityName), over \(spec.resamples) training sets: "
            + decomposition.map { "\($0.capacity): bias² \(ReportFormat.number($0.bias2)), variance \(ReportFormat.number($0.variance)), test MSE \(ReportFormat.number($0.testMSE))" }
            .joined(separator: "; ") + "."
        return Chart(
            title: "Bias² + variance + noise = expected test error", style: .line,
            xLabel: capacityName + (logScale(x) ? " (log scale)" : ""),
            yLabel: "squared error" + (logY ? " (log scale)" : ""),
            xScale: logScale(x) ? .log : .linear, yScale: logY ? .log : .linear,
            series: [
                Chart.Series(name: "bias²", x: x, y: decomposition.map(\.bias2)),
                Chart.Series(name: "variance", x: x, y: decomposition.map(\.variance)),
                Chart.Series(name: "bias² + variance + noise", x: x, y: decomposition.map(\.total), dashed: true),
                Chart.Series(name: "measured test MSE", x: x, y: decomposition.map(\.testMSE)),
            ],
            referenceLines: [.init(label: "noise σ²", y: spec.data.noise * spec.data.noise)], summary: summary)
    }

    private var decompositionTable: ResultTable {
        let optimum = optimumIndex
        let rows: [[Cell]] = decomposition.enumerated().map { i, point in
            let tone: Cell.Tone = i == optimum ? .highlight : .plain
            return [
                Cell(String(point.capacity), tone: tone), Cell.number(point.bias2), Cell.number(point.variance),
                Cell.number(point.noise), Cell.number(point.total), Cell(ReportFormat.number(point.testMSE), value: point.testMSE, style: .plain, tone: tone),
                Cell(ReportFormat.percent(point.discrepancy, decimals: 1), value: point.discrepancy, style: .percent),
            ]
        }
        let caption = "Over \(spec.resamples) training sets of \(spec.trainSize.grouped) points each, at \(spec.testPoints) evenly "
            + "spaced points of [−1, 1]. Bias² and variance compare the fits with the true function; the measured test MSE "
            + "compares them with fresh noisy targets. Highlighted: the lowest expected test error."
        return ResultTable(caption: caption, columns: [
            .init(capacityName), .init("bias²"), .init("variance"), .init("noise σ²"), .init("sum"),
            .init("measured test MSE"), .init("difference"),
        ], rows: rows)
    }

    // MARK: - Labels and formatting

    var capacityName: String {
        switch spec.family {
        case .hidden: "hidden units"
        case .depth: "hidden layers"
        case .degrees: "degree"
        case .errors: "case"
        }
    }

    func capacityLabel(_ capacity: Int) -> String {
        switch spec.family {
        case .hidden: "\(capacity) hidden unit\(capacity == 1 ? "" : "s")"
        case .depth: "\(capacity) hidden layer\(capacity == 1 ? "" : "s")"
        case .degrees: "degree \(capacity)"
        case .errors: "case \(capacity)"
        }
    }

    private var modelLabel: String {
        switch spec.family {
        case .hidden: "One hidden layer of \(spec.activation) units"
        case .depth: "Hidden layers of \(spec.width) \(spec.activation) units"
        default: ""
        }
    }

    private func logScale(_ x: [Double]) -> Bool {
        guard let lo = x.min(), let hi = x.max(), lo > 0 else { return false }
        return hi / lo >= 30
    }

    /// A percentage for fractions of examples, a number for squared errors.
    private var errorStyle: NumberStyle { isClassification || spec.family == .errors ? .percent : .plain }

    private func error(_ x: Double) -> String {
        if x.isNaN { return "–" }
        // Below 1 % a second decimal keeps small errors distinguishable (0.50 % vs 0.45 %);
        // the cut is at 0.995 % so that 1 % computed as 0.15 − 0.14 does not print as "1.00 %".
        return isClassification || spec.family == .errors ? ReportFormat.percent(x, decimals: x != 0 && abs(x) < 0.00995 ? 2 : 1) : ReportFormat.number(x)
    }
}
