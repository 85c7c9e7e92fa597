extension Dataset {
    /// Splits the examples at random into parts of the given fractions.
    ///
    /// Fractions are rounded to whole examples, the last part taking the
    /// remainder. With `stratified`, each class is split separately in the same
    /// proportions, so every part has (nearly) the class balance of the whole.
    /// - Parameters:
    ///   - fractions: Positive fractions summing to at most 1 (a sum below 1 leaves
    ///     the rest of the examples out).
    ///   - stratified: Whether to keep class proportions (classification sets only).
    ///   - generator: The shuffle's randomness.
    /// - Throws: ``EngineError/invalidArgument(_:)`` for bad fractions or stratifying a regression set.
    public func split(fractions: [Double], stratified: Bool = false, generator: inout RandomGenerator) throws -> [Dataset] {
        guard !fractions.isEmpty, fractions.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw EngineError.invalidArgument("split fractions must be positive, got \(fractions)")
        }
        let total = fractions.reduce(0, +)
        guard total <= 1 + 1e-9 else {
            throw EngineError.invalidArgument("split fractions must sum to at most 1, got \(total)")
        }
        var groups: [[Int]]
        if stratified {
            guard let labels, let classCount else {
                throw EngineError.invalidArgument("a stratified split needs class labels; this is a regression set")
            }
            groups = Array(repeating: [], count: classCount)
            for (index, label) in labels.enumerated() { groups[label].append(index) }
        } else {
            groups = [Array(0..<count)]
        }
        var parts = Array(repeating: [Int](), count: fractions.count)
        for var group in groups {
            generator.shuffle(&group)
            var start = 0
            var cumulative = 0.0
            for (p, fraction) in fractions.enumerated() {
                cumulative += fraction
                // Round cumulative boundaries, not sizes, so the parts add up exactly.
                let end = p == fractions.count - 1 && total >= 1 - 1e-9
                    ? group.count : min(group.count, Int((cumulative * Double(group.count)).rounded()))
                parts[p].append(contentsOf: group[start..<max(start, end)])
                start = max(start, end)
            }
        }
        // Stratified parts are grouped by class; shuffle so batches in file order still mix classes.
        if stratified {
            for p in parts.indices { generator.shuffle(&parts[p]) }
        }
        return parts.map { subset($0) }
    }

    /// Splits into a training part of `trainingFraction` of the examples and a test part with the rest.
    /// - Throws: ``EngineError/invalidArgument(_:)`` unless `trainingFraction` is in (0, 1).
    public func split(
        trainingFraction: Double, stratified: Bool = false, generator: inout RandomGenerator
    ) throws -> (training: Dataset, test: Dataset) {
        guard trainingFraction > 0, trainingFraction < 1 else {
            throw EngineError.invalidArgument("the training fraction must be in (0, 1), got \(trainingFraction)")
        }
        let parts = try split(fractions: [trainingFraction, 1 - trainingFraction], stratified: stratified, generator: &generator)
        return (parts[0], parts[1])
    }

    /// Splits into training, validation and test parts of the given fractions (the test part takes the rest).
    public func split(
        trainingFraction: Double, validationFraction: Double, stratified: Bool = false,
        generator: inout RandomGenerator
    ) throws -> (training: Dataset, validation: Dataset, test: Dataset) {
        let testFraction = 1 - trainingFraction - validationFraction
        guard testFraction > 0 else {
            throw EngineError.invalidArgument(
                "training (\(trainingFraction)) and validation (\(validationFraction)) fractions must leave a test part")
        }
        let parts = try split(
            fractions: [trainingFraction, validationFraction, testFraction], stratified: stratified, generator: &generator)
        return (parts[0], parts[1], parts[2])
    }
}
