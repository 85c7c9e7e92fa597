import Foundation
import NeuralEngine
import LessonSupport

/// Trains one or more variants of a network side by side.
///
/// Every variant sees the same examples, the same split, the same batches in
/// the same order and — when the architectures agree — the same initial
/// weights, so the differences in the results come from the setting that
/// differs. `vary:` sweeps one setting over a list of values; `variants:`
/// names variants explicitly, each a map of overrides; with both, every named
/// variant is swept. The named values are listed on ``TrainReport``.
public enum TrainKind: ExperimentKind {
    public static let name = "train"
    public static let summary = "Trains model variants side by side on the same data, initial weights and batches (vary one setting over a list, or name variants); compares losses, accuracies, steps, time, weight norms and their change, dead ReLU units, learning curves and per-layer statistics."

    static let allowedData: [DataSource] = [.digits, .spirals, .moons, .circles, .blobs, .polynomial, .linear]

    /// Largest number of variants in a block.
    static let maximumVariants = 16

    public static var keys: [KeyDescriptor] {
        (DataRecipe.keys(defaultSource: .digits, allowed: allowedData) + [
            DataRecipe.examplesKey,
            KeyDescriptor("train_fraction", .number, default: "0.5", range: .closed(0.05, 0.95),
                          "Fraction of the examples used for training (stratified by class for classification)."),
            KeyDescriptor("validation_fraction", .number, default: "0.2", range: .closed(0, 0.9),
                          "Fraction used for validation (evaluated after every epoch); the test set takes the rest."),
            KeyDescriptor("label_noise", .number, default: "0", range: .closed(0, 0.9),
                          "Fraction of the training labels replaced by a class drawn at random (validation and test labels stay clean)."),
            KeyDescriptor("feature_scale", .list(.number, count: 1...4_096), described: "(none)", range: .aboveUpTo(0, 1e6),
                          "Multiplies input feature i by the i-th number (one number: every feature) before anything else, e.g. [200, 10] puts the linear set's features on [−200, 200] and [−10, 10]."),
        ] + TrainSettings.keys + [
            KeyDescriptor("vary", .mapping, type: "mapping of one key to a list", described: "(none)",
                          "One setting swept over a list, one variant per value, e.g. {batch_size: [all, 32, 1]}. Any of: \(TrainSettings.keyNames.joined(separator: ", "))."),
            KeyDescriptor("variants", .custom, type: "list of mappings", described: "(none)",
                          "Named variants, each a mapping of 'name' (letters, digits, '_') and the settings it changes, e.g. [{name: plain}, {name: bn, normalization: batch}]."),
            KeyDescriptor("curve", .word(CurveMode.allCases.map(\.rawValue)), default: "epoch",
                          "Learning curves per epoch (training and validation loss) or per step (the loss of every mini-batch). A line of more than 500 points is drawn as the means of runs of consecutive points, with a band from each run's lowest to highest."),
            KeyDescriptor("target_loss", .number, described: "(none)", range: .above(0),
                          "Counts the steps until a batch's training loss first reaches this value (steps_to_target)."),
            KeyDescriptor("show_layers", .boolean, default: "false", "Show the per-layer statistics table."),
            TrainPlot.key,
        ]).examples(["data": "blobs", "examples": "200", "hidden": "[8]", "epochs": "3", "vary": "{optimizer: [sgd, adam]}"])
    }

    /// How learning curves are recorded and drawn.
    enum CurveMode: String, Codable, Sendable, Hashable, CaseIterable { case epoch, step }

    /// One model trained in a block.
    struct Variant: Codable, Sendable, Hashable {
        /// The name in result paths: `variants.<name>.test_accuracy`.
        var name: String
        /// What the variant changes, for tables and charts: "batch_size = 32".
        var label: String
        /// The swept value as a number, if `vary:` swept a numeric setting.
        var value: Double?
        var settings: TrainSettings
        /// With both `variants:` and `vary:`, the named variant this one sweeps
        /// (its label): charts draw one line per group, never joining two.
        var group: String?
        /// The name the author gave the variant (or the named variant it sweeps); `nil` for `vary:` alone.
        var title: String? = nil
        /// What it sets, "learning_rate = 0.1", in the order written: a
        /// legend keeps the ones that differ between its lines.
        var changes: [String] = []
    }

