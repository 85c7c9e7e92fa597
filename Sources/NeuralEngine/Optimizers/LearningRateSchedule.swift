/// How the learning rate changes from epoch to epoch. The ``Trainer`` sets the
/// optimizer's rate at the start of each epoch `e` (counted from 0) to
/// ``learningRate(initial:epoch:)``.
public enum LearningRateSchedule: Sendable, Equatable {
    /// `η₀` throughout.
    case constant
    /// Step decay, `η₀·factor^⌊e/every⌋`: multiply by `factor` every `every` epochs.
    case step(every: Int, factor: Double)
    /// Exponential decay, `η₀·decayᵉ`.
    case exponential(decay: Double)
    /// 1/t decay, `η₀/(1 + decay·e)`.
    case inverseTime(decay: Double)
    /// Cosine annealing (Loshchilov & Hutter 2017, https://arxiv.org/abs/1608.03983,
    /// without restarts): `η_min + (η₀ − η_min)·(1 + cos(π·e/epochs))/2`, from η₀ at
    /// epoch 0 down to `η₀·minimumFraction` at epoch `epochs`, and flat after.
    case cosine(epochs: Int, minimumFraction: Double)

    /// The learning rate for epoch `epoch` (from 0) given the initial rate.
    public func learningRate(initial: Double, epoch: Int) -> Double {
        let e = Double(max(epoch, 0))
        switch self {
        case .constant: return initial
        case .step(let every, let factor): return initial * Math.pow(factor, (e / Double(max(every, 1))).rounded(.down))
        case .exponential(let decay): return initial * Math.pow(decay, e)
        case .inverseTime(let decay): return initial / (1 + decay * e)
        case .cosine(let epochs, let minimumFraction):
            let progress = min(e / Double(max(epochs, 1)), 1)
            let minimum = initial * minimumFraction
            return minimum + (initial - minimum) * (1 + Math.cos(Double.pi * progress)) / 2
        }
    }

    /// Checks the schedule's arguments.
    /// - Throws: ``EngineError/invalidArgument(_:)`` for a period below 1 or a factor outside (0, 1].
    public func validate() throws {
        switch self {
        case .constant: return
        case .step(let every, let factor):
            guard every >= 1 else { throw EngineError.invalidArgument("step decay needs a period ≥ 1 epoch, got \(every)") }
            guard factor > 0, factor <= 1 else { throw EngineError.invalidArgument("step decay factor must be in (0, 1], got \(factor)") }
        case .exponential(let decay):
            guard decay > 0, decay <= 1 else { throw EngineError.invalidArgument("exponential decay must be in (0, 1], got \(decay)") }
        case .inverseTime(let decay):
            guard decay >= 0, decay.isFinite else { throw EngineError.invalidArgument("1/t decay must be ≥ 0, got \(decay)") }
        case .cosine(let epochs, let minimumFraction):
            guard epochs >= 1 else { throw EngineError.invalidArgument("cosine decay needs a length ≥ 1 epoch, got \(epochs)") }
            guard minimumFraction >= 0, minimumFraction <= 1 else {
                throw EngineError.invalidArgument("cosine decay's final fraction must be in [0, 1], got \(minimumFraction)")
            }
        }
    }
}
