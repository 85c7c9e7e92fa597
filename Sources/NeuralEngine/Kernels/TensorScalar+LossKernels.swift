// Loss kernels. Each returns the mean loss and, on request, writes the gradient
// of that mean with respect to the network's output in the same pass.

extension TensorScalar {
    public static func softmaxCrossEntropy(
        logits: Tensor<Self>, labels: [Int], gradient: inout Tensor<Self>, computeGradient: Bool
    ) -> (loss: Double, correct: Int) {
        let rows = logits.rows, width = logits.columns
        guard rows > 0, width > 0 else { return (0, 0) }
        if computeGradient { gradient.resize(rows: rows, columns: width) }
        let inverseRows = 1 / Self(rows)
        var lossSum = 0.0
        var correct = 0
        logits.withUnsafeBufferPointer { z in
            gradient.withUnsafeMutableBufferPointer { dz in
                for r in 0..<rows {
                    let row = r * width
                    var largest = z[row], largestIndex = 0
                    for j in 1..<width where z[row + j] > largest {
                        largest = z[row + j]
                        largestIndex = j
                    }
                    // log Σ exp(z) = max + log Σ exp(z − max): no term exceeds 1, so nothing overflows.
                    var sum: Self = 0
                    if computeGradient {
                        for j in 0..<width {
                            let e = exp(z[row + j] - largest)
                            dz[row + j] = e
                            sum += e
                        }
                    } else {
                        for j in 0..<width { sum += exp(z[row + j] - largest) }
                    }
                    let label = labels[r]
                    // −log softmax(z)_label = log Σ exp(z − max) − (z_label − max). Never
                    // max + log Σ − z_label: at 1e17 the first sum rounds log Σ away.
                    lossSum += (log(sum) - (z[row + label] - largest)).doubleValue
                    if largestIndex == label { correct += 1 }
                    if computeGradient {
                        let factor = inverseRows / sum
                        for j in 0..<width { dz[row + j] *= factor }
                        dz[row + label] -= inverseRows
                    }
                }
            }
        }
        return (lossSum / Double(rows), correct)
    }

    public static func binaryCrossEntropy(
        logits: Tensor<Self>, targets: Tensor<Self>, gradient: inout Tensor<Self>, computeGradient: Bool
    ) -> Double {
        let count = logits.count
        guard count > 0 else { return 0 }
        if computeGradient { gradient.resize(rows: logits.rows, columns: logits.columns) }
        let inverseCount = 1 / Self(count)
        var lossSum = 0.0
        logits.withUnsafeBufferPointer { z in
            targets.withUnsafeBufferPointer { y in
                gradient.withUnsafeMutableBufferPointer { dz in
                    for i in 0..<count {
                        // −[y·log σ(z) + (1−y)·log(1−σ(z))] rewritten as
                        // max(z, 0) − z·y + log(1 + e^−|z|), which never takes the log of 0.
                        let zi = z[i]
                        let positive = zi > 0 ? zi : 0
                        lossSum += (positive - zi * y[i] + log1p(exp(-zi.magnitude))).doubleValue
                        if computeGradient { dz[i] = (1 / (1 + exp(-zi)) - y[i]) * inverseCount }
                    }
                }
            }
        }
        return lossSum / Double(count)
    }

    public static func meanSquaredError(
        predictions: Tensor<Self>, targets: Tensor<Self>, gradient: inout Tensor<Self>, computeGradient: Bool
    ) -> Double {
        let count = predictions.count
        guard count > 0 else { return 0 }
        if computeGradient { gradient.resize(rows: predictions.rows, columns: predictions.columns) }
        let gradientFactor = 2 / Self(count)
        var lossSum = 0.0
        predictions.withUnsafeBufferPointer { p in
            targets.withUnsafeBufferPointer { y in
                gradient.withUnsafeMutableBufferPointer { dp in
                    for i in 0..<count {
                        let difference = p[i] - y[i]
                        lossSum += (difference * difference).doubleValue
                        if computeGradient { dp[i] = gradientFactor * difference }
                    }
                }
            }
        }
        return lossSum / Double(count)
    }

    public static func softmax(_ logits: Tensor<Self>, into probabilities: inout Tensor<Self>) {
        let width = logits.columns
        Tensor.elementwise(logits, into: &probabilities) { z, p in
            for r in 0..<logits.rows {
                let row = r * width
                var largest = z[row]
                for j in 1..<width where z[row + j] > largest { largest = z[row + j] }
                var sum: Self = 0
                for j in 0..<width {
                    p[row + j] = exp(z[row + j] - largest)
                    sum += p[row + j]
                }
                let inverse = 1 / sum
                for j in 0..<width { p[row + j] *= inverse }
            }
        }
    }

    public static func countCorrect(_ outputs: Tensor<Self>, labels: [Int], threshold: Self) -> Int {
        let width = outputs.columns
        var correct = 0
        outputs.withUnsafeBufferPointer { o in
            for r in 0..<outputs.rows {
                let predicted: Int
                if width == 1 {
                    predicted = o[r] > threshold ? 1 : 0
                } else {
                    var largest = o[r * width], largestIndex = 0
                    for j in 1..<width where o[r * width + j] > largest {
                        largest = o[r * width + j]
                        largestIndex = j
                    }
                    predicted = largestIndex
                }
                if predicted == labels[r] { correct += 1 }
            }
        }
        return correct
    }

    public static func oneHot(_ labels: [Int], width: Int, into targets: inout Tensor<Self>) {
        targets.resize(rows: labels.count, columns: width)
        targets.withUnsafeMutableBufferPointer { t in
            for i in 0..<t.count { t[i] = 0 }
            for (r, label) in labels.enumerated() {
                if width == 1 {
                    t[r] = label == 0 ? 0 : 1
                } else {
                    t[r * width + label] = 1
                }
            }
        }
    }
}
