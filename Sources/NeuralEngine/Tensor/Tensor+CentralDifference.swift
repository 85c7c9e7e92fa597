extension Tensor {
    /// The central difference (f(x + ε·eᵢ) − f(x − ε·eᵢ)) / 2ε of `f` in the
    /// scalar i of `x`: the derivative ∂f/∂xᵢ estimated from two values of `f`
    /// alone, which a gradient check holds back-propagation's gradient against
    /// (for an input, or a loss's logits). `f` receives `x` with that scalar
    /// nudged; `x` is put back afterwards, even when `f` throws.
    ///
    /// - Parameters:
    ///   - x: The tensor nudged.
    ///   - index: The scalar nudged, in row-major order.
    ///   - step: ε; see ``centralDifference(around:step:_:)``.
    ///   - f: The function of the whole tensor.
    public static func centralDifference(
        of x: inout Tensor, at index: Int, step: Double, _ f: (Tensor) throws -> Double
    ) rethrows -> Double {
        let row = index / x.columns
        let column = index % x.columns
        let original = x[row, column]
        defer { x[row, column] = original }
        return try centralDifference(around: original, step: step) { nudged in
            x[row, column] = nudged
            return try f(x)
        }
    }

    /// The central difference (f(θ + ε) − f(θ − ε)) / 2ε of a function of one
    /// scalar, at θ: what ``centralDifference(of:at:step:_:)`` and
    /// ``Parameter/centralDifference(at:step:of:)`` compute, each writing the
    /// nudged θ where `f` reads it.
    ///
    /// The two-sided difference is off by about ε²·f‴/6 (the ε²·f″ terms of
    /// the two sides cancel); the rounding of `f` is divided by 2ε, so it grows
    /// as 1/ε.
    ///
    /// - Parameters:
    ///   - theta: θ, the point the derivative is estimated at.
    ///   - step: ε. θ ± ε is rounded to `Scalar`; the quotient is over the
    ///     nominal 2ε, as the formula is written, not over the step the
    ///     rounding left (in `Float`, off by up to ulp(θ)/2ε relatively).
    ///   - f: The function, given θ + ε, then θ − ε.
    public static func centralDifference(
        around theta: Scalar, step: Double, _ f: (Scalar) throws -> Double
    ) rethrows -> Double {
        let plus = try f(theta + Scalar(step))
        let minus = try f(theta - Scalar(step))
        return (plus - minus) / (2 * step)
    }
}
