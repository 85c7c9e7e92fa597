/// How a ``Trainer`` runs: epochs, batch size, loss, schedule, and what to record.
public struct TrainingOptions: Sendable, Equatable {
    /// Number of passes over the training set (≥ 1).
    public var epochs: Int
    /// Examples per step: 1 is stochastic gradient descent, the training-set size
    /// (or more) is full-batch gradient descent. The last batch of an epoch holds
    /// the remainder when the size does not divide the set.
    public var batchSize: Int
    /// The loss minimized.
    public var loss: LossFunction
    /// Whether to visit the training set in a new random order every epoch.
    public var shuffle: Bool
    /// How the learning rate changes between epochs.
    public var learningRateSchedule: LearningRateSchedule
    /// Whether to record loss and accuracy of every step in ``TrainingHistory/steps``.
    public var recordSteps: Bool
    /// Whether to record per-layer activation and gradient statistics and
    /// per-parameter weight and gradient statistics for every epoch.
    public var recordLayerStatistics: Bool
    /// How an epoch's training loss and accuracy are measured: `false` (default)
    /// averages them over the epoch's steps, as they were computed during training
    /// (free, but a mix of the weights along the epoch, with dropout active);
    /// `true` re-evaluates the whole training set in evaluation mode at the end of
    /// the epoch (comparable with the validation figures, one more forward pass).
    public var evaluateTrainingSet: Bool
    /// Rows per forward pass when evaluating (bounds memory, not the result).
    public var evaluationBatchSize: Int
    /// If set (and ``recordSteps`` is on), the validation set is also evaluated every
    /// this many steps and recorded in ``StepRecord/validationLoss``: fine-grained
    /// curves at the price of one pass over the validation set each time.
    public var validationInterval: Int?
    /// Stop when the validation loss stops improving; needs a validation set.
    public var earlyStopping: EarlyStopping?

    public init(
        epochs: Int, batchSize: Int, loss: LossFunction = .softmaxCrossEntropy, shuffle: Bool = true,
        learningRateSchedule: LearningRateSchedule = .constant, recordSteps: Bool = true,
        recordLayerStatistics: Bool = false, evaluateTrainingSet: Bool = false, evaluationBatchSize: Int = 1024,
        validationInterval: Int? = nil, earlyStopping: EarlyStopping? = nil
    ) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.loss = loss
        self.shuffle = shuffle
        self.learningRateSchedule = learningRateSchedule
        self.recordSteps = recordSteps
        self.recordLayerStatistics = recordLayerStatistics
        self.evaluateTrainingSet = evaluateTrainingSet
        self.evaluationBatchSize = evaluationBatchSize
        self.validationInterval = validationInterval
        self.earlyStopping = earlyStopping
    }

    /// Checks the options' ranges.
    /// - Throws: ``EngineError/invalidArgument(_:)`` naming the option and its range.
    public func validate() throws {
        guard (1...1_000_000).contains(epochs) else {
            throw EngineError.invalidArgument("epochs must be between 1 and 1000000, got \(epochs)")
        }
        guard batchSize >= 1 else { throw EngineError.invalidArgument("the batch size must be ≥ 1, got \(batchSize)") }
        guard evaluationBatchSize >= 1 else {
            throw EngineError.invalidArgument("the evaluation batch size must be ≥ 1, got \(evaluationBatchSize)")
        }
        if let validationInterval, validationInterval < 1 {
            throw EngineError.invalidArgument("the validation interval must be ≥ 1 step, got \(validationInterval)")
        }
        if let earlyStopping, earlyStopping.patience < 1 {
            throw EngineError.invalidArgument("early stopping needs a patience ≥ 1 epoch, got \(earlyStopping.patience)")
        }
        try learningRateSchedule.validate()
    }
}
