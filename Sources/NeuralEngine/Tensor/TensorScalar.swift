/// A floating-point type the engine computes in: `Float` or `Double`.
///
/// Models, layers and tensors are generic over their scalar so that lessons run
/// in `Float` (fast) and gradient checks run in `Double` (precise) through the
/// same code. Generic code is compiled once for all scalars, which would make
/// every `+` inside a loop an indirect call. So every loop that touches all the
/// elements of a tensor — the *kernels* — is declared here as a requirement.
/// The default implementations (in `TensorScalar+…Kernels.swift`) are written
/// once, generically; because `Float` and `Double` conform in this module, the
/// compiler builds a separate, specialized and vectorized copy of each for
/// each type. Layers then pay one indirect call per tensor, not per element.
///
/// Kernels write their results into `inout` tensors that they resize as
/// needed, so the caller can keep and reuse its buffers. They assume their
/// arguments have consistent shapes; layers check shapes once, up front.
public protocol TensorScalar: BinaryFloatingPoint, LosslessStringConvertible, Sendable
where RawSignificand: FixedWidthInteger {
    // MARK: Math and BLAS

    /// eˣ.
    static func exp(_ x: Self) -> Self
    /// The natural logarithm.
    static func log(_ x: Self) -> Self
    /// log(1 + x), accurate for small x.
    static func log1p(_ x: Self) -> Self
    /// The hyperbolic tangent.
    static func tanh(_ x: Self) -> Self
    /// This value as a `Double` (a requirement, so generic code converts without a generic call).
    var doubleValue: Double { get }
    /// `C = alpha·op(A)·op(B) + beta·C` through ``BLAS`` (sgemm or dgemm).
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    /// `Σ x[i]·y[i]` through BLAS.
    static func dot(_ x: UnsafeBufferPointer<Self>, _ y: UnsafeBufferPointer<Self>) -> Self

    // MARK: Activation kernels (TensorScalar+ActivationKernels.swift)

    /// `y = max(x, 0)`.
    static func reluForward(_ x: Tensor<Self>, into y: inout Tensor<Self>)
    /// `dx = dy` where `x > 0`, else 0.
    static func reluBackward(input x: Tensor<Self>, outputGradient dy: Tensor<Self>, into dx: inout Tensor<Self>)
    /// `y = x` where `x > 0`, else `slope·x`.
    static func leakyReLUForward(_ x: Tensor<Self>, slope: Self, into y: inout Tensor<Self>)
    /// `dx = dy` where `x > 0`, else `slope·dy`.
    static func leakyReLUBackward(
        input x: Tensor<Self>, outputGradient dy: Tensor<Self>, slope: Self, into dx: inout Tensor<Self>)
    /// `y = 1 / (1 + e⁻ˣ)`, computed without overflow for large |x|.
    static func sigmoidForward(_ x: Tensor<Self>, into y: inout Tensor<Self>)
    /// `dx = dy·y·(1 − y)` from the sigmoid's output `y`.
    static func sigmoidBackward(output y: Tensor<Self>, outputGradient dy: Tensor<Self>, into dx: inout Tensor<Self>)
    /// `y = tanh(x)`.
    static func tanhForward(_ x: Tensor<Self>, into y: inout Tensor<Self>)
    /// `dx = dy·(1 − y²)` from tanh's output `y`.
    static func tanhBackward(output y: Tensor<Self>, outputGradient dy: Tensor<Self>, into dx: inout Tensor<Self>)
    /// Each element of `mask` becomes `keptValue` with probability `keepProbability`, else 0.
    static func bernoulliMask(
        _ mask: inout Tensor<Self>, rows: Int, columns: Int, keepProbability: Double, keptValue: Self,
        generator: inout RandomGenerator)

    // MARK: Linear-algebra kernels (TensorScalar+LinearKernels.swift)

    /// `y = xᵀ`.
    static func transpose(_ x: Tensor<Self>, into y: inout Tensor<Self>)
    /// Sets every element of `x` to `value`.
    static func fill(_ x: inout Tensor<Self>, with value: Self)
    /// `z = x + y`, elementwise.
    static func add(_ x: Tensor<Self>, _ y: Tensor<Self>, into z: inout Tensor<Self>)
    /// `z = x ⊙ y`, elementwise.
    static func multiply(_ x: Tensor<Self>, _ y: Tensor<Self>, into z: inout Tensor<Self>)
    /// `z = x / y`, elementwise.
    static func divide(_ x: Tensor<Self>, _ y: Tensor<Self>, into z: inout Tensor<Self>)
    /// `y = factor·x`.
    static func scale(_ x: Tensor<Self>, by factor: Self, into y: inout Tensor<Self>)
    /// Every row of `y` (`rows` × `vector.count`) becomes a copy of the one-row `vector`.
    static func broadcastRow(_ vector: Tensor<Self>, rows: Int, into y: inout Tensor<Self>)
    /// `sums` (one row) holds the sum of each column of `x`.
    static func columnSums(_ x: Tensor<Self>, into sums: inout Tensor<Self>)
    /// `norms` (one row) holds the Euclidean norm of each column of `x`.
    static func columnNorms(_ x: Tensor<Self>, into norms: inout Tensor<Self>)
    /// Column `j` of `y` is column `j` of `x` times `factors[j]`.
    static func scaleColumns(_ x: Tensor<Self>, by factors: Tensor<Self>, into y: inout Tensor<Self>)
    /// Gradients of weight normalization `w = g·v/‖v‖` (per column) from the gradient `dw` of `w`.
    static func weightNormBackward(
        weightGradient dw: Tensor<Self>, direction v: Tensor<Self>, gain g: Tensor<Self>, norms: Tensor<Self>,
        gainGradient dg: inout Tensor<Self>, directionGradient dv: inout Tensor<Self>)

    // MARK: Loss kernels (TensorScalar+LossKernels.swift)

    /// Mean softmax cross-entropy of `logits` against class `labels`, and the number of rows
    /// whose largest logit is the label. When `computeGradient`, `gradient = (softmax − onehot)/rows`.
    static func softmaxCrossEntropy(
        logits: Tensor<Self>, labels: [Int], gradient: inout Tensor<Self>, computeGradient: Bool
    ) -> (loss: Double, correct: Int)
    /// Mean binary cross-entropy of sigmoid(`logits`) against 0/1 `targets`, over all elements.
    static func binaryCrossEntropy(
        logits: Tensor<Self>, targets: Tensor<Self>, gradient: inout Tensor<Self>, computeGradient: Bool
    ) -> Double
    /// Mean of `(prediction − target)²` over all elements.
    static func meanSquaredError(
        predictions: Tensor<Self>, targets: Tensor<Self>, gradient: inout Tensor<Self>, computeGradient: Bool
    ) -> Double
    /// Row-wise softmax.
    static func softmax(_ logits: Tensor<Self>, into probabilities: inout Tensor<Self>)
    /// Rows whose predicted class is the label: the largest column, or for a single column
    /// class 1 when the output exceeds `threshold`.
    static func countCorrect(_ outputs: Tensor<Self>, labels: [Int], threshold: Self) -> Int
    /// One-hot rows for `labels` in a `width`-column tensor; with `width` 1, the label itself (0 or 1).
    static func oneHot(_ labels: [Int], width: Int, into targets: inout Tensor<Self>)

    // MARK: Normalization kernels (TensorScalar+NormalizationKernels.swift)

    /// Mean and biased variance of each column, as one-row tensors.
    static func columnMoments(_ x: Tensor<Self>, mean: inout Tensor<Self>, variance: inout Tensor<Self>)
    /// `result = 1/√(variance + epsilon)`, elementwise.
    static func inverseSquareRoot(_ variance: Tensor<Self>, epsilon: Self, into result: inout Tensor<Self>)
    /// `average = momentum·average + (1 − momentum)·factor·x`, elementwise.
    static func exponentialAverage(_ average: inout Tensor<Self>, adding x: Tensor<Self>, momentum: Self, factor: Self)
    /// `y = (x − mean)·inverseStandardDeviation`, per column.
    static func normalizeColumns(
        _ x: Tensor<Self>, mean: Tensor<Self>, inverseStandardDeviation: Tensor<Self>, into y: inout Tensor<Self>)
    /// Input gradient of column normalization with batch statistics, from the gradient `dxhat`
    /// of the normalized values `xhat`.
    static func normalizeColumnsBackward(
        normalizedGradient dxhat: Tensor<Self>, normalized xhat: Tensor<Self>,
        inverseStandardDeviation: Tensor<Self>, into dx: inout Tensor<Self>)
    /// Normalizes each of `groups` contiguous groups of each row to mean 0, variance 1;
    /// `inverseStandardDeviation` is `rows × groups`.
    static func normalizeGroups(
        _ x: Tensor<Self>, groups: Int, epsilon: Self, into xhat: inout Tensor<Self>,
        inverseStandardDeviation: inout Tensor<Self>)
    /// Input gradient of ``normalizeGroups(_:groups:epsilon:into:inverseStandardDeviation:)``.
    static func normalizeGroupsBackward(
        normalizedGradient dxhat: Tensor<Self>, normalized xhat: Tensor<Self>, groups: Int,
        inverseStandardDeviation: Tensor<Self>, into dx: inout Tensor<Self>)
    /// `y = γ·xhat + β`, where `scale` γ and `shift` β are one-row tensors whose entry `p`
    /// serves the `columns / scale.count` consecutive columns of block `p`.
    static func affineForward(
        _ xhat: Tensor<Self>, scale: Tensor<Self>, shift: Tensor<Self>, into y: inout Tensor<Self>)
    /// Gradients of ``affineForward(_:scale:shift:into:)``.
    static func affineBackward(
        outputGradient dy: Tensor<Self>, normalized xhat: Tensor<Self>, scale: Tensor<Self>,
        normalizedGradient dxhat: inout Tensor<Self>, scaleGradient: inout Tensor<Self>,
        shiftGradient: inout Tensor<Self>)

    // MARK: Optimizer kernels (TensorScalar+OptimizerKernels.swift)

    /// `w −= learningRate·(g + weightDecay·w)`.
    static func sgdStep(value w: inout Tensor<Self>, gradient g: Tensor<Self>, learningRate: Self, weightDecay: Self)
    /// `v = momentum·v + c·(g + weightDecay·w)`, then `w −= learningRate·v`
    /// (or, with `nesterov`, `w −= learningRate·(g' + momentum·v)`), where the
    /// gradient scale `c` is 1 (PyTorch) or 1 − momentum (an average).
    static func momentumStep(
        value w: inout Tensor<Self>, gradient g: Tensor<Self>, velocity v: inout Tensor<Self>,
        learningRate: Self, momentum: Self, gradientScale: Self, weightDecay: Self, nesterov: Bool)
    /// One Adam step with bias correction for step number `step` (from 1).
    static func adamStep(
        value w: inout Tensor<Self>, gradient g: Tensor<Self>, firstMoment m: inout Tensor<Self>,
        secondMoment v: inout Tensor<Self>, learningRate: Self, beta1: Self, beta2: Self, epsilon: Self,
        weightDecay: Self, step: Int)
    /// One RMSprop step: `s = ρ·s + (1 − ρ)·g'²`, `w −= learningRate·g'/(√s + ε)`.
    static func rmspropStep(
        value w: inout Tensor<Self>, gradient g: Tensor<Self>, meanSquare s: inout Tensor<Self>,
        learningRate: Self, decay rho: Self, epsilon: Self, weightDecay: Self)
    /// Adds `rate·sign(w)` (the L1 penalty's gradient) to `g`.
    static func addL1Gradient(_ g: inout Tensor<Self>, value w: Tensor<Self>, rate: Self)

    // MARK: Statistics kernels (TensorScalar+StatisticsKernels.swift)

    /// Sum and sum of squares of all elements, accumulated in `Double`.
    static func sums(_ x: Tensor<Self>) -> (sum: Double, sumOfSquares: Double)
    /// Whether every element is finite.
    static func allFinite(_ x: Tensor<Self>) -> Bool
}

extension Float: TensorScalar {
    public static func exp(_ x: Float) -> Float { Math.exp(x) }
    public static func log(_ x: Float) -> Float { Math.log(x) }
    public static func log1p(_ x: Float) -> Float { Math.log1p(x) }
    public static func tanh(_ x: Float) -> Float { Math.tanh(x) }
    public var doubleValue: Double { Double(self) }

    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        BLAS.gemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
            alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }

    public static func dot(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Float {
        BLAS.dot(x, y)
    }
}

extension Double: TensorScalar {
    public static func exp(_ x: Double) -> Double { Math.exp(x) }
    public static func log(_ x: Double) -> Double { Math.log(x) }
    public static func log1p(_ x: Double) -> Double { Math.log1p(x) }
    public static func tanh(_ x: Double) -> Double { Math.tanh(x) }
    public var doubleValue: Double { self }

    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        BLAS.gemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
            alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }

    public static func dot(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> Double {
        BLAS.dot(x, y)
    }
}
