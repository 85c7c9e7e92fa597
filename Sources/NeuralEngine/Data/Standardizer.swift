/// Per-feature standardization to mean 0 and standard deviation 1, fitted on
/// one set (the training set) and applied unchanged to others, so that no
/// statistic of the validation or test set leaks into training.
///
/// A feature that is constant in the fitting set (a border pixel that is always
/// 0) has standard deviation 0; it is only centred, not divided, as in
/// scikit-learn's `StandardScaler`.
public struct Standardizer<Scalar: TensorScalar>: Sendable, Equatable {
    /// Mean of each feature in the fitting set.
    public let mean: Tensor<Scalar>
    /// Standard deviation (population) of each feature in the fitting set; 1 where it was 0.
    public let standardDeviation: Tensor<Scalar>

    /// Fits the per-feature mean and standard deviation of `features`.
    public init(fitting features: Tensor<Scalar>) {
        var mean = Tensor<Scalar>(), variance = Tensor<Scalar>()
        Scalar.columnMoments(features, mean: &mean, variance: &variance)
        self.mean = mean
        self.standardDeviation = Tensor(row: variance.scalars.map { $0 > 0 ? $0.squareRoot() : 1 })
    }

    /// Fits on the features of `data`.
    public init(fitting data: Dataset<Scalar>) {
        self.init(fitting: data.features)
    }

    /// Features per row this standardizer expects.
    public var width: Int { mean.columns }

    /// `(x − mean) / standardDeviation`, per feature.
    /// - Throws: ``EngineError/shapeMismatch(_:)`` if the width differs from the fitted one.
    public func transform(_ features: Tensor<Scalar>) throws -> Tensor<Scalar> {
        guard features.columns == width else {
            throw EngineError.shapeMismatch("standardizer fitted on \(width) features, given \(features.columns)")
        }
        var inverse = Tensor<Scalar>(), result = Tensor<Scalar>()
        Scalar.divide(Tensor(rows: 1, columns: width, repeating: 1), standardDeviation, into: &inverse)
        Scalar.normalizeColumns(features, mean: mean, inverseStandardDeviation: inverse, into: &result)
        return result
    }

    /// The set with its features standardized.
    public func transform(_ data: Dataset<Scalar>) throws -> Dataset<Scalar> {
        try data.replacingFeatures(transform(data.features))
    }
}
