import Foundation

/// Turns a `train` run into named values (``TrainKind/present(_:_:)`` draws them).
///
/// The named values (every leaf is a number, so `seeds:` can average it):
/// ```
/// train_examples, validation_examples, test_examples, variant_count
/// variants[i] or variants.<name>.{
///     value                      the swept value, when vary: sweeps a number
///     parameters, steps, steps_per_epoch, epochs, batch_size (0 for all), learning_rate, weight_decay, keep_prob
///     train_loss, train_accuracy, validation_loss, validation_accuracy, test_loss, test_accuracy, test_error
///     ms, ms_per_epoch           training time (CPU time on one core, ThreadCPUClock)
///     weight_norm, initial_weight_norm   ‖W‖ over every weight matrix (biases and norm parameters excluded)
///     relative_change            ‖W − W₀‖ / ‖W₀‖ over every weight matrix
///     median_relative_change     the median over layers of each layer's ‖W − W₀‖ / ‖W₀‖
///     dead_fraction              ReLU units never active on the training set (NaN without ReLUs)
///     condition_number           λmax/λmin of XᵀX/n of the training inputs (≤ 16 features, else NaN)
///     momentum (momentum), beta1 (adam), beta2, epsilon (adam, rmsprop), l1
///     best_epoch, stopped_at     with patience: the epoch of the lowest validation loss, the last epoch trained
///     epochs_run                 epochs trained (fewer than epochs after early stopping or divergence)
///     reached_target             with target_loss: true if a batch's loss reached it
///     steps_to_target            with target_loss: the first step whose batch loss reached it (NaN if none)
///     last_epoch_loss_sd, last_epoch_loss_mean   standard deviation and mean of the batch losses in the last epoch
///     last_epoch_loss_cv         their ratio sd / mean (the noise relative to the loss level)
///     diverged (true or false), diverged_at_step (0 if not)
///     divergence                 when it diverged: where and what was not finite
///     curve.{train_loss, validation_loss, validation_accuracy, learning_rate}[epoch − 1]
///     curve.step_loss[step − 1]  with curve: step, the loss of every mini-batch
///     layers[j].{activation_mean, activation_sd, weight_norm, relative_change, dead_fraction}
/// }
/// ```
/// Losses are mean cross-entropies (nats) or mean squared errors; accuracies
/// fractions, measured after training in evaluation mode.
struct TrainReport {
    var spec: TrainKind.Spec
    var result: TrainExperiment.Result

    typealias VariantResult = TrainExperiment.VariantResult

    var outcome: ExperimentOutcome {
        ExperimentOutcome(values: values, presentation: [])
    }

    var pairs: [(variant: TrainKind.Variant, result: VariantResult)] {
        Array(zip(spec.variants, result.variants))
    }

    // MARK: - Named values

    var values: Record {
        var v = Record()
        v["train_examples"] = .integer(result.trainingExamples)
        v["validation_examples"] = .integer(result.validationExamples)
        v["test_examples"] = .integer(result.testExamples)
        v["variant_count"] = .integer(spec.variants.count)
        v["variants"] = .list(pairs.map { .record(record($0.variant, $0.result)) })
        return v
    }

    private func record(_ variant: TrainKind.Variant, _ r: VariantResult) -> Record {
        let s = variant.settings
        var out = Record()
        out["name"] = .string(variant.name)
        out["label"] = .string(variant.label)
        if let value = variant.value { out["value"] = .number(value) }
        if let varied = spec.varied { out["varied"] = .string(varied) }
        out["parameters"] = .integer(r.parameters)
        out["steps"] = .integer(r.steps)
        out["steps_per_epoch"] = .integer(r.stepsPerEpoch)
        out["epochs"] = .integer(s.epochs)
        out["batch_size"] = .integer(s.batchSize ?? 0)
        out["learning_rate"] = .number(s.resolvedLearningRate)
        out["weight_decay"] = .number(s.weightDecay)
        out["l1"] = .number(s.tuning.l1)
        switch s.optimizer {
        case .momentum: out["momentum"] = .number(s.tuning.momentum ?? 0.9)
        case .adam:
            out["beta1"] = .number(s.tuning.beta1 ?? 0.9)
            out["beta2"] = .number(s.tuning.resolvedBeta2(s.optimizer))
            out["epsilon"] = .number(s.tuning.epsilon ?? 1e-8)
        case .rmsprop:
            out["beta2"] = .number(s.tuning.resolvedBeta2(s.optimizer))
            out["epsilon"] = .number(s.tuning.epsilon ?? 1e-8)
        case .sgd: break
        }
        if s.tuning.patience != nil {
            out["best_epoch"] = .integer(r.bestEpoch ?? 0)
            out["stopped_at"] = .integer(r.stoppedAt ?? 0)
        }
        out["epochs_run"] = .integer(r.epochTrainLoss.count)
        out["keep_prob"] = .number(s.keepProbability)
        out["train_loss"] = .number(r.trainLoss)
        out["train_accuracy"] = .number(r.trainAccuracy)
        out["validation_loss"] = .number(r.validationLoss)
        out["validation_accuracy"] = .number(r.validationAccuracy)
        out["test_loss"] = .number(r.testLoss)
        out["test_accuracy"] = .number(r.testAccuracy)
        out["test_error"] = .number(1 - r.testAccuracy)
        out["ms"] = .number(r.seconds * 1e3)
        out["ms_per_epoch"] = .number(r.seconds * 1e3 / Double(max(s.epochs, 1)))
        out["weight_norm"] = .number(r.weightNorm)
        out["initial_weight_norm"] = .number(r.initialWeightNorm)
        out["relative_change"] = .number(r.relativeChange)
        out["median_relative_change"] = .number(r.medianRelativeChange)
        out["dead_fraction"] = .number(r.deadFraction)
        out["condition_number"] = .number(r.conditionNumber)
        if spec.targetLoss != nil { out["reached_target"] = .bool(r.stepsToTarget != nil) }
        out["steps_to_target"] = .number(r.stepsToTarget.map(Double.init) ?? .nan)
        out["last_epoch_loss_sd"] = .number(r.lastEpochLossSD)
        out["last_epoch_loss_mean"] = .number(r.lastEpochLossMean)
        out["last_epoch_loss_cv"] = .number(r.lastEpochLossSD / r.lastEpochLossMean)
        out["diverged"] = .bool(r.divergence != nil)
        out["diverged_at_step"] = .integer(r.divergence?.step ?? 0)
        if let divergence = r.divergence { out["divergence"] = .string(divergence.description) }
        var curve = Record([
            "train_loss": .numbers(r.epochTrainLoss), "validation_loss": .numbers(r.epochValidationLoss),
            "validation_accuracy": .numbers(r.epochValidationAccuracy), "learning_rate": .numbers(r.epochLearningRate),
        ])
        if spec.curve == .step { curve["step_loss"] = .numbers(r.stepLoss) }
        out["curve"] = .record(curve)
        out["layers"] = .list(r.layers.map { layer in
            var l = Record()
            l["name"] = .string(layer.name)
            l["activation_mean"] = .number(layer.activationMean)
            l["activation_sd"] = .number(layer.activationStandardDeviation)
            l["weight_norm"] = .number(layer.weightNorm ?? .nan)
            l["relative_change"] = .number(layer.relativeChange ?? .nan)
            l["dead_fraction"] = .number(layer.deadFraction ?? .nan)
            return .record(l)
        })
        return out
    }
}
