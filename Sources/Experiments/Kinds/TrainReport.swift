/// Turns a `train` run into the named values ``TrainKind/declared`` lists
/// (``TrainKind/present(_:_:)`` draws them).
struct TrainReport {
    var spec: TrainKind.Spec
    var result: TrainExperiment.Result

    var outcome: ExperimentOutcome {
        ExperimentOutcome(values: TrainKind.declared.record(self))
    }

    /// One trained model's record, `variants[i]`.
    func record(_ variant: TrainKind.Variant, _ r: TrainExperiment.VariantResult) -> Record {
        let s = variant.settings, t = s.tuning
        let adaptive = s.optimizer == .adam || s.optimizer == .rmsprop, patience = t.patience != nil
        let ms = r.seconds * 1e3
        return Record(fields: [
            "name": variant.name, "label": variant.label, "value": variant.value, "varied": spec.varied,
            "parameters": r.parameters, "steps": r.steps, "steps_per_epoch": r.stepsPerEpoch, "epochs": s.epochs,
            "batch_size": s.batchSize ?? 0, "learning_rate": s.resolvedLearningRate, "weight_decay": s.weightDecay, "l1": t.l1,
            "momentum": s.optimizer == .momentum ? t.resolvedMomentum : nil, "beta1": s.optimizer == .adam ? t.resolvedBeta1 : nil,
            "beta2": adaptive ? t.resolvedBeta2(s.optimizer) : nil, "epsilon": adaptive ? t.resolvedEpsilon : nil,
            "best_epoch": patience ? r.bestEpoch ?? 0 : nil, "stopped_at": patience ? r.stoppedAt ?? 0 : nil,
            "epochs_run": r.epochTrainLoss.count, "keep_prob": s.keepProbability,
            "train_loss": r.trainLoss, "train_accuracy": r.trainAccuracy,
            "validation_loss": r.validationLoss, "validation_accuracy": r.validationAccuracy,
            "test_loss": r.testLoss, "test_accuracy": r.testAccuracy, "test_error": 1 - r.testAccuracy,
            "ms": ms, "ms_per_epoch": ms / Double(max(s.epochs, 1)),
            "weight_norm": r.weightNorm, "initial_weight_norm": r.initialWeightNorm,
            "relative_change": r.relativeChange, "median_relative_change": r.medianRelativeChange,
            "dead_fraction": r.deadFraction, "condition_number": r.conditionNumber,
            "reached_target": spec.targetLoss != nil ? r.stepsToTarget != nil : nil,
            "steps_to_target": r.stepsToTarget.map { Double($0) } ?? .nan,
            "last_epoch_loss_sd": r.lastEpochLossSD, "last_epoch_loss_mean": r.lastEpochLossMean,
            "last_epoch_loss_cv": r.lastEpochLossSD / r.lastEpochLossMean,
            "diverged": r.divergence != nil, "diverged_at_step": r.divergence?.step ?? 0, "divergence": r.divergence?.description,
            "curve": Record(fields: [
                "train_loss": r.epochTrainLoss, "validation_loss": r.epochValidationLoss,
                "validation_accuracy": r.epochValidationAccuracy, "learning_rate": r.epochLearningRate,
                "step_loss": spec.curve == .step ? r.stepLoss : nil,
            ]),
            "layers": r.layers.map { layer in
                Record(fields: [
                    "name": layer.name, "activation_mean": layer.activationMean, "activation_sd": layer.activationStandardDeviation,
                    "weight_norm": layer.weightNorm ?? .nan, "relative_change": layer.relativeChange ?? .nan,
                    "dead_fraction": layer.deadFraction ?? .nan,
                ])
            },
        ])
    }
}
