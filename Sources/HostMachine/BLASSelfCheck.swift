import NeuralEngine

/// The precisions the self-check runs OpenBLAS's GEMM in.
protocol SelfCheckedScalar: BinaryFloatingPoint {
    static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Self,
                     a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int, beta: Self,
                     c: UnsafeMutablePointer<Self>, ldc: Int)
}

extension Float: SelfCheckedScalar {
    static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                     a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float,
                     c: UnsafeMutablePointer<Float>, ldc: Int) {
        BLAS.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                  a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}

extension Double: SelfCheckedScalar {
    static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                     a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int, beta: Double,
                     c: UnsafeMutablePointer<Double>, ldc: Int) {
        BLAS.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                  a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}

/// The GEMM comparisons behind ``BLASKernelSelection/selfCheck()``.
enum BLASSelfCheck {
    /// `C = alpha·op(A)·op(B) + beta·C` by BLAS and by a plain loop, for
    /// each combination of transposes, on shapes chosen to exercise every edge
    /// path of a blocked kernel (odd sizes, more than one block, padding).
    static func gemmAgrees<Scalar: SelfCheckedScalar>(_: Scalar.Type) -> Bool {
        let m = 37, n = 19, k = 67
        let alpha: Scalar = 0.75, beta: Scalar = -1.25
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Scalar {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Scalar(Double(Int64(bitPattern: state) >> 11) * 0x1p-52)  // in [-1, 1)
        }
        for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
            // Stored shapes, each row padded by 3 elements.
            let aRows = transposeA ? k : m, aColumns = transposeA ? m : k
            let bRows = transposeB ? n : k, bColumns = transposeB ? k : n
            let lda = aColumns + 3, ldb = bColumns + 3, ldc = n + 3
            let a = (0..<aRows * lda).map { _ in next() }
            let b = (0..<bRows * ldb).map { _ in next() }
            let c0 = (0..<m * ldc).map { _ in next() }
            var c = c0
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        Scalar.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                                    a: a.baseAddress!, lda: lda, b: b.baseAddress!, ldb: ldb, beta: beta,
                                    c: c.baseAddress!, ldc: ldc)
                    }
                }
            }
            for i in 0..<m {
                for j in 0..<n {
                    var sum = 0.0, magnitude = 0.0
                    for p in 0..<k {
                        let x = Double(transposeA ? a[p * lda + i] : a[i * lda + p])
                        let y = Double(transposeB ? b[j * ldb + p] : b[p * ldb + j])
                        sum += x * y
                        magnitude += abs(x * y)
                    }
                    let expected = Double(alpha) * sum + Double(beta) * Double(c0[i * ldc + j])
                    let scale = abs(Double(alpha)) * magnitude + abs(Double(beta) * Double(c0[i * ldc + j]))
                    // Any summation order is within k + 2 roundings of the
                    // exact value; 4× that is still far below any real error.
                    let bound = 4 * Double(k + 2) * Double(Scalar.ulpOfOne) * scale + Double(Scalar.leastNormalMagnitude)
                    let difference = abs(Double(c[i * ldc + j]) - expected)
                    if !(difference <= bound) { return false }
                }
                // Padding must be left alone.
                for j in n..<ldc where c[i * ldc + j] != c0[i * ldc + j] { return false }
            }
        }
        return true
    }
}
