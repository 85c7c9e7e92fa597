extension Parameter {
    /// The central difference (f(θ + ε) − f(θ − ε)) / 2ε of `f` in one scalar
    /// θ of ``value``: the derivative estimated from two values of `f` alone,
    /// which a gradient check holds back-propagation's ``gradient`` against.
    /// θ is put back afterwards, even when `f` throws. Its error, and how ε is
    /// rounded: ``Tensor/centralDifference(around:step:_:)``.
    ///
    /// `f` reads θ where the model does, in ``value``; so θ is written there,
    /// not into a tensor handed to `f` as
    /// ``Tensor/centralDifference(of:at:step:_:)`` does (that would hold
    /// ``value`` for writing while the model reads it).
    ///
    /// - Parameters:
    ///   - index: The scalar nudged, in row-major order.
    ///   - step: ε.
    ///   - f: The function, read with θ nudged: typically the loss of a
    ///     forward pass through the model that holds this parameter.
    public func centralDifference(at index: Int, step: Double, of f: () throws -> Double) rethrows -> Double {
        let row = index / value.columns
        let column = index % value.columns
        let original = value[row, column]
        defer { value[row, column] = original }
        return try Tensor.centralDifference(around: original, step: step) { nudged in
            value[row, column] = nudged
            return try f()
        }
    }
}
