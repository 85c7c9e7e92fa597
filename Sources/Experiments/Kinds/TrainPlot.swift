import Foundation
import LessonSupport

/// What a `train` block's learning-curve charts show: the author's `plot:`.
///
///     plot: {curves: [validation_loss], variants: [sgd, adam], y_scale: log, facets: variant}
///
/// Without it the default keeps two rules: a panel draws only lines it can
/// label (past ``maximumLines`` it splits, first one panel per curve, then
/// variants in groups), and quantities with different units never share a panel.
struct TrainPlot: Codable, Sendable, Hashable {
    enum Curve: String, Codable, Sendable, Hashable, CaseIterable {
        case trainLoss = "train_loss", validationLoss = "validation_loss"
        case validationAccuracy = "validation_accuracy", learningRate = "learning_rate"
        case stepLoss = "step_loss"

        /// Curves of one quantity may share a panel.
        var quantity: Int {
            switch self {
            case .trainLoss, .validationLoss, .stepLoss: 0
            case .validationAccuracy: 1
            case .learningRate: 2
            }
        }

        var words: String {
            switch self {
            case .trainLoss: "training"
            case .validationLoss: "validation"
            case .validationAccuracy: "validation accuracy"
            case .learningRate: "learning rate"
            case .stepLoss: "loss of every mini-batch"
            }
        }
    }

    enum Facets: String, Codable, Sendable, Hashable, CaseIterable { case auto, none, curve, variant }
    enum Scale: String, Codable, Sendable, Hashable, CaseIterable { case auto, linear, log }
    /// What the x axis counts: epochs (every curve) or optimizer steps (needs `curve: step`).
    enum XAxis: String, Codable, Sendable, Hashable, CaseIterable { case epoch, step }

    /// `nil`: validation and training loss (the mini-batch loss with `curve: step`).
    var curves: [Curve]?
    /// `nil`: every variant.
    var variants: [String]?
    var yScale: Scale = .auto
    var x: XAxis = .epoch
    /// `auto` reads as linear.
    var xScale: Scale = .auto
    var facets: Facets = .auto
    /// The author's legend label of a variant, by name; the others are labelled by what differs between the lines.
    var labels: [String: String] = [:]
    /// `y_range: [low, high]`, in the units the axis shows (accuracy in %); `nil`: from the data.
    var yLower: Double?
    var yUpper: Double?

    /// Lines a panel holds before the default splits it.
    static let maximumLines = 6

    static let key = KeyDescriptor(
        "plot", .mapping, described: "(validation and training loss of every variant)",
        "What the learning-curve charts show: curves (any of \(Curve.allCases.map(\.rawValue).joined(separator: ", ")); "
        + "step_loss needs curve: step), variants (names, default all), x (epoch | step: optimizer steps, with curve: step), "
        + "x_scale (linear | log), y_scale (auto | linear | log), "
        + "facets (auto | none | curve | variant: one panel per curve or per variant), labels (a legend label per variant name, "
        + "e.g. {sgd: plain SGD}; vary: names its variants by their values when every value is a word or a whole number, "
        + "e.g. {32: small batches}, else v0, v1, … in order), y_range ([low, high] in the units of the axis, accuracy in %; "
        + "either may be null for automatic; applies to every panel, lines beyond it are cut at the frame). By default a panel holds at most "
        + "\(maximumLines) lines, each labelled; more split into panels, and losses, accuracies and learning rates never share one. "
        + "A line is labelled by its variant's name and the settings that differ between the chart's lines; settings every line shares "
        + "are named once in the title. E.g. {curves: [validation_loss], variants: [sgd, adam], y_scale: log}.")

