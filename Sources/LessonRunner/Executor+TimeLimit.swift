import Experiments
import Foundation
import LessonResults

extension Executor {
    /// The error of a block stopped by ``blockTimeLimit``: which limit it hit,
    /// where that limit came from (the default, or `--block-time-limit`), and
    /// what to do about it.
    ///
    /// - Parameter seconds: the limit that was hit.
    /// - Parameter seed: the seed being run, for a block with `seeds:`.
    func timeLimitDiagnostic(_ planned: PlannedBlock, seconds: Double, seed: UInt64? = nil) -> Diagnostic {
        let limit = ResultValue.format(seconds) + " s"
        let run = seed.map { " with seed \($0)" } ?? ""
        let smaller = "make the block smaller (less data, fewer epochs, repeats or sizes)"
        if blockTimeLimitIsDefault {
            return Diagnostic(.timeLimit,
                "experiment '\(planned.id)' was stopped\(run) after \(limit), the default time limit of one block",
                at: planned.block.location,
                notes: [.init("its estimated work was within the kind's budget, so the estimate missed something"),
                        .init("\(smaller), or raise the limit with --block-time-limit SECONDS")])
        }
        return Diagnostic(.timeLimit,
            "experiment '\(planned.id)' was stopped\(run) after \(limit), the time limit set with --block-time-limit \(ResultValue.format(seconds))",
            at: planned.block.location,
            notes: [.init("the default limit is \(ResultValue.format(Executor.defaultBlockTimeLimit)) s; "
                          + "raise --block-time-limit, or \(smaller)")])
    }
}
