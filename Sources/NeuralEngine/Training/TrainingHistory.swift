/// What happened during ``Trainer/fit(_:validation:generator:onEpoch:)``: one record
/// per epoch, optionally one per step, and whether training diverged.
public struct TrainingHistory: Sendable, Equatable {
    /// One record per completed epoch (a diverged epoch is not included).
    public var epochs: [EpochRecord] = []
    /// One record per step, if ``TrainingOptions/recordSteps``.
    public var steps: [StepRecord] = []
    /// Where training stopped because a loss or a weight became NaN or infinite; `nil` if it did not.
    public var divergence: Divergence?
    /// Weight statistics before the first step, if ``TrainingOptions/recordLayerStatistics``.
    public var initialParameters: [ParameterStatistics] = []
    /// With ``TrainingOptions/earlyStopping``: the epoch (from 1) of the lowest validation loss.
    public var bestEpoch: Int?
    /// With ``TrainingOptions/earlyStopping``: the epoch after which training stopped because the
    /// validation loss had not improved for the patience; `nil` if it ran every epoch.
    public var stoppedEarlyAt: Int?
    /// Whether the parameters of ``bestEpoch`` were put back at the end.
    public var restoredBest = false

    /// Whether training stopped early on a NaN or infinity.
    public var diverged: Bool { divergence != nil }
    /// The last completed epoch's record.
    public var last: EpochRecord? { epochs.last }
}

/// Loss and accuracy after one epoch, and optionally layer statistics.
public struct EpochRecord: Sendable, Equatable {
    /// The epoch, counted from 1.
    public var epoch: Int
    /// The learning rate used during the epoch.
    public var learningRate: Double
    /// Training loss (see ``TrainingOptions/evaluateTrainingSet`` for how it is measured).
    public var trainingLoss: Double
    /// Training accuracy in [0, 1], for classification.
    public var trainingAccuracy: Double?
    /// Loss on the validation set in evaluation mode, if one was given.
    public var validationLoss: Double?
    /// Accuracy on the validation set, for classification.
    public var validationAccuracy: Double?
    /// Per-layer activation and gradient statistics over the epoch's steps.
    public var layers: [LayerStatistics] = []
    /// Per-parameter statistics at the end of the epoch.
    public var parameters: [ParameterStatistics] = []
}

/// Loss and accuracy of one training step's batch (before the step's update).
public struct StepRecord: Sendable, Equatable {
    /// The step, counted from 1 over the whole run.
    public var step: Int
    /// The epoch it belongs to, from 1.
    public var epoch: Int
    /// Rows in the batch.
    public var batchSize: Int
    /// Mean loss on the batch.
    public var loss: Double
    /// Accuracy on the batch, for classification.
    public var accuracy: Double?
    /// Validation loss after this step, every ``TrainingOptions/validationInterval`` steps.
    public var validationLoss: Double?
    /// Validation accuracy after this step, likewise.
    public var validationAccuracy: Double?
}

/// Where training stopped on a NaN or infinity.
public struct Divergence: Sendable, Equatable, CustomStringConvertible {
    /// The step (from 1 over the whole run) whose loss or update was not finite.
    public var step: Int
    /// Its epoch, from 1.
    public var epoch: Int
    /// What was not finite: "training loss", "validation loss", or a parameter's name.
    public var quantity: String
    /// The offending value (NaN or ±infinity) for a loss.
    public var value: Double?

    /// E.g. "diverged at step 17 (epoch 2): training loss is not a number (NaN)".
    /// Never Swift's "nan" / "-nan": the sign of a NaN means nothing to a reader.
    public var description: String {
        let what = value.map { value -> String in
            if value.isNaN { return "\(quantity) is not a number (NaN)" }
            if value.isInfinite { return "\(quantity) is \(value < 0 ? "\u{2212}" : "")∞" }
            return "\(quantity) is \(value)"
        } ?? "\(quantity) is not finite"
        return "diverged at step \(step) (epoch \(epoch)): \(what)"
    }
}

/// Statistics of one layer's outputs and output gradients over an epoch, for
/// the initialization and normalization lessons.
public struct LayerStatistics: Sendable, Equatable {
    /// The layer's index in the model, from 0.
    public var layer: Int
    /// The layer's description entry, e.g. `dense 128`.
    public var name: String
    /// Mean of the layer's output elements over the epoch's training batches.
    public var activationMean: Double
    /// Standard deviation of those elements.
    public var activationStandardDeviation: Double
    /// Root mean square of ∂loss/∂output elements over the epoch's steps.
    public var gradientRootMeanSquare: Double
}

/// Statistics of one parameter tensor, for plots of weights and gradients.
public struct ParameterStatistics: Sendable, Equatable {
    /// Index of the layer that owns it, from 0.
    public var layer: Int
    /// That layer's description entry.
    public var layerName: String
    /// The parameter's name within the layer (`weight`, `bias`, `gamma`, …).
    public var name: String
    /// Number of scalars.
    public var count: Int
    /// Mean of the values.
    public var mean: Double
    /// Standard deviation of the values.
    public var standardDeviation: Double
    /// Euclidean norm of the values.
    public var norm: Double
    /// Mean over the epoch's steps of the gradient's Euclidean norm (0 for the initial record).
    public var gradientNorm: Double
}
