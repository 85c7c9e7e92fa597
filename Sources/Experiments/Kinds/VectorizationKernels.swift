import NeuralEngine

/// The loops the vectorization lesson times: dot products, a streaming read
/// and matrix products, each written the way its variant's name says.
///
/// Every kernel is `@inline(never)` and returns (or writes) a value the
/// caller checks, so the optimizer can neither merge a kernel into the timing
/// loop nor drop work whose result is unused. Kernels take raw pointers: the
/// lesson compares loops, not Swift's bounds checks.
///
/// Swift never reassociates floating-point additions (there is no
/// `-ffast-math`), so a loop with a single accumulator stays a serial chain of
/// dependent additions; the faster variants split the sum by hand. Every
/// kernel that does so adds its partial sums in a fixed order, so its result
/// is deterministic, though not bit-identical to the serial loop.
enum VectorizationKernels {
    /// Returns its argument through a call the optimizer cannot see into.
    ///
    /// Calling a kernel in a loop with the same arguments invites the
    /// optimizer to call it once (it can tell the kernel only reads memory);
    /// passing a pointer through here makes every call look different.
    @inline(never) @_optimize(none)
    static func opaque(_ pointer: UnsafePointer<Double>) -> UnsafePointer<Double> {
        pointer
    }

    /// The dot product `variant` times (the matrix variants, BLAS's).
    static func dot(_ variant: VectorizationVariant) -> (UnsafePointer<Double>, UnsafePointer<Double>, Int) -> Double {
        switch variant {
        case .scalar: dotScalar
        case .accumulators: dotAccumulators
        case .simd: dotSIMD
        case .simdFMA: dotSIMDFusedMultiplyAdd
        case .blas, .naive, .ikj: dotBLAS
        }
    }

