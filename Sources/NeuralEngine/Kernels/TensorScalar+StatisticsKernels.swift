// Statistics kernels for the training history (activation and weight statistics).

extension TensorScalar {
    public static func sums(_ x: Tensor<Self>) -> (sum: Double, sumOfSquares: Double) {
        // Accumulate each row in the scalar type (vectorizable), the rows in Double,
        // so long tensors keep their precision.
        let width = max(x.columns, 1)
        var sum = 0.0, sumOfSquares = 0.0
        x.withUnsafeBufferPointer { x in
            for r in 0..<x.count / width {
                var rowSum: Self = 0, rowSquares: Self = 0
                for j in r * width..<(r + 1) * width {
                    rowSum += x[j]
                    rowSquares += x[j] * x[j]
                }
                sum += rowSum.doubleValue
                sumOfSquares += rowSquares.doubleValue
            }
        }
        return (sum, sumOfSquares)
    }

    public static func allFinite(_ x: Tensor<Self>) -> Bool {
        x.withUnsafeBufferPointer { x in
            var finite = true
            for i in 0..<x.count { finite = finite && x[i].isFinite }
            return finite
        }
    }
}
