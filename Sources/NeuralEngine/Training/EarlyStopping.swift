/// Stops training when the validation loss has not improved for a while, and
/// optionally goes back to the weights of its best epoch (Prechelt, "Early
/// stopping — but when?", 1998).
///
/// After every epoch the validation loss is compared with the lowest so far;
/// after `patience` epochs in a row without a lower one, training stops. With
/// ``restoreBest`` the model ends with the parameters (and batch-norm running
/// averages) it had after the best epoch, as if training had stopped there.
public struct EarlyStopping: Sendable, Equatable {
    /// Epochs without a new lowest validation loss before stopping (≥ 1).
    public var patience: Int
    /// Whether to restore the parameters of the best epoch at the end.
    public var restoreBest: Bool

    public init(patience: Int, restoreBest: Bool = true) {
        self.patience = patience
        self.restoreBest = restoreBest
    }
}
