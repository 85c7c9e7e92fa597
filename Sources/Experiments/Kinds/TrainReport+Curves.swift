import Foundation

/// The learning-curve charts of a `train` block, as ``TrainPlot`` asks.
extension TrainReport {
    typealias Curve = TrainPlot.Curve

    private var defaultCurves: [Curve] {
        if spec.curve == .step { return [.stepLoss] }
        return spec.validationFraction > 0 ? [.validationLoss, .trainLoss] : [.trainLoss]
    }

    /// One chart per panel: the author's curves and variants, grouped so that a
    /// panel holds one quantity and (unless the author says otherwise) at most
    /// ``TrainPlot/maximumLines`` lines.
    var curveCharts: [Chart] {
        let plot = spec.plot ?? TrainPlot()
        let curves = plot.curves ?? defaultCurves
        let shown = pairs.filter { pair in
            (plot.variants?.contains(pair.variant.name) ?? true)
                && (!pair.result.epochTrainLoss.isEmpty || !pair.result.stepLoss.isEmpty)
        }
        guard !shown.isEmpty, !curves.isEmpty else { return [] }
        // Quantities never share a panel (their axes differ).
        var quantities: [[Curve]] = []
        for curve in curves {
            if let index = quantities.firstIndex(where: { $0[0].quantity == curve.quantity }) {
                quantities[index].append(curve)
            } else {
                quantities.append([curve])
            }
        }
        var panels: [(curves: [Curve], variants: [Pair])] = []
        for group in quantities {
            switch plot.facets {
            case .none:
                panels.append((group, shown))
            case .curve:
                panels += group.map { ([$0], shown) }
            case .variant:
                panels += shown.map { (group, [$0]) }
            case .auto:
                if group.count * shown.count <= TrainPlot.maximumLines {
                    panels.append((group, shown))
                } else {
                    // One panel per curve, and the variants in even groups of at most the limit.
                    let chunks = (shown.count + TrainPlot.maximumLines - 1) / TrainPlot.maximumLines
                    let size = (shown.count + chunks - 1) / chunks
                    for curve in group {
                        for start in stride(from: 0, to: shown.count, by: size) {
                            panels.append(([curve], Array(shown[start..<min(start + size, shown.count)])))
                        }
                    }
                }
            }
        }
        let legend = legendLabels(shown.map(\.variant), plot: plot)
        return panels.map { chart(curves: $0.curves, variants: $0.variants, of: panels.count, plotted: shown.count, legend: legend) }
    }

    /// Each plotted variant's legend label, by name, and the settings every
    /// line shares (named once, in the title). A label says what differs
    /// between the lines: the name the author gave the variant (with the
    /// swept value, for a named variant that `vary:` sweeps), else the
    /// settings it changes that not every line shares; `plot: labels:` wins.
    func legendLabels(_ variants: [TrainKind.Variant], plot: TrainPlot) -> (labels: [String: String], common: [String]) {
        let common = variants.count > 1 ? variants[0].changes.filter { change in variants.allSatisfy { $0.changes.contains(change) } } : []
        var labels: [String: String] = [:]
        for variant in variants {
            let differing = variant.changes.filter { !common.contains($0) }
            if let own = plot.labels[variant.name] {
                labels[variant.name] = own
            } else if let title = variant.title, !TrainKind.isGeneratedName(title) {
                let swept = variant.group != nil ? Array(differing.suffix(1)) : []
                labels[variant.name] = ([title] + swept).joined(separator: ", ")
            } else {
                labels[variant.name] = differing.isEmpty ? variant.name : differing.joined(separator: ", ")
            }
        }
        return (labels, common)
    }

    typealias Pair = (variant: TrainKind.Variant, result: VariantResult)

    /// Which of the variants a panel holds, in its title, in the words of its
    /// legend: "learning_rate = 0.001 … 0.019" when they sweep one number in order,
    /// else their labels ("bn", "gn"); never names the block made up (v0, v1).
    static func panelWords(_ labels: [String]) -> String {
        let parts = labels.map { label -> (key: String, value: String)? in
            guard let range = label.range(of: " = "), !label[range.upperBound...].contains(",") else { return nil }
            return (String(label[..<range.lowerBound]), String(label[range.upperBound...]))
        }
        // A range only where the values are numbers in order, so "a … b" holds every line between.
        let numbers = parts.compactMap { $0.flatMap { Double($0.value) } }
        let ordered = numbers.count == labels.count
            && (zip(numbers, numbers.dropFirst()).allSatisfy { $0 < $1 } || zip(numbers, numbers.dropFirst()).allSatisfy { $0 > $1 })
        if labels.count > 2, ordered, let first = parts.first ?? nil, let last = parts.last ?? nil,
           parts.allSatisfy({ $0?.key == first.key }) {
            return "\(first.key) = \(first.value) … \(last.value)"
        }
        return labels.joined(separator: ", ")
    }

