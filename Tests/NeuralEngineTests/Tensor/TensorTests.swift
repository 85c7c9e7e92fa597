import Testing
@testable import NeuralEngine

struct TensorTests {
    @Test func shapesAreChecked() throws {
        #expect(throws: EngineError.self) { try Tensor<Float>(rows: 2, columns: 2, scalars: [1, 2, 3]) }
        #expect(throws: EngineError.self) { try Tensor<Float>([[1, 2], [3]]) }
        let t = try Tensor<Float>([[1, 2, 3], [4, 5, 6]])
        #expect(t.rows == 2 && t.columns == 3 && t[1, 2] == 6)
        #expect(t.transposed() == (try Tensor([[1, 4], [2, 5], [3, 6]])))
        #expect(t.gatheringRows([1, 1, 0]) == (try Tensor([[4, 5, 6], [4, 5, 6], [1, 2, 3]])))
    }

    @Test(arguments: [false, true], [false, true])
    func matmulMatchesTheDefinition(transposeA: Bool, transposeB: Bool) throws {
        var generator = RandomGenerator(seed: 4)
        let a0 = GradientCheck.randomTensor(rows: 3, columns: 4, generator: &generator)
        let b0 = GradientCheck.randomTensor(rows: 4, columns: 5, generator: &generator)
        let a = transposeA ? a0.transposed() : a0, b = transposeB ? b0.transposed() : b0
        let product = try a.matmul(b, transposeSelf: transposeA, transposeOther: transposeB)
        for i in 0..<3 {
            for j in 0..<5 {
                let expected = (0..<4).reduce(0.0) { $0 + a0[i, $1] * b0[$1, j] }
                #expect(abs(product[i, j] - expected) < 1e-12)
            }
        }
        var accumulated = product
        try Tensor.multiply(a, b, transposeA: transposeA, transposeB: transposeB, alpha: 2, beta: 1, into: &accumulated)
        for (x, y) in zip(accumulated.scalars, product.scalars) { #expect(abs(x - 3 * y) < 1e-12) }
    }

    @Test func matmulRejectsMismatchedShapes() {
        let a = Tensor<Float>(rows: 2, columns: 3), b = Tensor<Float>(rows: 2, columns: 3)
        #expect(throws: EngineError.self) { try a.matmul(b) }
        var c = Tensor<Float>(rows: 1, columns: 1)
        #expect(throws: EngineError.self) { try Tensor.multiply(a, b, transposeB: true, beta: 1, into: &c) }
    }

    @Test func resizeKeepsCapacityAndCopyOnWriteProtectsKeptTensors() {
        var t = Tensor<Float>(rows: 32, columns: 8, repeating: 1)
        let kept = t
        t.resize(rows: 29, columns: 8)
        t.fill(2)
        #expect(kept.scalars.allSatisfy { $0 == 1 })
        #expect(t.count == 29 * 8 && t.scalars.allSatisfy { $0 == 2 })
    }

    @Test func blasDotAndGemm() {
        let x: [Double] = [1, 2, 3], y: [Double] = [4, 5, 6]
        #expect(x.withUnsafeBufferPointer { a in y.withUnsafeBufferPointer { b in BLAS.dot(a, b) } } == 32)
        let xf: [Float] = [1, 2], yf: [Float] = [3, 4]
        #expect(xf.withUnsafeBufferPointer { a in yf.withUnsafeBufferPointer { b in BLAS.dot(a, b) } } == 11)
        let a: [Float] = [1, 2, 3, 4], b: [Float] = [5, 6, 7, 8]  // 2 × 2 each
        var c = [Float](repeating: 1, count: 4)
        BLAS.gemm(transposeA: true, m: 2, n: 2, k: 2, alpha: 1, a: a, b: b, beta: 1, c: &c)
        // Aᵀ·B = [[1,3],[2,4]]·[[5,6],[7,8]] = [[26,30],[38,44]], plus the old C.
        #expect(c == [27, 31, 39, 45])
        BLAS.setThreadCount(1)
        #expect(BLAS.threadCount == 1)
    }
}
