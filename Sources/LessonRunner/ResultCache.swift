import Experiments
import Foundation

/// Stores experiment outcomes on disk, keyed by everything that determines
/// them: the code (executable and BLAS kernel), kind, spec, seed and the
/// bytes of the data files.
public struct ResultCache: Sendable {
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The key of a prepared block, or `nil` if a data file cannot be read
    /// (the run will report that properly). It names the code that computes
    /// the result (``CodeIdentity``), so results of older code are never shown.
    public static func key(for prepared: PreparedExperiment, seed: UInt64, code: String = CodeIdentity.current) -> String? {
        var text = "code=\(code)\nengine=\(KindRegistry.engineVersion)\nkind=\(prepared.kind)\nseed=\(seed)\nspec=\(prepared.specJSON)\n"
        for file in prepared.dataFiles.sorted() {
            guard let data = FileManager.default.contents(atPath: file) else { return nil }
            text += "data=\((file as NSString).lastPathComponent):\(StableHash.hex(StableHash.fnv1a64(data)))\n"
        }
        return StableHash.hex128(text)
    }

    private func path(_ key: String) -> String {
        (directory as NSString).appendingPathComponent("\(key).json")
    }

    public func load(_ key: String) -> ExperimentOutcome? {
        guard let data = FileManager.default.contents(atPath: path(key)) else { return nil }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        // A corrupt or old-format entry is a miss, never an error.
        return try? decoder.decode(ExperimentOutcome.self, from: data)
    }

    public func store(_ outcome: ExperimentOutcome, key: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(outcome) else { return }
        // The cache is an optimisation: failing to write it must not fail a render.
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? AtomicFile.write(data, to: path(key))
    }
}
