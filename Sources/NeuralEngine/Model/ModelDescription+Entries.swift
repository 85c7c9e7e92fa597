extension ModelDescription {
    /// Checks typed entries for inputs of `inputWidth` features: the way code
    /// builds a model, without writing `"dense 64"` only to parse it back.
    ///
    ///     let description = try ModelDescription(
    ///         entries: [.dense(units: 64, hasBias: true), .activation(.relu), .dense(units: 10, hasBias: true)],
    ///         inputWidth: 64)
    ///
    /// - Throws: ``ModelDescriptionError`` naming the first entry whose values are out of
    ///   range or do not fit the width it receives, with the same rules as the text form.
    public init(entries: [Entry], inputWidth: Int) throws {
        guard (1...Self.maximumWidth).contains(inputWidth) else {
            throw ModelDescriptionError(
                index: nil, entry: nil,
                message: "the input width must be between 1 and \(Self.maximumWidth), got \(inputWidth)")
        }
        guard !entries.isEmpty else {
            throw ModelDescriptionError(index: nil, entry: nil, message: "a model needs at least one layer")
        }
        var width = inputWidth
        var layers: [LayerSummary] = []
        for (index, entry) in entries.enumerated() {
            if let problem = Self.problem(with: entry, width: width) {
                throw ModelDescriptionError(index: index, entry: Self.infer(entry, inputWidth: width).text, message: problem)
            }
            let summary = Self.infer(entry, inputWidth: width)
            layers.append(summary)
            width = summary.outputWidth
        }
        self.inputWidth = inputWidth
        self.layers = layers
    }

    /// What is wrong with `entry` receiving `width` features, or `nil`.
    static func problem(with entry: Entry, width: Int) -> String? {
        switch entry {
        case .dense(let units, _), .weightNorm(let units, _):
            guard (1...maximumWidth).contains(units) else { return "needs between 1 and \(maximumWidth) units, got \(units)" }
        case .activation(.leakyReLU(let slope)):
            guard (0...1).contains(slope) else { return "the leaky ReLU slope must be in [0, 1], got \(slope)" }
        case .activation:
            break
        case .dropout(let p, _):
            guard p > 0, p <= 1 else { return "dropout takes the probability of keeping a unit, in (0, 1]; got \(p)" }
        case .batchNorm(let momentum):
            guard momentum >= 0, momentum < 1 else {
                return "the batch norm momentum (weight of the old running average) must be in [0, 1), got \(momentum)"
            }
        case .layerNorm:
            break
        case .groupNorm(let count), .instanceNorm(let count):
            let name = entry.isGroupNorm ? "groupnorm" : "instancenorm"
            guard count >= 1 else { return "\(name) needs at least 1 \(entry.isGroupNorm ? "group" : "channel"), got \(count)" }
            guard width % count == 0 else { return "\(name) \(count) needs a width divisible by \(count), got \(width)" }
            guard width / count >= 2 else {
                return "\(name) \(count) on width \(width) leaves one feature per \(entry.isGroupNorm ? "group" : "channel"), "
                    + "which always normalizes to 0; use at most \(width / 2)"
            }
        }
        return nil
    }
}

extension ModelDescription.Entry {
    fileprivate var isGroupNorm: Bool {
        if case .groupNorm = self { return true }
        return false
    }
}

extension ModelDescription.Entry: CustomStringConvertible {
    /// The entry in the spelling the parser reads back to it, e.g. `dense 128`
    /// or `dropout 0.5 original`.
    public var description: String {
        ModelDescription.infer(self, inputWidth: 1).text
    }
}
