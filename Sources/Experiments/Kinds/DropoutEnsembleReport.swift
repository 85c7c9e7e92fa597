import LessonSupport
import Foundation

/// Turns a dropout-ensemble run into named values (``DropoutEnsembleKind/present(_:_:)`` draws them).
///
/// The named values:
/// ```
/// keep_prob, input_keep_prob, variant, parameters, train_examples, test_examples, epochs
/// diverged, diverged_at_step (only if a network diverged: the earliest step)
/// scaled.{accuracy, loss, entropy, ms}         weight scaling: one deterministic pass
/// mc[i] / mc.<K>.{samples, accuracy, loss, agreement, ms}
///                                              the average of K passes with sampled masks
/// dropout.{train_accuracy, test_accuracy, gap, train_loss, test_loss, thinned_accuracy,
///     diverged, diverged_at_step, divergence}
/// no_dropout.{…the same…}                      the same network trained without dropout
/// uncertainty.{samples, entropy, entropy_correct, entropy_wrong, mutual_information, disagreement}
/// activation.{samples, input_mean, train_mean, eval_mean, train_ratio, eval_ratio, mismatch, abs_mismatch}
/// ```
/// Accuracies are fractions, losses mean cross-entropies in nats, `gap` is
/// training minus test accuracy, `agreement` the fraction of test examples on
/// which the Monte-Carlo prediction is the deterministic one.
struct DropoutEnsembleReport {
    var spec: DropoutEnsembleKind.Spec
    var result: DropoutEnsembleExperiment.Result

    typealias NetworkResult = DropoutEnsembleExperiment.NetworkResult

    var outcome: ExperimentOutcome {
        ExperimentOutcome(values: values, presentation: [])
    }

    /// The steps at which a network diverged.
    private var divergedSteps: [Int] {
        [result.dropout.divergence?.step, result.plain.divergence?.step].compactMap { $0 }
    }

    // MARK: - Named values

    var values: Record {
        var v = Record()
        v["keep_prob"] = .number(spec.keepProbability)
        v["input_keep_prob"] = .number(spec.inputKeepProbability)
        v["variant"] = .string(spec.variant)
        v["parameters"] = .integer(result.parameters)
        v["train_examples"] = .integer(result.trainingExamples)
        v["test_examples"] = .integer(result.testExamples)
        v["epochs"] = .integer(spec.training.epochs)
        v["diverged"] = .bool(!divergedSteps.isEmpty)
        if let step = divergedSteps.min() { v["diverged_at_step"] = .integer(step) }
        v["scaled"] = .record(Record([
            "accuracy": .number(result.scaledAccuracy), "loss": .number(result.scaledLoss),
            "ms": .number(result.scaledSeconds * 1e3), "entropy": .number(result.scaledEntropy),
        ]))
        // Present (as NaN) even when the dropout network diverged, so that
        // expectations read a failing value instead of a missing name.
        let monteCarlo = result.monteCarlo.isEmpty
            ? spec.samples.map { DropoutEnsembleExperiment.MonteCarloResult(samples: $0, accuracy: .nan, loss: .nan, agreement: .nan, seconds: .nan) }
            : result.monteCarlo
        v["mc"] = .list(monteCarlo.map { mc in
            .record(Record([
                "key": .string(String(mc.samples)), "samples": .integer(mc.samples), "accuracy": .number(mc.accuracy),
                "loss": .number(mc.loss), "agreement": .number(mc.agreement), "ms": .number(mc.seconds * 1e3),
            ]))
        })
        v["dropout"] = .record(record(result.dropout))
        v["no_dropout"] = .record(record(result.plain))
        if let u = result.uncertainty {
            v["uncertainty"] = .record(Record([
                "samples": .integer(u.samples), "entropy": .number(u.entropy), "entropy_correct": .number(u.entropyCorrect),
                "entropy_wrong": .number(u.entropyWrong), "mutual_information": .number(u.mutualInformation),
                "disagreement": .number(u.disagreement),
            ]))
        }
        if let a = result.activations {
            v["activation"] = .record(Record([
                "samples": .integer(a.samples), "input_mean": .number(a.inputMean), "train_mean": .number(a.trainingMean),
                "eval_mean": .number(a.evaluationMean), "train_ratio": .number(a.trainingMean / a.inputMean),
                "eval_ratio": .number(a.evaluationMean / a.inputMean), "mismatch": .number(a.trainingMean / a.evaluationMean - 1),
                "abs_mismatch": .number(abs(a.trainingMean / a.evaluationMean - 1)),
            ]))
        }
        return v
    }

    private func record(_ network: NetworkResult) -> Record {
        var r = Record([
            "train_accuracy": .number(network.trainAccuracy), "test_accuracy": .number(network.testAccuracy),
            "gap": .number(network.gap), "train_loss": .number(network.trainLoss), "test_loss": .number(network.testLoss),
            "thinned_accuracy": .number(network.thinnedAccuracy), "diverged": .bool(network.divergence != nil),
        ])
        if let divergence = network.divergence {
            r["diverged_at_step"] = .integer(divergence.step)
            r["divergence"] = .string(divergence.description)
        }
        return r
    }
}