    /// Reads `plot:`; problems go to `reader`, at the value that is wrong.
    /// `only`: the fields a kind without learning curves accepts (`signal`: the y axis).
    static func decode(_ reader: SpecReader, variantNames: [String], stepCurve: Bool, only: [String]? = nil) -> TrainPlot? {
        let known = only ?? ["curves", "variants", "x", "x_scale", "y_scale", "y_range", "facets", "labels"]
        guard let fields = reader.fields("plot", known: known, example: "{curves: [validation_loss], y_scale: log}") else { return nil }
        var plot = TrainPlot()
        var writtenRange: SpecValue?
        /// The names a list field gives, each once; `problem` says what is wrong with a name (and the notes).
        func names(_ value: SpecValue, _ field: String, what: String, _ problem: (String) -> (String, notes: [String])?) -> [String] {
            var names: [String] = []
            for item in value.items {
                guard case .scalar(let s) = item else {
                    reader.fail(at: item, "each entry of plot's '\(field)' must be a name, found \(SpecReader.describe(item))")
                    continue
                }
                if let (message, notes) = problem(s.string) {
                    reader.fail(at: item, message, notes: notes)
                } else if !names.contains(s.string) {
                    names.append(s.string)
                }
            }
            if names.isEmpty { reader.fail(at: value, "plot's '\(field)' must name at least one \(what)") }
            return names
        }
        func choice<T: RawRepresentable<String> & CaseIterable>(_ value: SpecValue, _ field: String, _ type: T.Type) -> T? {
            let options = T.allCases.map(\.rawValue)
            guard case .scalar(let s) = value, let choice = T(rawValue: s.string) else {
                let hint = (value.scalar?.string).map { Suggestion.didYouMean($0, in: options) } ?? ""
                reader.fail(at: value, "plot's '\(field)' must be one of \(options.map { "'\($0)'" }.joined(separator: ", ")), found \(SpecReader.describe(value))\(hint)")
                return nil
            }
            return choice
        }
        for (field, value) in fields {
            switch field {
            case "curves":
                let curves = Curve.allCases.map(\.rawValue)
                plot.curves = names(value, "curves", what: "curve") { name in
                    guard curves.contains(name) else {
                        return ("unknown curve '\(name)'" + Suggestion.didYouMean(name, in: curves), ["curves: " + curves.joined(separator: ", ")])
                    }
                    return name == Curve.stepLoss.rawValue && !stepCurve
                        ? ("'step_loss' is recorded with 'curve: step'; this block records curves per epoch", []) : nil
                }.compactMap(Curve.init)
            case "variants":
                plot.variants = names(value, "variants", what: "variant") { name in
                    variantNames.contains(name) ? nil : ("plot names a variant '\(name)' the block does not train"
                        + Suggestion.didYouMean(name, in: variantNames), ["variants: " + variantNames.joined(separator: ", ")])
                }
            case "x":
                plot.x = choice(value, "x", XAxis.self) ?? .epoch
                if plot.x == .step, !stepCurve {
                    reader.fail(at: value, "'x: step' needs values per optimizer step, and this block records curves per epoch: "
                                + "use 'x: epoch', or add 'curve: step' to record step_loss")
                    plot.x = .epoch
                }
            case "x_scale":
                plot.xScale = choice(value, "x_scale", Scale.self) ?? .auto
            case "y_scale":
                plot.yScale = choice(value, "y_scale", Scale.self) ?? .auto
            case "labels":
                plot.labels = decodeLabels(reader, value, variantNames: variantNames)
            case "y_range":
                (plot.yLower, plot.yUpper) = decodeRange(reader, value)
                writtenRange = value
            default:
                plot.facets = choice(value, "facets", Facets.self) ?? .auto
            }
        }
        if let writtenRange, plot.yScale == .log, let low = plot.yLower ?? plot.yUpper, low <= 0 {
            reader.fail(at: writtenRange, "plot's 'y_range' reaches \(String(format: "%g", low)), but a log axis shows only values above 0; "
                        + "give a positive lower bound (e.g. [0.01, null]) or use 'y_scale: linear'")
            (plot.yLower, plot.yUpper) = (nil, nil)
        }
        return plot
    }

    /// `y_range: [low, high]`, each a number or null.
    private static func decodeRange(_ reader: SpecReader, _ written: SpecValue) -> (Double?, Double?) {
        guard case .list(let sequence) = written, sequence.count == 2 else {
            reader.fail(at: written, "plot's 'y_range' must be a list of two bounds such as '[0, 1]' or '[0.01, null]' (null: automatic), "
                        + "found \(SpecReader.describe(written))")
            return (nil, nil)
        }
        var bounds: [Double?] = []
        for item in sequence {
            if case .scalar(let s) = item, s.style == .plain, ["null", "~", "Null", "NULL", ""].contains(s.string) {
                bounds.append(nil)
                continue
            }
            guard let value = reader.number(item, key: "y_range", range: nil) else { return (nil, nil) }
            bounds.append(value)
        }
        if let low = bounds[0], let high = bounds[1], low >= high {
            reader.fail(at: written, "plot's 'y_range' must go from low to high, found [\(String(format: "%g", low)), \(String(format: "%g", high))]")
            return (nil, nil)
        }
        return (bounds[0], bounds[1])
    }

    /// `labels: {sgd: plain SGD, adam: Adam}`: a legend label per variant name.
    private static func decodeLabels(_ reader: SpecReader, _ written: SpecValue, variantNames: [String]) -> [String: String] {
        guard case .mapping(let mapping) = written else {
            reader.fail(at: written, "plot's 'labels' must map variant names to labels, e.g. '{sgd: plain SGD}', found \(SpecReader.describe(written))")
            return [:]
        }
        var labels: [String: String] = [:]
        for (writtenKey, value) in mapping {
            let name = writtenKey.scalar?.string ?? ""
            guard variantNames.contains(name) else {
                reader.fail(at: writtenKey, "plot's labels name a variant '\(name)' the block does not train" + Suggestion.didYouMean(name, in: variantNames),
                            notes: ["variants: " + variantNames.joined(separator: ", ")])
                continue
            }
            guard case .scalar(let text) = value, !text.string.trimmingCharacters(in: .whitespaces).isEmpty else {
                reader.fail(at: value, "the label of '\(name)' must be text, found \(SpecReader.describe(value))")
                continue
            }
            labels[name] = text.string
        }
        return labels
    }
}
