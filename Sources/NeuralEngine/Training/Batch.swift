/// Reusable buffers for one mini-batch gathered from a data set: the features
/// and whichever form of targets the loss needs.
struct Batch<Scalar: TensorScalar> {
    var features = Tensor<Scalar>()
    var labels: [Int] = []
    /// Regression targets, or class labels encoded for a loss that needs a tensor.
    var targetValues = Tensor<Scalar>()
    var hasLabels = false

    var count: Int { features.rows }

    /// Copies the examples at `indices` of `data` into the buffers; `targetWidth`
    /// is the width of the tensor the loss compares against (one-hot for labels).
    mutating func load(
        from data: Dataset<Scalar>, indices: ArraySlice<Int>, loss: LossFunction, targetWidth: Int
    ) {
        features.gatherRows(from: data.features, indices: indices)
        switch data.targets {
        case .classes(let allLabels, _):
            hasLabels = true
            labels.removeAll(keepingCapacity: true)
            for index in indices { labels.append(allLabels[index]) }
            if loss != .softmaxCrossEntropy {
                Scalar.oneHot(labels, width: targetWidth, into: &targetValues)
            }
        case .values(let values):
            hasLabels = false
            targetValues.gatherRows(from: values, indices: indices)
        }
    }
}
