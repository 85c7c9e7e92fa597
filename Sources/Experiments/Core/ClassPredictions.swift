import NeuralEngine

/// The classes a classifier's outputs predict, and how often two lists of
/// classes agree: what the dropout-ensemble and batchnorm-modes kinds
/// measure their ways of predicting with.
enum ClassPredictions {
    /// The class of each row of `values` (`classes` a row): its largest value, the first on ties.
    static func argmax(_ values: [Double], classes: Int) -> [Int] {
        guard classes > 0 else { return [] }
        return (0..<(values.count / classes)).map { r in (0..<classes).max { values[r * classes + $0] < values[r * classes + $1] } ?? 0 }
    }

    /// The class of each row of a tensor of outputs or probabilities.
    static func argmax(_ outputs: Tensor<Float>) -> [Int] {
        argmax(outputs.scalars.map(Double.init), classes: outputs.columns)
    }

    /// The fraction of `predicted` equal to `reference` (the labels: the
    /// accuracy), over the shorter of the two; NaN when either is empty.
    static func agreement(_ predicted: [Int], _ reference: [Int]) -> Double {
        let n = min(predicted.count, reference.count)
        guard n > 0 else { return .nan }
        return Double(zip(predicted, reference).filter { $0 == $1 }.count) / Double(n)
    }
}
