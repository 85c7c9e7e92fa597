// Plumbing shared by the kernels: hand a kernel's loop raw buffer pointers.
//
// Everything here is `@inline(__always)` so that it melts into each kernel's
// Float and Double specializations and the loops inside stay vectorizable.

extension Tensor {
    /// Resizes `output` to the shape of `input` and calls `body` with both buffers.
    @inline(__always)
    static func elementwise(
        _ input: Tensor, into output: inout Tensor,
        _ body: (UnsafeBufferPointer<Scalar>, UnsafeMutableBufferPointer<Scalar>) -> Void
    ) {
        output.resize(rows: input.rows, columns: input.columns)
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in body(x, y) }
        }
    }

    /// Resizes `output` to the shape of `first` and calls `body` with the three buffers.
    @inline(__always)
    static func elementwise(
        _ first: Tensor, _ second: Tensor, into output: inout Tensor,
        _ body: (UnsafeBufferPointer<Scalar>, UnsafeBufferPointer<Scalar>, UnsafeMutableBufferPointer<Scalar>) -> Void
    ) {
        output.resize(rows: first.rows, columns: first.columns)
        first.withUnsafeBufferPointer { a in
            second.withUnsafeBufferPointer { b in
                output.withUnsafeMutableBufferPointer { c in body(a, b, c) }
            }
        }
    }
}
