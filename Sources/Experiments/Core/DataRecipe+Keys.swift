extension DataRecipe {
    /// The `train_fraction` key of kinds that split one set into a training and a test set.
    static let trainFractionKey = KeyDescriptor(
        "train_fraction", .number, default: "0.5", range: .closed(0.05, 0.95),
        "Fraction of the examples used for training (stratified by class); the rest is the test set.")

    /// The data file a block reads, for its cache key: the digits file, or none for a generated set.
    func files(context: DecodeContext) -> [String] {
        guard source == .digits, let path = context.resolveDataFile(file) else { return [] }
        return [path]
    }
}