    public struct Spec: Codable, Sendable, Hashable, DataBacked {
        var data: DataRecipe
        var examples: Int
        var trainFraction: Double
        var validationFraction: Double
        var labelNoise: Double
        var featureScale: [Double]
        var variants: [Variant]
        /// The key `vary:` sweeps, if any.
        var varied: String?
        var curve: CurveMode
        var targetLoss: Double?
        var showLayers: Bool
        /// The author's `plot:`; `nil`: the default charts.
        var plot: TrainPlot?
    }

    /// Largest training work of one block, in units of (training examples ×
    /// work per example + steps × ``stepCost``) × epochs summed over the
    /// variants (``ModelDescription/workPerExample``). A block at its budget,
    /// all seeds together, takes 23–48 s of one core whatever the shape of
    /// its network (2026-12-07, `EngineBenchmarks --budgets`, six shapes:
    /// BENCHMARKS.md), well inside the runner's time limit.
    static let trainingBudget = 2.5e11
    /// The fixed cost of a step (gathering a batch, a dozen small calls), in the
    /// units of the budget: what makes batches of 1 slow per example.
    static let stepCost = 20_000.0

    public static func decode(_ reader: SpecReader, context: DecodeContext) -> Spec? {
        let data = DataRecipe.decode(reader, context: context, allowed: allowedData)
        let examples = DataRecipe.decodeExamples(reader, source: data.source)
        let trainFraction = reader.double("train_fraction")
        let validationFraction = reader.double("validation_fraction")
        if trainFraction + validationFraction > 0.96 {
            reader.fail(atFirstWritten: ["validation_fraction", "train_fraction"],
                        "train_fraction + validation_fraction is \(ResultValue.format(trainFraction + validationFraction)); keep it at most 0.95 so that a test set is left")
        }
        let labelNoise = reader.double("label_noise")
        if labelNoise > 0, data.source.isRegression {
            reader.fail("label_noise", "'label_noise' replaces class labels; data: \(data.source.rawValue) is a regression set")
        }
        let featureScale = reader.doubleList("feature_scale")
        if reader.has("feature_scale"), featureScale.count != 1, featureScale.count != data.inputWidth {
            reader.fail("feature_scale", "'feature_scale' needs 1 or \(data.inputWidth) numbers (one per feature of \(data.source.rawValue)), found \(featureScale.count)")
        }

        var base = TrainSettings()
        for key in TrainSettings.keyNames {
            if let written = reader.value(key) { base.apply(key, written, reader: reader) }
        }
        if !reader.has("learning_rate") { base.learningRate = nil }

        let (varied, values) = decodeVary(reader)
        let (explicit, entries) = decodeVariants(reader, base: base)
        var variants: [Variant] = []
        for variant in explicit ?? [Variant(name: "", label: "", settings: base)] {
            guard let varied, let values else {
                variants.append(variant.name.isEmpty ? Variant(name: "base", label: "base", settings: base) : variant)
                continue
            }
            let swept = values.map { item in
                var settings = variant.settings
                settings.apply(varied, item, reader: reader)
                return (settings: settings, text: settings.text(of: varied), number: item.scalar.flatMap { Double($0.string) })
            }
            // Values name their variants (`variants.32`) only when every one
            // can: otherwise all are numbered, v0, v1, …, never a mixture.
            let named = swept.allSatisfy { SpecReader.isName($0.text) }
            for (index, (settings, text, number)) in swept.enumerated() {
                let valueName = named ? text : "v\(index)"
                variants.append(Variant(
                    name: variant.name.isEmpty ? valueName : "\(variant.name)_\(valueName)",
                    label: variant.name.isEmpty ? "\(varied) = \(text)" : "\(variant.label), \(varied) = \(text)",
                    value: number, settings: settings, group: variant.name.isEmpty ? nil : variant.label,
                    title: variant.name.isEmpty ? nil : variant.name, changes: variant.changes + ["\(varied) = \(text)"]))
            }
        }
        if variants.count > maximumVariants {
            reader.fail(reader.has("vary") ? "vary" : "variants",
                        "the block trains \(variants.count) variants; at most \(maximumVariants) fit in one comparison")
        }
        // Names the entries of `variants:` gave are unique (see
        // decodeVariants); only two values of `vary` can still collide.
        var seen: Set<String> = []
        for variant in variants where varied != nil && !seen.insert(variant.name).inserted {
            reader.fail("vary", "two variants are named '\(variant.name)'; give each value of 'vary' a different text")
            break
        }

        let curve = CurveMode(rawValue: reader.choice("curve")) ?? .epoch
        let spec = Spec(
            data: data, examples: examples, trainFraction: trainFraction, validationFraction: validationFraction,
            labelNoise: labelNoise, featureScale: featureScale, variants: variants, varied: varied, curve: curve,
            targetLoss: reader.optionalDouble("target_loss"), showLayers: reader.bool("show_layers"),
            plot: TrainPlot.decode(reader, variantNames: variants.map(\.name), stepCurve: curve == .step))

        // Each variant's model must be buildable, before anything runs.
        var reported: Set<String> = []
        let optimizers = Set(variants.map(\.settings.optimizer))
        for variant in variants {
            for (key, message) in variant.settings.tuning.problems(optimizers: optimizers, hasValidation: validationFraction > 0) {
                // A value of `vary` is reported at `vary`, once; a top-level
                // key once, at the key; a variant's override at the entry of
                // `variants:` that wrote it.
                if key == varied {
                    let text = entries.count > 1 ? variant.title.map { "variant '\($0)': " + message } ?? message : message
                    if reported.insert("vary" + text).inserted { reader.fail("vary", text) }
                } else if reader.has(key) {
                    if reported.insert(key + message).inserted { reader.fail(key, message) }
                } else if let entry = entries[variant.title ?? variant.name] {
                    let text = variants.count == 1 ? message : "variant '\(variant.name)': " + message
                    if reported.insert(text).inserted { reader.fail(at: entry.place(of: key), text) }
                } else {
                    let place = reader.has("vary") ? "vary" : key
                    let text = place == key || variants.count == 1 ? message : "variant '\(variant.name)': " + message
                    if reported.insert(place + text).inserted { reader.fail(place, text) }
                }
            }
            do {
                _ = try ModelDescription(entries: variant.settings.entries(outputWidth: data.outputWidth), inputWidth: data.inputWidth)
            } catch let error as ModelDescriptionError {
                let key = variant.settings.modelKey
                let text = "variant '\(variant.name)': \(error.description)"
                if key == varied {
                    if reported.insert("vary" + text).inserted { reader.fail("vary", text) }
                } else if !reader.has(key), let entry = entries[variant.title ?? variant.name] {
                    reader.fail(at: entry.place(of: key), text)
                } else {
                    // `groups` left at its default: what asked for group norm, or the widths.
                    reader.fail(atFirstWritten: variant.settings.modelFaultKeys, text)
                }
            } catch {
                reader.fail("hidden", "variant '\(variant.name)': \(error)")
            }
            if variant.settings.normalization == .batch || variant.settings.explicitLayers?.contains(where: {
                if case .batchNorm = $0 { return true } else { return false }
            }) == true, let size = variant.settings.batchSize, size < 2 {
                let text = "variant '\(variant.name)': batch norm needs at least 2 examples per batch to estimate a variance, the batch size is \(size)"
                // Where the size was written: the variant's entry, `vary`, or the block's key.
                if varied == "batch_size" {
                    reader.fail("vary", text)
                } else if let entry = entries[variant.title ?? variant.name], entry.fields.contains(where: { $0.name == "batch_size" }) {
                    reader.fail(at: entry.place(of: "batch_size"), text)
                } else {
                    reader.fail(atFirstWritten: ["batch_size", "vary"], text)
                }
            }
        }
        return spec
    }

