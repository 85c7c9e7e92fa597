import Foundation
import NeuralEngine
import LessonSupport

/// The update rule's own settings beyond the learning rate — momentum and its
/// convention, Nesterov, Adam's and RMSprop's β and ε, L1, the learning-rate
/// schedule — and early stopping: the keys every training kind shares, each
/// also a setting a `train` variant may change.
struct OptimizerSettings: Codable, Sendable, Hashable {
    /// β of `optimizer: momentum`; `nil`: 0.9.
    var momentum: Double?
    var convention: MomentumConvention = .pytorch
    var nesterov = false
    /// Adam's β₁; `nil`: 0.9.
    var beta1: Double?
    /// Adam's β₂ and RMSprop's ρ; `nil`: 0.999 (Adam), 0.9 (RMSprop).
    var beta2: Double?
    /// `nil`: 1e-8.
    var epsilon: Double?
    /// λ₁ of the L1 penalty λ₁‖W‖₁ on the weight matrices.
    var l1: Double = 0
    var schedule: ScheduleChoice = .constant
    /// The schedule's rate; `nil`: its default (``ScheduleChoice/defaultDecay``).
    var decay: Double?
    /// Epochs between step decays.
    var decayEvery = 10
    /// Early stopping's patience in epochs; `nil`: every epoch is trained.
    var patience: Int?
    var restoreBest = true

    /// How the learning rate changes between epochs.
    enum ScheduleChoice: String, Codable, Sendable, Hashable, CaseIterable {
        case constant, step, exponential
        case inverseTime = "inverse_time"
        case cosine

        var defaultDecay: Double {
            switch self {
            case .constant: 0
            case .step: 0.5
            case .exponential: 0.95
            case .inverseTime: 1
            case .cosine: 0
            }
        }

        /// What `lr_decay` means for this schedule, and its range.
        var decayRange: NumericRange {
            switch self {
            case .constant, .inverseTime: .closed(0, 1_000)
            case .step, .exponential: .aboveUpTo(0, 1)
            case .cosine: .closed(0, 1)
            }
        }
    }

    static let trainingKeyNames = [
        "momentum", "momentum_convention", "nesterov", "beta1", "beta2", "epsilon", "l1",
        "lr_schedule", "lr_decay", "lr_step",
    ]
    static let earlyStoppingKeyNames = ["patience", "restore_best"]

    static func keys(earlyStopping: Bool) -> [KeyDescriptor] {
        let all = [
            KeyDescriptor("momentum", .number, default: "0.9", range: NumericRange(lower: 0, upper: 1, upperInclusive: false),
                          "β of optimizer: momentum (0 is plain SGD).").defaultAppliedByKind(),
            KeyDescriptor("momentum_convention", .word(MomentumConvention.allCases.map(\.rawValue)), default: "pytorch",
                          "pytorch: v = βv + g, w −= ηv (PyTorch, Keras; a steady gradient g builds a step of ηg/(1 − β)). "
                          + "average: v = βv + (1 − β)g, the exponentially weighted average of the course notes (the step stays about ηg whatever β: "
                          + "the same rule with η multiplied by 1 − β). pytorch is the default because the shipped lessons' learning rates were tuned with it and it is what the libraries a reader meets next do."),
            KeyDescriptor("nesterov", .boolean, default: "false",
                          "Nesterov momentum: the step uses the gradient plus β·v (a look at where the velocity is taking the weights)."),
            KeyDescriptor("beta1", .number, default: "0.9", range: NumericRange(lower: 0, upper: 1, upperInclusive: false),
                          "Adam's β₁: the decay of the average of the gradients.").defaultAppliedByKind(),
            KeyDescriptor("beta2", .number, described: "0.999 (adam), 0.9 (rmsprop)", range: NumericRange(lower: 0, upper: 1, upperInclusive: false),
                          "Adam's β₂ and RMSprop's ρ: the decay of the average of the squared gradients."),
            KeyDescriptor("epsilon", .number, default: "1e-8", range: .aboveUpTo(0, 1),
                          "Adam's and RMSprop's ε, added to √s in the denominator of the step.").defaultAppliedByKind(),
            KeyDescriptor("l1", .number, default: "0", range: .closed(0, 100),
                          "λ₁ of the L1 penalty λ₁‖W‖₁ on the weight matrices (not biases or normalization parameters): each step adds λ₁·sign(W) to the gradient. Beside weight_decay (L2)."),
            KeyDescriptor("lr_schedule", .word(ScheduleChoice.allCases.map(\.rawValue)), default: "constant",
                          "How η changes from epoch to epoch e (from 0): step: η₀·lr_decay^⌊e/lr_step⌋; exponential: η₀·lr_decay^e; "
                          + "inverse_time: η₀/(1 + lr_decay·e); cosine: from η₀ down to η₀·lr_decay at the last epoch along half a cosine. "
                          + "The η of every epoch is the value curve.learning_rate."),
            KeyDescriptor("lr_decay", .number, described: "0.5 (step), 0.95 (exponential), 1 (inverse_time), 0 (cosine)",
                          "The schedule's rate: the factor of step and exponential decay (in (0, 1]), the k of 1/t decay (≥ 0), the final fraction of cosine (in [0, 1])."),
            KeyDescriptor("lr_step", .integer, default: "10", range: .closed(1, 10_000), "Epochs between two step decays."),
            KeyDescriptor("patience", .integer, described: "(none: every epoch is trained)", range: .closed(1, 10_000),
                          "Early stopping: stop after this many epochs without a new lowest validation loss (needs validation_fraction > 0). Values best_epoch and stopped_at."),
            KeyDescriptor("restore_best", .boolean, default: "true",
                          "With patience: end with the weights of the best epoch (lowest validation loss) rather than the last."),
        ]
        return earlyStopping ? all : all.filter { !earlyStoppingKeyNames.contains($0.name) }
    }

