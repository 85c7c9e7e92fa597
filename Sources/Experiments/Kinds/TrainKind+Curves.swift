import Foundation

/// The learning-curve charts of a `train` block, as ``TrainPlot`` asks,
/// from the curves in its runs' values.
extension TrainKind {
    typealias Curve = TrainPlot.Curve

    private static func defaultCurves(_ spec: Spec) -> [Curve] {
        if spec.curve == .step { return [.stepLoss] }
        return spec.validationFraction > 0 ? [.validationLoss, .trainLoss] : [.trainLoss]
    }

    /// One chart per panel: the author's curves and variants, grouped so that a
    /// panel holds one quantity and (unless the author says otherwise) at most
    /// ``TrainPlot/maximumLines`` lines.
    static func curveCharts(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        let plot = spec.plot ?? TrainPlot()
        let curves = plot.curves ?? defaultCurves(spec)
        // A variant is drawn when a run has a point of it (not one that diverged at its first step).
        let shown = spec.variants.indices.filter { i in
            (plot.variants?.contains(spec.variants[i].name) ?? true)
                && p.runs.records.contains { !curve($0, i, .trainLoss).isEmpty || !curve($0, i, .stepLoss).isEmpty }
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
        var panels: [(curves: [Curve], variants: [Int])] = []
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
        let legend = legendLabels(shown.map { spec.variants[$0] }, plot: plot)
        return panels.map { chart(spec, &p, curves: $0.curves, variants: $0.variants, of: panels.count, plotted: shown.count, legend: legend) }
    }

    /// Each plotted variant's legend label, by name, and the settings every
    /// line shares (named once, in the title). A label says what differs
    /// between the lines: the name the author gave the variant (with the
    /// swept value, for a named variant that `vary:` sweeps), else the
    /// settings it changes that not every line shares; `plot: labels:` wins.
    static func legendLabels(_ variants: [Variant], plot: TrainPlot) -> (labels: [String: String], common: [String]) {
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

    /// Variant `i`'s curve in one run's values (empty when it has none).
    static func curve(_ run: Record, _ i: Int, _ curve: Curve) -> [Double] {
        guard case .record(let curves)? = variant(run, i)["curve"] else { return [] }
        return (curves[curve.rawValue]?.listItems ?? []).map { $0.doubleValue ?? .nan }
    }

    private static func chart(_ spec: Spec, _ p: inout Presenter, curves: [Curve], variants: [Int], of panelCount: Int, plotted: Int,
                              legend: (labels: [String: String], common: [String])) -> PresentationItem {
        var series: [Chart.Series] = []
        var all: [Double] = []
        var downsampled = false
        let bySteps = spec.plot?.x == .step
        for i in variants {
            let variant = spec.variants[i]
            let stepsPerEpoch = Double(max(integer(p.first, i, "steps_per_epoch"), 1))
            for curve in curves {
                // A run that stopped early (diverged, or early stopping) keeps the
                // planned length with gaps, so that seeds' runs combine point by point.
                let planned = variant.settings.epochs * (curve == .stepLoss ? Int(stepsPerEpoch) : 1)
                let ys = p.runs.records.map { run in
                    let y = Self.curve(run, i, curve)
                    return y.count < planned ? y + Array(repeating: .nan, count: planned - y.count) : y
                }
                // The axis suits the lines drawn: over seeds, the means (a single run's points as they are).
                all += (0..<(ys.map(\.count).max() ?? 0)).map { k in SeedStatistic.mean(ys.compactMap { k < $0.count && !$0[k].isNaN ? $0[k] : nil }) }
                var x = (0..<(ys.map(\.count).max() ?? 0)).map { Double($0 + 1) }
                // Epoch curves on a step axis sit at each epoch's last step.
                if curve == .stepLoss, !bySteps { x = x.map { $0 / stepsPerEpoch } }
                if curve != .stepLoss, bySteps { x = x.map { $0 * stepsPerEpoch } }
                let label = legend.labels[variant.name] ?? variant.label
                let name = curves.count == 1 ? label
                    : variants.count == 1 ? curve.words : "\(label), \(curve.words)"
                let dashed = curve == .trainLoss && curves.contains(.validationLoss)
                // Display resolution: each run's runs of points as their mean, a band spanning their lowest to highest.
                let drawn = ys.map { Chart.Series(name: name, x: x, y: $0, dashed: dashed).downsampled() }
                let banded = drawn.first?.yLow != nil
                downsampled = downsampled || banded
                series.append(p.series(name, x: drawn.first?.x ?? x, y: Runs(drawn.map { .numbers($0.y) }),
                                       low: banded ? Runs(drawn.map { .numbers($0.yLow ?? []) }) : nil,
                                       high: banded ? Runs(drawn.map { .numbers($0.yHigh ?? []) }) : nil, dashed: dashed))
            }
        }
        let quantity = curves[0].quantity
        let positive = all.filter { $0 > 0 && $0.isFinite }
        let spread = (positive.max() ?? 1) / max(positive.min() ?? 1, 1e-300)
        let plot = spec.plot ?? TrainPlot()
        // A range down to zero or below asks for a linear axis.
        let rangeAllowsLog = (plot.yLower ?? plot.yUpper ?? 1) > 0
        let logY = plot.yScale == .log || (plot.yScale == .auto && quantity != 1 && spread > 50 && rangeAllowsLog)
        let what = quantity == 1 ? "accuracy (%)" : quantity == 2 ? "learning rate η"
            : spec.data.source.isRegression ? "mean squared error" : "cross-entropy"
        var title = curves == [.stepLoss] ? "Loss of every mini-batch" : quantity == 2 ? "Learning rate" : "Learning curves"
        func legendLabel(_ i: Int) -> String { legend.labels[spec.variants[i].name] ?? spec.variants[i].label }
        if panelCount > 1 {
            title += curves.count == 1 && quantity == 0 && curves[0] != .stepLoss ? ": \(curves[0].words)" : ""
            if variants.count < plotted {
                title += " (" + panelWords(variants.map(legendLabel)) + ")"
            }
        }
        if !legend.common.isEmpty { title += " · every line: " + legend.common.joined(separator: ", ") }
        // The settings a name stands for, for readers of the text; the table above lists them too.
        let named = variants.map { spec.variants[$0] }.filter { legend.labels[$0.name] != $0.label && $0.label != $0.name }
        let settings = named.isEmpty ? "" : " The variants: " + named.map(\.label).joined(separator: "; ") + "."
        let lines = curves.count == 1
            ? "one line per variant" : variants.count == 1 ? "one line per curve" : "one line per variant and curve"
        let described = curves.map(\.words).joined(separator: " and ")
        let steps = variants.map { "\(legendLabel($0)): \(integer(p.first, $0, "steps")) steps" }
        // Runs that stopped after different numbers of steps: the description reads the drawn means instead.
        let stepsAgree = variants.allSatisfy { i in p.runs.records.allSatisfy { integer($0, i, "steps") == integer(p.first, i, "steps") } }
        var chart = Chart(
            title: title, style: .line, xLabel: (bySteps ? "step" : "epoch") + (plot.xScale == .log ? " (log scale)" : ""),
            yLabel: what + (logY ? " (log scale)" : ""),
            xScale: plot.xScale == .log ? .log : .linear, yScale: logY ? .log : .linear, series: series,
            summary: curves == [.stepLoss] && !stepsAgree ? "" : (curves == [.stepLoss]
                ? "The training loss of each step's batch against the \(bySteps ? "optimizer step" : "epoch"), one line per variant: "
                    + steps.joined(separator: "; ") + "."
                : "\(described.prefix(1).uppercased() + described.dropFirst())\(quantity == 0 ? " loss" : "") after each epoch, \(lines)"
                    + (curves.contains(.trainLoss) && curves.contains(.validationLoss) ? " (training dashed)." : ".")) + settings
                + (downsampled ? " A line of more than \(Chart.Series.displayPoints) points is drawn at that "
                    + "resolution: its first and last points as they are, the rest as the mean of runs of consecutive points, "
                    + "with a band from the lowest to the highest point of each run." : ""),
            yFormat: quantity == 1 ? .percent : .plain)
        chart.yLower = plot.yLower
        chart.yUpper = plot.yUpper
        return p.chart(chart)
    }
}