    public static func work(_ spec: Spec) -> [WorkEstimate] {
        [WorkEstimate("training would take", amount: spec.trainingWork,
                      formula: "over the variants: epochs × (training examples × work per example + steps per epoch × "
                        + "\(Int(stepCost).grouped))",
                      definition: ModelDescription.workPerExampleNote,
                      budget: trainingBudget, keys: ["epochs", "hidden", "vary"],
                      hint: "lower 'epochs', 'train_fraction', the widths in 'hidden', or use fewer variants or larger batches")]
    }

    /// What would work instead of sweeping `key`, a key of the block that
    /// all its variants share (the data, `label_noise`, `curve`), or nil for
    /// a key the kind does not have: `explore:` runs the block once per
    /// value of a single-valued key, and the reader chooses among them.
    private static func blockWideAdvice(_ key: String) -> String? {
        guard let descriptor = keys.first(where: { $0.name == key }), key != "vary", key != "variants" else { return nil }
        // `explore:` steps through single numbers and words, not lists or mappings.
        let explore: String
        switch descriptor.valueType {
        case .list, .mapping:
            explore = ""
        default:
            explore = ", or 'explore: {\(key): [a, b, c]}' to run the block at each value and let the reader choose"
        }
        return ": it is a setting of the whole block, which all its variants share; write one block per value\(explore)"
    }

