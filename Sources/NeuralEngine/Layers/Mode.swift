/// How a forward pass behaves: the explicit train/eval switch of a model.
///
/// Only dropout and batch norm look at the mode; every other layer computes
/// the same function in all four.
public enum Mode: String, Sendable, CaseIterable {
    /// Training: dropout draws masks, batch norm uses the batch's statistics
    /// and updates its running averages.
    case training
    /// Evaluation (inference): dropout is off, batch norm uses its running averages.
    case evaluation
    /// Monte-Carlo dropout sampling: dropout draws masks as in training, every
    /// other layer behaves as in evaluation (batch norm uses its running averages
    /// and does not update them). Averaging several such passes estimates the
    /// predictive distribution (Gal & Ghahramani 2016, https://arxiv.org/abs/1506.02142).
    case monteCarloDropout
    /// Inference with batch statistics: batch norm normalizes with the mean and
    /// variance of the batch it is given, as in training, but leaves its running
    /// averages alone; dropout is off, as in evaluation. What a network predicts
    /// if the training-mode normalization is kept at test time, so that a
    /// prediction depends on the other examples in its batch.
    case batchStatistics

    /// Whether dropout layers draw masks.
    public var dropoutActive: Bool { self == .training || self == .monteCarloDropout }

    /// Whether batch norm normalizes with the batch's own statistics (rather
    /// than its running averages).
    public var usesBatchStatistics: Bool { self == .training || self == .batchStatistics }
}
