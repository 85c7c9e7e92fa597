import LessonSupport
import NeuralEngine
import Foundation

/// The softmax and cross-entropy worked example.
///
/// Computes, for one vector of logits (or a small batch of them), the softmax
/// probabilities with a numerically stable log-sum-exp, the hard max, the
/// one-hot target, the cross-entropy loss, the analytic gradient ŷ − y and the
/// same gradient by central finite differences. Everything is in `Double`: the
/// lesson is about the mathematics, and the finite-difference check needs the
/// precision.
public enum SoftmaxKind: ExperimentKind {
    public static let name = "softmax"
    public static let summary = "Softmax probabilities, cross-entropy loss and its gradient ŷ − y for given logits, checked by finite differences."

    public static let keys: [KeyDescriptor] = [
        KeyDescriptor("logits", .custom, type: "list of numbers, or list of rows", default: nil,
                      "Scores z for each class; a list of rows is a batch (one example a row). At most 1,000 classes and 1,000 rows.")
            .example("[2.0, 1.0, 0.1]"),
        KeyDescriptor("label", .custom, type: "integer or class name, or a list of them", default: nil,
                      "The true class of each example: a 0-based index or one of `classes`.").example("cat"),
        KeyDescriptor("classes", .list(.text, count: 0...100_000), described: "(0, 1, 2, …)",
                      "Names of the classes, one per logit.").example("[cat, dog, bird]"),
        KeyDescriptor("temperature", .number, default: "1", range: .closed(0.01, 1e6),
                      "Divides the logits before the softmax: T > 1 flattens the distribution, T < 1 sharpens it.")
            .suggestedInScaffold(),
        KeyDescriptor("plot", .boolean, default: "true",
                      "Draw the softmax, hard max and target as a bar chart (single examples of at most 40 classes)."),
    ]

    public struct Spec: Codable, Sendable, Hashable {
        public var logits: [[Double]]
        public var isBatch: Bool
        public var labels: [Int]
        public var classes: [String]
        public var temperature: Double
        public var plot: Bool
    }

    public static func decode(_ reader: SpecReader, context: DecodeContext) -> Spec? {
        let (rows, isBatch) = reader.numberMatrix("logits")
        let temperature = reader.double("temperature")
        let width = rows.first?.count ?? 0
        if reader.has("logits") {
            if width < 2 {
                reader.fail("logits", "'logits' needs at least 2 classes, found \(width)")
            } else if width > 1_000 || rows.count > 1_000 {
                reader.fail("logits", "'logits' may have at most 1,000 classes and 1,000 rows, found \(rows.count) × \(width)")
            }
        }
        var classes = reader.stringList("classes")
        if reader.has("classes") {
            if classes.count != width && width > 0 {
                reader.fail("classes", "'classes' names \(classes.count) classes but 'logits' has \(width)")
            }
            if Set(classes).count != classes.count {
                reader.fail("classes", "'classes' must not repeat a name")
            }
        } else {
            classes = (0..<width).map(String.init)
        }
        var labels: [Int] = []
        if let written = reader.value("label") {
            let items = written.items
            if isBatch, case .list = written {} else if isBatch {
                reader.fail(at: written, "'logits' is a batch of \(rows.count) rows, so 'label' must be a list of \(rows.count) labels")
            }
            if !isBatch, items.count != 1 {
                reader.fail(at: written, "'label' must be one class (an index or a name) for a single vector of logits")
            }
            if isBatch, items.count != rows.count {
                reader.fail(at: written, "'label' has \(items.count) labels but 'logits' has \(rows.count) rows")
            }
            for item in items {
                guard let text = item.scalar?.string else {
                    reader.fail(at: item, "each label must be a class index or name, found \(SpecReader.describe(item))")
                    continue
                }
                if let index = Int(text), item.scalar?.style == .plain, !classes.contains(text) || !reader.has("classes") {
                    if index < 0 || index >= max(width, 1) {
                        reader.fail(at: item, "label \(index) is outside the allowed range 0…\(max(width - 1, 0)) (one index per class)")
                    }
                    labels.append(index)
                } else if let index = classes.firstIndex(of: text) {
                    labels.append(index)
                } else {
                    reader.fail(at: item, "label '\(text)' is not one of the classes (\(classes.joined(separator: ", ")))"
                                + Suggestion.didYouMean(text, in: classes))
                }
            }
        }
        return Spec(logits: rows, isBatch: isBatch, labels: labels, classes: classes, temperature: temperature,
                    plot: reader.bool("plot"))
    }

    public static func run(_ spec: Spec, context: RunContext) throws -> ExperimentOutcome {
        let results = spec.logits.indices.map { row in
            SoftmaxExample.compute(logits: spec.logits[row], label: spec.labels[row], temperature: spec.temperature)
        }
        return SoftmaxExample.outcome(results, spec: spec)
    }
}
