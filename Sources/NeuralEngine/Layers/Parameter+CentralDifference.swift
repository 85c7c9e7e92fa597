extension Parameter {
    /// The central difference (f(θ + ε) − f(θ − ε)) / 2ε of `f` in one scalar
    /// θ of ``value``: the derivative estimated from two values of `f` alone,
    /// which a gradient check holds back-propagation's ``gradient`` against.
    /// θ is put back afterwards, even when `f` throws.
    ///
    /// The two-sided difference is off by about ε²·f‴/6 (the ε²·f″ terms of
    /// the two sides cancel); the rounding of `f` is divided by 2ε, so it grows
    /// as 1/ε.
    ///
    /// - Parameters:
    ///   - index: The scalar nudged, in row-major order.
    ///   - step: ε. θ ± ε is rounded to `Scalar`; the quotient is over the
    ///     nominal 2ε, as the formula is written, not over the step the
    ///     rounding left (in `Float`, off by up to ulp(θ)/2ε relatively).
    ///   - f: The function, read with θ nudged: typically the loss of a
    ///     forward pass through the model that holds this parameter.
    public func centralDifference(at index: Int, step: Double, of f: () throws -> Double) rethrows -> Double {
        let row = index / value.columns
        let column = index % value.columns
        let original = value[row, column]
        defer { value[row, column] = original }
        value[row, column] = original + Scalar(step)
        let plus = try f()
        value[row, column] = original - Scalar(step)
        let minus = try f()
        return (plus - minus) / (2 * step)
    }
}