    static func isKey(_ key: String) -> Bool { trainingKeyNames.contains(key) || earlyStoppingKeyNames.contains(key) }

    /// Applies the value written for `key`; problems go to `reader`, at `written`.
    mutating func apply(_ key: String, _ written: SpecValue, reader: SpecReader) {
        let range = Self.keys(earlyStopping: true).first(where: { $0.name == key })?.range
        func boolean() -> Bool? { reader.boolean(written, key: key) }
        func choice<T: RawRepresentable<String> & CaseIterable>(_ type: T.Type) -> T? {
            reader.choice(written, key: key, options: T.allCases.map(\.rawValue)).flatMap(T.init(rawValue:))
        }
        switch key {
        case "momentum": momentum = reader.number(written, key: key, range: range) ?? momentum
        case "momentum_convention": convention = choice(MomentumConvention.self) ?? convention
        case "nesterov": nesterov = boolean() ?? nesterov
        case "beta1": beta1 = reader.number(written, key: key, range: range) ?? beta1
        case "beta2": beta2 = reader.number(written, key: key, range: range) ?? beta2
        case "epsilon": epsilon = reader.number(written, key: key, range: range) ?? epsilon
        case "l1": l1 = reader.number(written, key: key, range: range) ?? l1
        case "lr_schedule": schedule = choice(ScheduleChoice.self) ?? schedule
        // Its range depends on the schedule, checked once both are known (``problems``).
        case "lr_decay": decay = reader.number(written, key: key, range: .closed(0, 1_000)) ?? decay
        case "lr_step": decayEvery = reader.integer(written, key: key, range: range) ?? decayEvery
        case "patience": patience = reader.integer(written, key: key, range: range) ?? patience
        case "restore_best": restoreBest = boolean() ?? restoreBest
        default: reader.fail(at: written, "'\(key)' is not an optimizer setting")
        }
    }

    /// Settings that do not fit together or with the optimizers, as (key, message):
    /// checked after every key (and every variant's overrides) is read. A key of
    /// an optimizer no variant of the block uses (`beta1` with SGD) is a mistake;
    /// `optimizers` holds every variant's, so that `vary: {optimizer: [sgd, adam]}`
    /// may set `beta1` for the one that reads it.
    func problems(optimizers: Set<OptimizerChoice>, hasValidation: Bool) -> [(key: String, message: String)] {
        var out: [(String, String)] = []
        let used = optimizers.map(\.rawValue).sorted().joined(separator: ", ")
        let uses = "the block's optimizer\(optimizers.count == 1 ? " is" : "s are") \(used)"
        if !optimizers.contains(.momentum) {
            if let momentum, momentum > 0 {
                out.append(("momentum", "'momentum: \(ResultValue.format(momentum))' is the β of optimizer: momentum, and \(uses)"))
            }
            if nesterov { out.append(("nesterov", "'nesterov' changes optimizer: momentum, and \(uses)")) }
            if convention != .pytorch { out.append(("momentum_convention", "'momentum_convention' changes optimizer: momentum, and \(uses)")) }
        }
        if !optimizers.contains(.adam), beta1 != nil {
            out.append(("beta1", "'beta1' is Adam's, and \(uses)"))
        }
        if optimizers.isDisjoint(with: [.adam, .rmsprop]) {
            if beta2 != nil { out.append(("beta2", "'beta2' is Adam's and RMSprop's, and \(uses)")) }
            if epsilon != nil { out.append(("epsilon", "'epsilon' is Adam's and RMSprop's, and \(uses)")) }
        }
        if let decay {
            if schedule == .constant {
                out.append(("lr_decay", "'lr_decay' sets the rate of a schedule, and lr_schedule is constant; add e.g. 'lr_schedule: exponential'"))
            } else if !schedule.decayRange.contains(decay) {
                let range = schedule.decayRange.description.replacingOccurrences(of: " x ", with: " lr_decay ")
                out.append(("lr_decay", "'lr_decay' of lr_schedule: \(schedule.rawValue) must be \(range), found \(ResultValue.format(decay))"))
            }
        }
        if patience != nil, !hasValidation {
            out.append(("patience", "early stopping watches the validation loss, and validation_fraction is 0; give it e.g. 0.2"))
        }
        return out
    }

