import NeuralEngine

/// Optimizers walking across a loss surface of two weights, the classic picture of gradient
/// descent, momentum, RMSprop and Adam: each path is taken by the engine's own optimizer on one
/// `Parameter` holding (w1, w2), whose gradient is the surface's, computed exactly (plus
/// Gaussian noise with `noise`, the same draws for every optimizer).
public enum OptimizerPathKind: ExperimentKind {
    public static let name = "optimizer-path"
    public static let summary = """
        Gradient descent, momentum, RMSprop and Adam walking across a 2-D loss surface (a narrow valley \
        or Rosenbrock's): the path, the loss at every step, the steps to a target loss.
        """

    /// The settings an entry of `optimizers` may write, read as `train`'s variants read them.
    static let settingNames = ["optimizer", "learning_rate"] + OptimizerSettings.trainingKeyNames.filter { $0 != "l1" }
    static let maximumPaths = 8
    /// Steps of all paths and seeds together: every step is a point of the page's charts.
    static let workBudget = 50_000.0

    public static let keys: [KeyDescriptor] = [
        KeyDescriptor("surface", .word(Surface.allCases.map(\.rawValue)), default: "valley", """
            valley: L = ½(w1² + w2²/κ), minimum at (0, 0); \
            rosenbrock: L = (1 − w1)² + 100(w2 − w1²)², minimum at (1, 1).
            """),
        KeyDescriptor("condition_number", .number, default: "100", range: .closed(1, 1e6),
                      "κ of the valley: curvature 1 across it (w1), 1/κ along its floor (w2).")
            .only(when: "surface", is: ["valley"]),
        KeyDescriptor("start", .list(.number, count: 2...2), described: "[1, 5] (valley), [-1.5, 2] (rosenbrock)",
                      range: .closed(-1_000, 1_000), "The weights [w1, w2] every path starts from."),
        KeyDescriptor("steps", .integer, default: "200", range: .closed(1, 10_000), "Optimizer steps of each path.")
            .suggestedInScaffold(),
        KeyDescriptor("optimizers", type: "list of mappings", described: Surface.allCases.map(\.defaultsText).joined(separator: "; "),
                      "One path each (at most \(maximumPaths)): 'name' (default: the optimizer's) and any of "
                        + settingNames.joined(separator: ", ") + ", as in train's variants; lr_schedule counts steps as epochs."),
        KeyDescriptor("noise", .number, default: "0", range: .closed(0, 1_000), """
            Standard deviation of Gaussian noise added to each gradient component, \
            from the run's seed (the same for every path).
            """),
        KeyDescriptor("target_loss", .number, described: "(none)", range: .closed(0, 1e12),
                      "A loss to reach: reached_target, steps_to_target."),
    ]

    public static let budget = "steps × optimizers ≤ \(ResultValue.format(workBudget)); at most \(maximumPaths) optimizers"

    public static let table: TableDefaults? = TableDefaults(rows: "paths", rowWord: "optimizer",
                                                            better: ["final_loss": .lower, "steps_to_target": .lower])

    public static let example: KindExample? = KindExample(
        expectation: "paths.momentum.final_loss < paths.gd.final_loss",
        inline: "paths.adam.final_loss:.3g", sentence: "After its steps, Adam's loss is")

    public struct Spec: Codable, Sendable, Hashable {
        var surface: Surface
        var conditionNumber: Double
        var start: [Double]
        var steps: Int
        /// Each path's name in values (`paths.gd`) and its optimizer's settings.
        var names: [String]
        var optimizers: [TrainSettings]
        var noise: Double
        var targetLoss: Double?
    }

