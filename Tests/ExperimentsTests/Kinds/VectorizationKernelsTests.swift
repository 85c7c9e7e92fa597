import Testing
@testable import Experiments

@Suite struct VectorizationKernelsTests {
    /// `n` small integers, so every product and partial sum is exact in
    /// `Double` and every summation order gives the same result, followed by
    /// a large sentinel that a kernel reading past `n` would add.
    static func vectors(_ n: Int) -> ([Double], [Double]) {
        ((0..<n).map { Double($0 % 7 + 1) } + [1e9], (0..<n).map { Double($0 % 5) - 2 } + [1e9])
    }

    typealias DotKernel = @Sendable (UnsafePointer<Double>, UnsafePointer<Double>, Int) -> Double

    static let dotKernels: [(String, DotKernel)] = [
        ("scalar", VectorizationKernels.dotScalar),
        ("accumulators", VectorizationKernels.dotAccumulators),
        ("simd", VectorizationKernels.dotSIMD),
        ("simd_fma", VectorizationKernels.dotSIMDFusedMultiplyAdd),
        ("blas", VectorizationKernels.dotBLAS),
    ]

    // Lengths around the unrolling factors (4, 16) exercise every tail loop.
    @Test(arguments: [0, 1, 3, 4, 5, 15, 16, 17, 31, 33, 100, 1_001])
    func dotKernelsHandleEveryLength(n: Int) {
        let (x, y) = Self.vectors(n)
        let expected = zip(x, y).prefix(n).reduce(0.0) { $0 + $1.0 * $1.1 }
        for (name, kernel) in Self.dotKernels {
            let got = x.withUnsafeBufferPointer { xs in
                y.withUnsafeBufferPointer { ys in kernel(xs.baseAddress!, ys.baseAddress!, n) }
            }
            #expect(got == expected, "\(name), n = \(n)")
        }
    }

    @Test(arguments: [0, 1, 15, 16, 17, 100])
    func streamingSumReadsEveryElement(n: Int) {
        let (x, y) = Self.vectors(n)
        let expected = x.prefix(n).reduce(0, +) + y.prefix(n).reduce(0, +)
        let got = x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                VectorizationKernels.streamingSum(xs.baseAddress!, ys.baseAddress!, count: n)
            }
        }
        #expect(got == expected)
    }

    @Test(arguments: [1, 2, 3, 7, 16])
    func matrixProductsMatchTheDefinition(n: Int) {
        let a = (0..<n * n).map { Double($0 % 5) - 1 }, b = (0..<n * n).map { Double($0 % 3) + 0.5 }
        var expected = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                for k in 0..<n { expected[i * n + j] += a[i * n + k] * b[k * n + j] }
            }
        }
        let kernels: [(String, (UnsafePointer<Double>, UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void)] = [
            ("naive", VectorizationKernels.gemmNaive),
            ("ikj", VectorizationKernels.gemmIKJ),
            ("blas", VectorizationKernels.gemmBLAS),
        ]
        for (name, kernel) in kernels {
            // NaN in C checks that every kernel overwrites it rather than adding to it.
            var c = [Double](repeating: .nan, count: n * n)
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in kernel(pa.baseAddress!, pb.baseAddress!, pc.baseAddress!, n) }
                }
            }
            #expect(c == expected, "\(name), n = \(n)")
        }
    }
}