    /// The matrix product `variant` times (the dot-product variants, BLAS's).
    static func gemm(_ variant: VectorizationVariant) -> (UnsafePointer<Double>, UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void {
        switch variant {
        case .naive: gemmNaive
        case .ikj: gemmIKJ
        default: gemmBLAS
        }
    }

    // MARK: - Dot products

    /// `Σ x[i]·y[i]` with one accumulator: every addition waits for the one
    /// before it, so the loop runs at the latency of a floating-point add.
    @inline(never)
    static func dotScalar(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
        var sum = 0.0
        var i = 0
        while i < count {
            sum += x[i] * y[i]
            i &+= 1
        }
        return sum
    }

    /// `Σ x[i]·y[i]` with four independent accumulators: four chains of
    /// additions are in flight at once, so the loop runs closer to the
    /// throughput of the adder than to its latency.
    ///
    /// The partial sums cover neighbouring elements, so the compiler is free
    /// to (and does) pack them in pairs into 128-bit SIMD registers: once the
    /// author has made the sums independent, vectorizing them no longer
    /// changes the result.
    @inline(never)
    static func dotAccumulators(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var i = 0
        while i &+ 4 <= count {
            s0 += x[i] * y[i]
            s1 += x[i &+ 1] * y[i &+ 1]
            s2 += x[i &+ 2] * y[i &+ 2]
            s3 += x[i &+ 3] * y[i &+ 3]
            i &+= 4
        }
        while i < count {
            s0 += x[i] * y[i]
            i &+= 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    /// `Σ x[i]·y[i]` on `SIMD8<Double>` vectors with two vector accumulators:
    /// 16 independent partial sums, each instruction working on several lanes.
    @inline(never)
    static func dotSIMD(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
        let rx = UnsafeRawPointer(x), ry = UnsafeRawPointer(y)
        var a0 = SIMD8<Double>(), a1 = SIMD8<Double>()
        var i = 0
        while i &+ 16 <= count {
            let offset = i &* 8
            a0 += rx.loadUnaligned(fromByteOffset: offset, as: SIMD8<Double>.self)
                * ry.loadUnaligned(fromByteOffset: offset, as: SIMD8<Double>.self)
            a1 += rx.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD8<Double>.self)
                * ry.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD8<Double>.self)
            i &+= 16
        }
        var sum = (a0 + a1).sum()
        while i < count {
            sum += x[i] * y[i]
            i &+= 1
        }
        return sum
    }

    /// The SIMD loop written with `addProduct` (a fused multiply-add).
    ///
    /// Swift's default x86-64 target predates FMA instructions, so LLVM
    /// lowers each lane's fused multiply-add to a call of the C library's
    /// `fma`: eight calls per vector instead of two instructions. Built for a
    /// CPU with FMA (`-target-cpu x86-64-v3`) it would be the fastest loop.
    @inline(never)
    static func dotSIMDFusedMultiplyAdd(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
        let rx = UnsafeRawPointer(x), ry = UnsafeRawPointer(y)
        var a0 = SIMD8<Double>(), a1 = SIMD8<Double>()
        var i = 0
        while i &+ 16 <= count {
            let offset = i &* 8
            a0.addProduct(rx.loadUnaligned(fromByteOffset: offset, as: SIMD8<Double>.self),
                          ry.loadUnaligned(fromByteOffset: offset, as: SIMD8<Double>.self))
            a1.addProduct(rx.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD8<Double>.self),
                          ry.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD8<Double>.self))
            i &+= 16
        }
        var sum = (a0 + a1).sum()
        while i < count {
            sum += x[i] * y[i]
            i &+= 1
        }
        return sum
    }

    /// OpenBLAS `ddot`, hand-written assembly for this CPU family.
    @inline(never)
    static func dotBLAS(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
        BLAS.dot(UnsafeBufferPointer(start: x, count: count), UnsafeBufferPointer(start: y, count: count))
    }

    // MARK: - Memory bandwidth

    /// `Σ x[i] + Σ y[i]`: reads the same bytes as a dot product with less
    /// arithmetic per byte, so its time is the time to stream them from memory.
    @inline(never)
    static func streamingSum(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
        let rx = UnsafeRawPointer(x), ry = UnsafeRawPointer(y)
        var a0 = SIMD8<Double>(), a1 = SIMD8<Double>(), a2 = SIMD8<Double>(), a3 = SIMD8<Double>()
        var i = 0
        while i &+ 16 <= count {
            let offset = i &* 8
            a0 += rx.loadUnaligned(fromByteOffset: offset, as: SIMD8<Double>.self)
            a1 += ry.loadUnaligned(fromByteOffset: offset, as: SIMD8<Double>.self)
            a2 += rx.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD8<Double>.self)
            a3 += ry.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD8<Double>.self)
            i &+= 16
        }
        var sum = ((a0 + a1) + (a2 + a3)).sum()
        while i < count {
            sum += x[i] + y[i]
            i &+= 1
        }
        return sum
    }

    // MARK: - Matrix products (row-major n × n, C = A·B)

    /// The textbook loop: `c[i][j] = Σₖ a[i][k]·b[k][j]`. The inner loop walks
    /// down a column of B, one cache line per element, and its sum is a
    /// serial chain.
    @inline(never)
    static func gemmNaive(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>, n: Int) {
        for i in 0..<n {
            let rowA = a + i &* n
            for j in 0..<n {
                var sum = 0.0
                var k = 0
                while k < n {
                    sum += rowA[k] * b[k &* n &+ j]
                    k &+= 1
                }
                c[i &* n &+ j] = sum
            }
        }
    }

    /// The same arithmetic in i-k-j order: `row i of C += a[i][k] · row k of B`.
    /// The inner loop reads and writes consecutive elements and has no
    /// dependency between iterations, so the compiler vectorizes it. Each
    /// `c[i][j]` still sums its terms in the order k = 0, 1, …, so the result
    /// is bit-identical to the naive loop's.
    @inline(never)
    static func gemmIKJ(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>, n: Int) {
        for i in 0..<n {
            let rowC = c + i &* n
            rowC.update(repeating: 0, count: n)
            for k in 0..<n {
                let aik = a[i &* n &+ k]
                let rowB = b + k &* n
                var j = 0
                while j < n {
                    rowC[j] += aik * rowB[j]
                    j &+= 1
                }
            }
        }
    }

    /// OpenBLAS `dgemm`: blocked for every cache level, with a register-tiled
    /// micro-kernel in assembly.
    @inline(never)
    static func gemmBLAS(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>, n: Int) {
        BLAS.gemm(m: n, n: n, k: n, a: a, b: b, c: c)
    }
}
