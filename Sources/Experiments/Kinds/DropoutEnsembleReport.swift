/// Turns a dropout-ensemble run into the named values ``DropoutEnsembleKind/declared``
/// lists (``DropoutEnsembleKind/present(_:_:)`` draws them).
struct DropoutEnsembleReport {
    var spec: DropoutEnsembleKind.Spec
    var result: DropoutEnsembleExperiment.Result

    var outcome: ExperimentOutcome {
        ExperimentOutcome(values: DropoutEnsembleKind.declared.record(self))
    }

    /// The steps at which a network diverged.
    var divergedSteps: [Int] {
        [result.dropout.divergence?.step, result.plain.divergence?.step].compactMap { $0 }
    }

    /// One record per number of sampled masks; present (as NaN) even when the
    /// dropout network diverged, so that expectations read a failing value
    /// instead of a missing name.
    var monteCarloRecords: [Record] {
        let monteCarlo = result.monteCarlo.isEmpty
            ? spec.samples.map { DropoutEnsembleExperiment.MonteCarloResult(samples: $0, accuracy: .nan, loss: .nan, agreement: .nan, seconds: .nan) }
            : result.monteCarlo
        return monteCarlo.map { mc in
            Record(fields: [
                "key": String(mc.samples), "samples": mc.samples, "accuracy": mc.accuracy,
                "loss": mc.loss, "agreement": mc.agreement, "ms": mc.seconds * 1e3,
            ])
        }
    }

    static func record(_ network: DropoutEnsembleExperiment.NetworkResult) -> Record {
        Record(fields: [
            "train_accuracy": network.trainAccuracy, "test_accuracy": network.testAccuracy, "gap": network.gap,
            "train_loss": network.trainLoss, "test_loss": network.testLoss, "thinned_accuracy": network.thinnedAccuracy,
            "diverged": network.divergence != nil, "diverged_at_step": network.divergence?.step,
            "divergence": network.divergence?.description,
        ])
    }

    var uncertainty: Record? {
        result.uncertainty.map { u in
            Record(fields: [
                "samples": u.samples, "entropy": u.entropy, "entropy_correct": u.entropyCorrect, "entropy_wrong": u.entropyWrong,
                "mutual_information": u.mutualInformation, "disagreement": u.disagreement,
            ])
        }
    }

    var activation: Record? {
        result.activations.map { a in
            let mismatch = a.trainingMean / a.evaluationMean - 1
            return Record(fields: [
                "samples": a.samples, "input_mean": a.inputMean, "train_mean": a.trainingMean, "eval_mean": a.evaluationMean,
                "train_ratio": a.trainingMean / a.inputMean, "eval_ratio": a.evaluationMean / a.inputMean,
                "mismatch": mismatch, "abs_mismatch": abs(mismatch),
            ])
        }
    }
}
