// Activation kernels: one pass over the elements each. The comparisons compile
// to vector selects; exp and tanh call the C library element by element.
//
// In the backward passes the gradient is loaded before the comparison on
// purpose: in `x > 0 ? dy[i] : 0` the load is conditional, which the compiler
// may not hoist, and the loop then stays a chain of unpredictable branches
// (ten times slower on ReLU's random sign pattern) instead of vector selects.

extension TensorScalar {
    public static func reluForward(_ x: Tensor<Self>, into y: inout Tensor<Self>) {
        Tensor.elementwise(x, into: &y) { x, y in
            for i in 0..<x.count { y[i] = x[i] > 0 ? x[i] : 0 }
        }
    }

    public static func reluBackward(input x: Tensor<Self>, outputGradient dy: Tensor<Self>, into dx: inout Tensor<Self>) {
        Tensor.elementwise(x, dy, into: &dx) { x, dy, dx in
            for i in 0..<x.count {
                let gradient = dy[i]
                dx[i] = x[i] > 0 ? gradient : 0
            }
        }
    }

    public static func leakyReLUForward(_ x: Tensor<Self>, slope: Self, into y: inout Tensor<Self>) {
        Tensor.elementwise(x, into: &y) { x, y in
            for i in 0..<x.count { y[i] = x[i] > 0 ? x[i] : slope * x[i] }
        }
    }

    public static func leakyReLUBackward(
        input x: Tensor<Self>, outputGradient dy: Tensor<Self>, slope: Self, into dx: inout Tensor<Self>
    ) {
        Tensor.elementwise(x, dy, into: &dx) { x, dy, dx in
            for i in 0..<x.count {
                let gradient = dy[i]
                dx[i] = x[i] > 0 ? gradient : slope * gradient
            }
        }
    }

    public static func sigmoidForward(_ x: Tensor<Self>, into y: inout Tensor<Self>) {
        // For very negative x, exp(-x) overflows to +inf and 1/inf is exactly 0,
        // so this plain form never produces NaN.
        Tensor.elementwise(x, into: &y) { x, y in
            for i in 0..<x.count { y[i] = 1 / (1 + exp(-x[i])) }
        }
    }

    public static func sigmoidBackward(output y: Tensor<Self>, outputGradient dy: Tensor<Self>, into dx: inout Tensor<Self>) {
        Tensor.elementwise(y, dy, into: &dx) { y, dy, dx in
            for i in 0..<y.count { dx[i] = dy[i] * y[i] * (1 - y[i]) }
        }
    }

    public static func tanhForward(_ x: Tensor<Self>, into y: inout Tensor<Self>) {
        Tensor.elementwise(x, into: &y) { x, y in
            for i in 0..<x.count { y[i] = tanh(x[i]) }
        }
    }

    public static func tanhBackward(output y: Tensor<Self>, outputGradient dy: Tensor<Self>, into dx: inout Tensor<Self>) {
        Tensor.elementwise(y, dy, into: &dx) { y, dy, dx in
            for i in 0..<y.count { dx[i] = dy[i] * (1 - y[i] * y[i]) }
        }
    }

    public static func bernoulliMask(
        _ mask: inout Tensor<Self>, rows: Int, columns: Int, keepProbability: Double, keptValue: Self,
        generator: inout RandomGenerator
    ) {
        mask.resize(rows: rows, columns: columns)
        mask.withUnsafeMutableBufferPointer { mask in
            for i in 0..<mask.count {
                mask[i] = generator.uniform() < keepProbability ? keptValue : 0
            }
        }
    }
}