    private func chart(curves: [Curve], variants: [Pair], of panelCount: Int, plotted: Int,
                       legend: (labels: [String: String], common: [String])) -> Chart {
        var series: [Chart.Series] = []
        var all: [Double] = []
        let bySteps = spec.plot?.x == .step
        for (variant, r) in variants {
            for curve in curves {
                var y: [Double]
                var x: [Double]
                switch curve {
                case .trainLoss: y = r.epochTrainLoss
                case .validationLoss: y = r.epochValidationLoss
                case .validationAccuracy: y = r.epochValidationAccuracy
                case .learningRate: y = r.epochLearningRate
                case .stepLoss: y = r.stepLoss
                }
                // A run that stopped early (diverged, or early stopping) keeps the
                // planned length with gaps, so that seeds' runs combine point by point.
                let planned = variant.settings.epochs * (curve == .stepLoss ? max(r.stepsPerEpoch, 1) : 1)
                if y.count < planned { y += Array(repeating: .nan, count: planned - y.count) }
                x = y.indices.map { Double($0 + 1) }
                let steps = Double(max(r.stepsPerEpoch, 1))
                // Epoch curves on a step axis sit at each epoch's last step.
                if curve == .stepLoss, !bySteps { x = x.map { $0 / steps } }
                if curve != .stepLoss, bySteps { x = x.map { $0 * steps } }
                let label = legend.labels[variant.name] ?? variant.label
                let name = curves.count == 1 ? label
                    : variants.count == 1 ? curve.words : "\(label), \(curve.words)"
                all += y
                // Display resolution: runs of points as their mean, a band spanning their lowest to highest.
                series.append(Chart.Series(name: name, x: x, y: y,
                                           dashed: curve == .trainLoss && curves.contains(.validationLoss)).downsampled())
            }
        }
        let quantity = curves[0].quantity
        let positive = all.filter { $0 > 0 && $0.isFinite }
        let spread = (positive.max() ?? 1) / max(positive.min() ?? 1, 1e-300)
        let plot = spec.plot ?? TrainPlot()
        // A range down to zero or below asks for a linear axis.
        let rangeAllowsLog = (plot.yLower ?? plot.yUpper ?? 1) > 0
        let logY = plot.yScale == .log || (plot.yScale == .auto && quantity != 1 && spread > 50 && rangeAllowsLog)
        let what = quantity == 1 ? "accuracy (%)" : quantity == 2 ? "learning rate η" : isRegression ? "mean squared error" : "cross-entropy"
        var title = curves == [.stepLoss] ? "Loss of every mini-batch" : quantity == 2 ? "Learning rate" : "Learning curves"
        if panelCount > 1 {
            title += curves.count == 1 && quantity == 0 && curves[0] != .stepLoss ? ": \(curves[0].words)" : ""
            if variants.count < plotted {
                title += " (" + Self.panelWords(variants.map { legend.labels[$0.variant.name] ?? $0.variant.label }) + ")"
            }
        }
        if !legend.common.isEmpty { title += " · every line: " + legend.common.joined(separator: ", ") }
        // The settings a name stands for, for readers of the text; the table above lists them too.
        let named = variants.filter { legend.labels[$0.variant.name] != $0.variant.label && $0.variant.label != $0.variant.name }
        let settings = named.isEmpty ? "" : " The variants: " + named.map { $0.variant.label }.joined(separator: "; ") + "."
        let lines = curves.count == 1
            ? "one line per variant" : variants.count == 1 ? "one line per curve" : "one line per variant and curve"
        let described = curves.map(\.words).joined(separator: " and ")
        var chart = Chart(
            title: title, style: .line, xLabel: (bySteps ? "step" : "epoch") + (plot.xScale == .log ? " (log scale)" : ""),
            yLabel: what + (logY ? " (log scale)" : ""),
            xScale: plot.xScale == .log ? .log : .linear, yScale: logY ? .log : .linear, series: series,
            summary: (curves == [.stepLoss]
                ? "The training loss of each step's batch against the \(bySteps ? "optimizer step" : "epoch"), one line per variant: "
                    + variants.map { "\(legend.labels[$0.variant.name] ?? $0.variant.label): \($0.result.steps) steps" }.joined(separator: "; ") + "."
                : "\(described.prefix(1).uppercased() + described.dropFirst())\(quantity == 0 ? " loss" : "") after each epoch, \(lines)"
                    + (curves.contains(.trainLoss) && curves.contains(.validationLoss) ? " (training dashed)." : ".")) + settings
                + (series.contains { $0.yLow != nil } ? " A line of more than \(Chart.Series.displayPoints) points is drawn at that "
                    + "resolution: its first and last points as they are, the rest as the mean of runs of consecutive points, "
                    + "with a band from the lowest to the highest point of each run." : ""),
            yFormat: quantity == 1 ? .percent : .plain)
        chart.yLower = plot.yLower
        chart.yUpper = plot.yUpper
        return chart
    }
}
