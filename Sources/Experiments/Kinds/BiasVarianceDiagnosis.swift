/// What a model's training and validation errors say about it: the rule of
/// thumb of bias and variance (Ng, *Machine Learning Yearning*, ch. 20–23).
///
/// With the base error `b` — the best error any model could reach on the task
/// (Bayes error, estimated for instance by human error) —
///
/// - **avoidable bias** = training error − b: how far the model is from the
///   best possible fit on the data it has seen;
/// - **variance** = validation error − training error: how much worse it does
///   on data it has not seen.
///
/// The model has *high bias* if the avoidable bias exceeds `biasThreshold`,
/// *high variance* if the variance exceeds `varianceThreshold`, *both* if both
/// do, *neither* otherwise. Errors and thresholds are in the same unit: a
/// fraction of examples misclassified, or a mean squared error.
///
/// With b = 0 and the default thresholds of 0.05, the four textbook cases come
/// out as the textbook says: 1 % / 11 % is high variance, 15 % / 16 % high
/// bias, 15 % / 30 % both, 0.5 % / 1 % neither.
public enum BiasVarianceDiagnosis: String, Codable, Sendable, Hashable, CaseIterable {
    case highBias = "high bias"
    case highVariance = "high variance"
    case both
    case neither

    public static let defaultBiasThreshold = 0.05
    public static let defaultVarianceThreshold = 0.05

    /// Applies the rule.
    /// - Parameters:
    ///   - trainError: Error on the training set.
    ///   - validationError: Error on the validation set.
    ///   - baseError: The best achievable error (0 if unknown).
    ///   - biasThreshold: Largest avoidable bias that is not "high".
    ///   - varianceThreshold: Largest gap between validation and training error that is not "high".
    public static func diagnose(
        trainError: Double, validationError: Double, baseError: Double = 0,
        biasThreshold: Double = defaultBiasThreshold, varianceThreshold: Double = defaultVarianceThreshold
    ) -> BiasVarianceDiagnosis {
        switch (trainError - baseError > biasThreshold, validationError - trainError > varianceThreshold) {
        case (true, true): .both
        case (true, false): .highBias
        case (false, true): .highVariance
        case (false, false): .neither
        }
    }
}
