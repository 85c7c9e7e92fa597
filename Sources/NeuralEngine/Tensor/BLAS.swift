import COpenBLAS
#if canImport(Glibc)
import Glibc
#endif

/// The engine's one door to OpenBLAS: thread count, dot products and matrix products.
///
/// Everything in the engine that multiplies matrices goes through here (via
/// ``Tensor``), and so do the lessons that compare a hand-written loop with
/// the library call. All matrices are row-major; leading dimensions default to
/// the packed width of the (untransposed) matrix.
///
/// The functions take raw pointers because that is what the lessons time: no
/// copies, no checks beyond what BLAS itself does. Callers guarantee that the
/// buffers are as large as `m`, `n`, `k` and the leading dimensions say.
public enum BLAS {
    /// Sets the number of threads OpenBLAS may use for its level-3 routines.
    ///
    /// Benchmarks and timing lessons use 1 so that figures are comparable
    /// between machines and do not fight other processes for cores.
    /// - Parameter count: Number of threads; values below 1 are treated as 1.
    public static func setThreadCount(_ count: Int) {
        let count = Int32(clamping: max(1, count))
        // Only on a change: `openblas_set_num_threads` starts OpenBLAS's
        // workers again, even for the count it already has (see
        // ``useOneThreadAndStopWorkers()``).
        guard count != openblas_get_num_threads() else { return }
        openblas_set_num_threads(count)
    }

    /// Uses one thread, and ends the worker threads OpenBLAS started when it
    /// was loaded. Call it at the start of a program, before any other thread
    /// uses BLAS.
    ///
    /// OpenBLAS starts its workers in its load-time constructor, before
    /// `main`, and an idle worker spins on `sched_yield` for about 2²⁸ clock
    /// cycles before it sleeps: 0.05–0.1 s of a core at every start of the
    /// program, which on two cores is a third of a warm `lesson render`.
    /// Setting one thread does not stop them (and setting a thread count
    /// starts them again); `blas_thread_shutdown_` does.
    /// It is looked up at run time, since a serial build of OpenBLAS has no
    /// workers and no such function. With one thread, OpenBLAS never starts
    /// them again.
    public static func useOneThreadAndStopWorkers() {
        setThreadCount(1)
        guard let symbol = dlsym(nil, "blas_thread_shutdown_") else { return }
        _ = unsafeBitCast(symbol, to: (@convention(c) () -> Int32).self)()
    }

    /// The number of threads OpenBLAS currently uses.
    public static var threadCount: Int {
        Int(openblas_get_num_threads())
    }

    /// The dot product `Σ x[i]·y[i]` of two vectors of equal length.
    ///
    /// If the lengths differ, only the common prefix is used.
    public static func dot(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> Double {
        let count = min(x.count, y.count)
        guard count > 0, let xBase = x.baseAddress, let yBase = y.baseAddress else { return 0 }
        return cblas_ddot(blasint(count), xBase, 1, yBase, 1)
    }

    /// The dot product `Σ x[i]·y[i]` of two vectors of equal length.
    ///
    /// If the lengths differ, only the common prefix is used.
    public static func dot(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Float {
        let count = min(x.count, y.count)
        guard count > 0, let xBase = x.baseAddress, let yBase = y.baseAddress else { return 0 }
        return cblas_sdot(blasint(count), xBase, 1, yBase, 1)
    }

    /// General matrix product `C = alpha·op(A)·op(B) + beta·C` in single precision.
    ///
    /// `op(A)` is `m × k`, `op(B)` is `k × n` and `C` is `m × n`, all row-major.
    /// With `transposeA`, `A` is stored as `k × m` (and likewise for `B`).
    /// - Parameters:
    ///   - transposeA: Whether to use `Aᵀ` in place of `A`.
    ///   - transposeB: Whether to use `Bᵀ` in place of `B`.
    ///   - m: Rows of `op(A)` and of `C`.
    ///   - n: Columns of `op(B)` and of `C`.
    ///   - k: Columns of `op(A)`, rows of `op(B)`.
    ///   - alpha: Scale of the product.
    ///   - a: First element of `A`.
    ///   - lda: Distance between rows of `A` as stored; defaults to its width.
    ///   - b: First element of `B`.
    ///   - ldb: Distance between rows of `B` as stored; defaults to its width.
    ///   - beta: Scale of the old `C`; 0 overwrites `C` (even if it held NaN).
    ///   - c: First element of `C`.
    ///   - ldc: Distance between rows of `C`; defaults to `n`.
    public static func gemm(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int? = nil,
        b: UnsafePointer<Float>, ldb: Int? = nil,
        beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int? = nil
    ) {
        guard m > 0, n > 0 else { return }
        cblas_sgemm(
            CblasRowMajor, order(transposeA), order(transposeB),
            blasint(m), blasint(n), blasint(k),
            alpha, a, blasint(lda ?? (transposeA ? m : k)),
            b, blasint(ldb ?? (transposeB ? k : n)),
            beta, c, blasint(ldc ?? n)
        )
    }

    /// General matrix product `C = alpha·op(A)·op(B) + beta·C` in double precision.
    ///
    /// Same conventions as the `Float` version.
    public static func gemm(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Double = 1,
        a: UnsafePointer<Double>, lda: Int? = nil,
        b: UnsafePointer<Double>, ldb: Int? = nil,
        beta: Double = 0,
        c: UnsafeMutablePointer<Double>, ldc: Int? = nil
    ) {
        guard m > 0, n > 0 else { return }
        cblas_dgemm(
            CblasRowMajor, order(transposeA), order(transposeB),
            blasint(m), blasint(n), blasint(k),
            alpha, a, blasint(lda ?? (transposeA ? m : k)),
            b, blasint(ldb ?? (transposeB ? k : n)),
            beta, c, blasint(ldc ?? n)
        )
    }

    /// `y = alpha·x + y` over the common prefix of the two vectors.
    public static func axpy(alpha: Float, _ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>) {
        let count = min(x.count, y.count)
        guard count > 0, let xBase = x.baseAddress, let yBase = y.baseAddress else { return }
        cblas_saxpy(blasint(count), alpha, xBase, 1, yBase, 1)
    }

    /// `y = alpha·x + y` over the common prefix of the two vectors.
    public static func axpy(alpha: Double, _ x: UnsafeBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>) {
        let count = min(x.count, y.count)
        guard count > 0, let xBase = x.baseAddress, let yBase = y.baseAddress else { return }
        cblas_daxpy(blasint(count), alpha, xBase, 1, yBase, 1)
    }

    private static func order(_ transposed: Bool) -> CBLAS_TRANSPOSE {
        transposed ? CblasTrans : CblasNoTrans
    }
}
