extension Tensor {
    /// Matrix product `C = alpha·op(A)·op(B) + beta·C` on BLAS (sgemm or dgemm).
    ///
    /// `op(X)` is `X` or, if asked, its transpose; BLAS reads the transpose in
    /// place, nothing is copied. With `beta` 0, `c` is resized to the product's
    /// shape and overwritten; otherwise it must already have that shape.
    /// - Throws: ``EngineError/shapeMismatch(_:)`` if the shapes do not fit.
    public static func multiply(
        _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false,
        alpha: Scalar = 1, beta: Scalar = 0, into c: inout Tensor
    ) throws {
        let (m, innerA) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
        let (innerB, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
        guard innerA == innerB else {
            throw EngineError.shapeMismatch(
                "cannot multiply \(m) × \(innerA) by \(innerB) × \(n) (after transposes)")
        }
        if beta != 0, c.rows != m || c.columns != n {
            throw EngineError.shapeMismatch(
                "accumulating a \(m) × \(n) product into a \(c.rows) × \(c.columns) tensor")
        }
        gemm(a, b, transposeA: transposeA, transposeB: transposeB, alpha: alpha, beta: beta, into: &c)
    }

    /// The matrix product `self · other` (or with either transposed) as a new tensor.
    /// - Throws: ``EngineError/shapeMismatch(_:)`` if the inner sizes differ.
    public func matmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) throws -> Tensor {
        var result = Tensor()
        try Tensor.multiply(self, other, transposeA: transposeSelf, transposeB: transposeOther, into: &result)
        return result
    }

    /// ``multiply(_:_:transposeA:transposeB:alpha:beta:into:)`` without the checks, for
    /// layers whose shapes the model has already checked.
    static func gemm(
        _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false,
        alpha: Scalar = 1, beta: Scalar = 0, into c: inout Tensor
    ) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let n = transposeB ? b.rows : b.columns
        if beta == 0 { c.resize(rows: m, columns: n) }
        guard m > 0, n > 0 else { return }
        if k == 0 {
            // BLAS leaves C untouched when k is 0; the product of empty factors is 0.
            Scalar.scale(c, by: beta, into: &c)
            return
        }
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    Scalar.gemm(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                        alpha: alpha, a: a.baseAddress!, lda: transposeA ? m : k,
                        b: b.baseAddress!, ldb: transposeB ? k : n,
                        beta: beta, c: c.baseAddress!, ldc: n)
                }
            }
        }
    }
}