    /// `vary: {key: [values…]}`: the key and the values as written.
    private static func decodeVary(_ reader: SpecReader) -> (String?, [SpecValue]?) {
        guard reader.has("vary"), let written = reader.value("vary") else { return (nil, nil) }
        guard case .mapping(let mapping) = written, mapping.count == 1, let (writtenKey, writtenValue) = mapping.first,
              case .scalar(let keyScalar) = writtenKey else {
            reader.fail(at: written, "'vary' must map one setting to a list of values, e.g. 'vary: {learning_rate: [0.01, 0.1, 1]}'")
            return (nil, nil)
        }
        let key = keyScalar.string
        guard TrainSettings.keyNames.contains(key) else {
            reader.fail(at: writtenKey, "'vary' cannot sweep '\(key)'" + (blockWideAdvice(key) ?? Suggestion.didYouMean(key, in: TrainSettings.keyNames)),
                        notes: ["settings that can be swept: " + TrainSettings.keyNames.joined(separator: ", ")])
            return (nil, nil)
        }
        guard case .list(let sequence) = writtenValue, (1...maximumVariants).contains(sequence.count) else {
            reader.fail(at: writtenValue, "'vary' needs a list of 1…\(maximumVariants) values for '\(key)', found \(SpecReader.describe(writtenValue))")
            return (nil, nil)
        }
        // `hidden` and `layers` take lists themselves: each value is one list.
        return (key, Array(sequence))
    }

    /// `variants: [{name: …, key: value, …}, …]`, each applied over `base`
    /// (nil when the block writes none, or no list of them that can be read),
    /// and the entry each came from by its name, for messages about it. An
    /// unnamed entry is `v<index>`, an error at the entry when another took
    /// that name.
    private static func decodeVariants(_ reader: SpecReader, base: TrainSettings) -> ([Variant]?, [String: SpecEntry]) {
        let entries = reader.entries("variants", count: 1...maximumVariants, fields: TrainSettings.keyNames,
                                     example: "{name: bn, normalization: batch}", noun: "variant",
                                     names: "variants.<name>.test_accuracy", advice: blockWideAdvice)
        guard !entries.isEmpty else { return (nil, [:]) }
        let written = Set(entries.compactMap(\.name))
        var byName: [String: SpecEntry] = [:]
        let variants = entries.enumerated().map { index, entry in
            let name = entry.name ?? "v\(index)"
            if entry.name == nil, written.contains(name) {
                reader.fail(at: entry.written, "this variant is named '\(name)' by its place, which another variant's 'name' took; give it a 'name'")
            }
            byName[name] = byName[name] ?? entry
            let (settings, changes) = base.applying(entry.fields, reader: reader)
            return Variant(name: name, label: changes.isEmpty ? name : "\(name) (\(changes.joined(separator: ", ")))",
                           settings: settings, title: name, changes: changes)
        }
        return (variants, byName)
    }

    /// Whether `name` is one the block made up (`v0`, `v1`, … for an unnamed
    /// entry of `variants:`) rather than one the author wrote.
    static func isGeneratedName(_ name: String) -> Bool {
        name.hasPrefix("v") && name.count > 1 && name.dropFirst().allSatisfy(\.isNumber)
    }

    public static func run(_ spec: Spec, context: RunContext) throws -> ExperimentOutcome {
        let result = try TrainExperiment(spec: spec).run(context: context.decode, seed: context.seed)
        return TrainReport(spec: spec, result: result).outcome
    }
}

extension TrainKind.Spec {
    var trainingExamples: Int { Int((Double(examples) * trainFraction).rounded()) }

    /// The work of one example through a variant's model
    /// (``ModelDescription/workPerExample``).
    func workPerExample(_ variant: TrainKind.Variant) -> Double {
        let description = try? ModelDescription(
            entries: variant.settings.entries(outputWidth: data.outputWidth), inputWidth: data.inputWidth)
        return description?.workPerExample ?? 0
    }

    /// Steps in one epoch: ⌈training examples / batch size⌉.
    func stepsPerEpoch(_ variant: TrainKind.Variant) -> Int {
        let n = max(trainingExamples, 1)
        guard let batch = variant.settings.batchSize else { return 1 }
        return (n + batch - 1) / batch
    }

    var trainingWork: Double {
        variants.reduce(0) { sum, variant in
            sum + Double(variant.settings.epochs)
                * (Double(trainingExamples) * workPerExample(variant) + Double(stepsPerEpoch(variant)) * TrainKind.stepCost)
        }
    }
}