    public static func decode(_ reader: SpecReader, context: DecodeContext) -> Spec? {
        let surface = Surface(rawValue: reader.choice("surface")) ?? .valley
        let written = reader.double("condition_number")
        let start = reader.doubleList("start")
        var spec = Spec(surface: surface, conditionNumber: written, start: start.count == 2 ? start : surface.defaultStart,
                        steps: reader.int("steps"), names: [], optimizers: [], noise: reader.double("noise"),
                        targetLoss: reader.optionalDouble("target_loss"))
        let example = "{name: gd, optimizer: sgd, learning_rate: 1.8}"
        let entries = reader.entries("optimizers", count: 1...maximumPaths, fields: settingNames, example: example,
                                     names: "paths.<name>.final_loss")
        let namesWritten = Set(entries.compactMap(\.name))
        for entry in entries {
            let settings = TrainSettings().applying(entry.fields, reader: reader).settings
            for (key, message) in settings.tuning.problems(optimizers: [settings.optimizer], hasValidation: true) {
                reader.fail(at: entry.place(of: key), message)
            }
            // `entries` reported a name written twice; an entry without one
            // is named after its optimizer, which another entry's 'name'
            // (before or after it) or another unnamed entry may take.
            let name = entry.name ?? settings.optimizer.rawValue
            if entry.name == nil, namesWritten.contains(name) || spec.names.contains(name) {
                reader.fail(at: entry.written, "two optimizers are named '\(name)'; give each its own 'name'")
            }
            spec.names.append(name)
            spec.optimizers.append(settings)
        }
        if reader.value("optimizers") == nil {
            spec.names = surface.defaultPaths.map(\.name)
            spec.optimizers = surface.defaultPaths.map(\.settings)
        }
        return spec
    }

    public static func work(_ spec: Spec) -> [WorkEstimate] {
        let formula = "\(spec.steps.grouped) steps × \(spec.names.count) optimizers"
        return [WorkEstimate("the paths would take", amount: Double(spec.steps * spec.names.count), unit: "steps",
                             formula: formula, budget: workBudget,
                             keys: ["steps", "optimizers"], hint: "lower 'steps' or list fewer optimizers")]
    }

    public static func run(_ spec: Spec, context: RunContext) throws -> ExperimentOutcome {
        let paths = try spec.names.indices.map { try walk($0, spec, seed: context.seed) }
        return ExperimentOutcome(values: declared.record((spec, paths)))
    }

    /// One path: the optimizer's steps from `start`, stopped where it diverges (a loss not finite, a weight beyond 10⁶).
    static func walk(_ index: Int, _ spec: Spec, seed: UInt64) throws -> Record {
        let settings = spec.optimizers[index]
        let name = spec.names[index]
        let rate = settings.resolvedLearningRate
        let optimizer: any Optimizer<Double> = try settings.tuning.makeOptimizer(settings.optimizer, learningRate: rate, weightDecay: 0)
        let schedule = settings.tuning.learningRateSchedule(epochs: spec.steps)
        let w = Parameter(name: "w", role: .weight, value: Tensor(row: spec.start))
        var random = RandomGenerator(seed: seed)
        var points = [spec.start]
        var losses = [spec.loss(spec.start)]
        var divergedAt: Int?
        for step in 1...spec.steps {
            w.gradient = Tensor(row: spec.gradient(w.value.scalars).map { $0 + spec.noise * random.normal() })
            optimizer.learningRate = schedule.learningRate(initial: rate, epoch: step - 1)
            optimizer.step([w])
            let point = w.value.scalars
            let loss = spec.loss(point)
            guard loss.isFinite, point.allSatisfy({ abs($0) <= 1e6 }) else {
                divergedAt = step
                break
            }
            points.append(point)
            losses.append(loss)
        }
        let kind = name == settings.optimizer.rawValue ? "" : settings.optimizer.rawValue + ", "
        let label = "\(name) (\(kind)η = \(ResultValue.format(rate))\(settings.tuning.label))"
        let reached = spec.targetLoss.map { target in losses.firstIndex { $0 <= target } }
        return Record(fields: [
            "name": name,
            "label": label,
            "w1": points.map { $0[0] },
            "w2": points.map { $0[1] },
            "loss": losses,
            // A path that diverged has no final loss: its last finite one was measured on the way out.
            "final_loss": divergedAt == nil ? losses[losses.count - 1] : .nan,
            "diverged": divergedAt != nil,
            "diverged_step": divergedAt ?? 0,
            // With a target only: whether the path reached it, and at which step.
            "reached_target": reached.map { $0 != nil },
            "steps_to_target": reached.map { $0.map(Double.init) ?? .nan },
        ])
    }
}
