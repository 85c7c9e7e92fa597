/// How a forward pass behaves: the explicit train/eval switch of a model.
///
/// Only dropout and batch norm look at the mode; every other layer computes
/// the same function in all three.
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

    /// Whether dropout layers draw masks.
    public var dropoutActive: Bool { self != .evaluation }
}