    func learningRateSchedule(epochs: Int) -> LearningRateSchedule {
        let rate = resolvedDecay
        switch schedule {
        case .constant: return .constant
        case .step: return .step(every: decayEvery, factor: rate)
        case .exponential: return .exponential(decay: rate)
        case .inverseTime: return .inverseTime(decay: rate)
        case .cosine: return .cosine(epochs: max(epochs - 1, 1), minimumFraction: rate)
        }
    }

    var earlyStopping: EarlyStopping? { patience.map { EarlyStopping(patience: $0, restoreBest: restoreBest) } }

    /// β of momentum as the optimizer uses it.
    var resolvedMomentum: Double { momentum ?? 0.9 }

    /// β₁ as Adam uses it.
    var resolvedBeta1: Double { beta1 ?? 0.9 }

    /// β₂ as used by `optimizer`.
    func resolvedBeta2(_ optimizer: OptimizerChoice) -> Double { beta2 ?? (optimizer == .rmsprop ? 0.9 : 0.999) }

    /// ε as Adam and RMSprop use it.
    var resolvedEpsilon: Double { epsilon ?? 1e-8 }

    /// The schedule's rate as it runs.
    var resolvedDecay: Double { decay ?? schedule.defaultDecay }

    /// These settings as `optimizer` runs them, every default that depends
    /// on another key written out (`beta2`: 0.999 with Adam): what the cache
    /// key holds, so that a block that writes a default and one that leaves
    /// it out are the same run. The settings themselves keep `nil` for a key
    /// left out: the checks across keys (`beta1` with SGD), the captions and
    /// `explore:` read whether the author wrote it.
    func asRun(by optimizer: OptimizerChoice) -> OptimizerSettings {
        var run = self
        run.momentum = resolvedMomentum
        run.beta1 = resolvedBeta1
        run.beta2 = resolvedBeta2(optimizer)
        run.epsilon = resolvedEpsilon
        run.decay = resolvedDecay
        return run
    }

    /// The engine's optimizer for these settings, in `Float` for the networks
    /// and in `Double` for `optimizer-path`'s two weights.
    func makeOptimizer<Scalar: TensorScalar>(_ optimizer: OptimizerChoice, learningRate: Double,
                                             weightDecay: Double) throws -> any Optimizer<Scalar> {
        let decay = WeightDecay(rate: weightDecay, l1: l1)
        switch optimizer {
        case .sgd: return try SGD<Scalar>(learningRate: learningRate, weightDecay: decay)
        case .momentum:
            return try SGD<Scalar>(learningRate: learningRate, momentum: resolvedMomentum, nesterov: nesterov,
                                   convention: convention, weightDecay: decay)
        case .adam:
            return try Adam<Scalar>(learningRate: learningRate, beta1: resolvedBeta1, beta2: resolvedBeta2(optimizer),
                                    epsilon: resolvedEpsilon, weightDecay: decay)
        case .rmsprop:
            return try RMSprop<Scalar>(learningRate: learningRate, decay: resolvedBeta2(optimizer), epsilon: resolvedEpsilon,
                                       weightDecay: decay)
        }
    }

    /// The value of `key` as a reader would write it, for variant labels.
    func text(of key: String) -> String {
        func number(_ x: Double?) -> String { x.map { ResultValue.format($0, significant: 4) } ?? "default" }
        switch key {
        case "momentum": return number(resolvedMomentum)
        case "momentum_convention": return convention.rawValue
        case "nesterov": return nesterov ? "true" : "false"
        case "beta1": return number(resolvedBeta1)
        case "beta2": return number(beta2)
        case "epsilon": return number(resolvedEpsilon)
        case "l1": return number(l1)
        case "lr_schedule": return schedule.rawValue
        case "lr_decay": return number(resolvedDecay)
        case "lr_step": return String(decayEvery)
        case "patience": return patience.map(String.init) ?? "none"
        case "restore_best": return restoreBest ? "true" : "false"
        default: return ""
        }
    }

    /// ", momentum β = 0.5 (average)" and the like, for captions: only what differs from the defaults.
    var label: String {
        var parts: [String] = []
        if let momentum { parts.append("β = \(ResultValue.format(momentum, significant: 3))") }
        if convention == .average { parts.append("momentum as an average") }
        if nesterov { parts.append("Nesterov") }
        if let beta1 { parts.append("β₁ = \(ResultValue.format(beta1, significant: 4))") }
        if let beta2 { parts.append("β₂ = \(ResultValue.format(beta2, significant: 4))") }
        if let epsilon { parts.append("ε = \(ResultValue.format(epsilon, significant: 3))") }
        if l1 > 0 { parts.append("L1 λ₁ = \(ResultValue.format(l1, significant: 3))") }
        if schedule != .constant { parts.append("\(schedule.rawValue.replacingOccurrences(of: "_", with: " ")) learning-rate decay") }
        if let patience { parts.append("early stopping (patience \(patience.grouped))") }
        return parts.isEmpty ? "" : ", " + parts.joined(separator: ", ")
    }
}
