import Experiments
import Foundation
import LessonSupport
import NeuralEngine

/// Stores experiment outcomes on disk, keyed by everything that determines
/// them: the code (executable and BLAS kernel), kind, spec, seed and the
/// bytes of the data files.
public struct ResultCache: Sendable {
    public var directory: String
    /// Records the keys this run read or wrote, for `lesson cache prune`.
    public var usage: CacheUsage?

    public init(directory: String, usage: CacheUsage? = nil) {
        self.directory = directory
        self.usage = usage
    }

    /// The key of a prepared block, or `nil` if a data file cannot be read
    /// (the run will report that properly). It names the code that computes
    /// the result (``CodeIdentity``), so results of older code are never shown.
    public static func key(for prepared: PreparedExperiment, seed: UInt64, code: String = CodeIdentity.current) -> String? {
        key(for: prepared, runs: "seed=\(seed)", code: code)
    }

    /// The key of a block with `seeds:` as a whole (``SeededEntry``): like a
    /// single seed's, with the list of seeds in place of the seed.
    public static func key(for prepared: PreparedExperiment, seeds: [UInt64], code: String = CodeIdentity.current) -> String? {
        key(for: prepared, runs: "seeds=" + seeds.map(String.init).joined(separator: ","), code: code)
    }

    private static func key(for prepared: PreparedExperiment, runs: String, code: String) -> String? {
        var text = "code=\(code)\nkind=\(prepared.kind)\n\(runs)\nspec=\(prepared.specJSON)\n"
        for file in prepared.dataFiles.sorted() {
            guard let data = BuiltInData.contents(atPath: file).map({ Data($0) }) ?? FileManager.default.contents(atPath: file) else { return nil }
            text += "data=\((file as NSString).lastPathComponent):\(StableHash.digest128(data))\n"
        }
        return StableHash.hex128(text)
    }

    /// The key of a prepared block for this cache (``key(for:seed:code:)``).
    public func key(for prepared: PreparedExperiment, seed: UInt64) -> String? {
        Self.key(for: prepared, seed: seed)
    }

    /// The key of a block with `seeds:` as a whole, for this cache.
    public func key(for prepared: PreparedExperiment, seeds: [UInt64]) -> String? {
        Self.key(for: prepared, seeds: seeds)
    }

    /// Whether an entry is stored under `key` (not whether it is sound:
    /// ``load(_:)`` checks that).
    public func contains(_ key: String) -> Bool {
        FileManager.default.fileExists(atPath: path(key))
    }

    func path(_ key: String) -> String {
        (directory as NSString).appendingPathComponent("\(key).\(Self.entryExtension)")
    }

    /// Entries end in `.entry`: a header line with the checksum, then JSON.
    static let entryExtension = "entry"

    /// Returns the cached outcome, or `nil` for a missing, truncated, corrupt
    /// or old-format entry: the cache is shared between runners and machines,
    /// so an entry is verified before it is believed, and a bad one is a miss.
    public func load(_ key: String) -> ExperimentOutcome? {
        load(ExperimentOutcome.self, key)
    }

    public func store(_ outcome: ExperimentOutcome, key: String) {
        store(value: outcome, key: key)
    }

    /// The whole of a block with `seeds:`, or `nil` (as ``load(_:)``). The
    /// entries of its single seeds count as used too, by the last run and by
    /// their modification time: `cache prune` (with or without
    /// `--older-than`) keeps them, so a change of `seeds:` reruns only the
    /// new seeds.
    public func loadSeeded(_ key: String) -> SeededEntry? {
        guard let entry = load(SeededEntry.self, key) else { return nil }
        for seedKey in entry.seedKeys {
            usage?.used(seedKey)
            utime(path(seedKey), nil)
        }
        return entry
    }

    public func storeSeeded(_ entry: SeededEntry, key: String) {
        store(value: entry, key: key)
    }

    private func load<Value: Decodable>(_ type: Value.Type, _ key: String) -> Value? {
        guard let payload = CacheEntry.read(path(key), key: key) else { return nil }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let value = try? decoder.decode(type, from: payload) else { return nil }
        usage?.used(key)
        // The modification time is the last use, so `cache prune --older-than` keeps what is read.
        utime(path(key), nil)
        return value
    }

    private func store<Value: Encodable>(value: Value, key: String) {
        let encoder = JSONEncoder()
        // Base64 is full of "/": escaped, every packed list took the decoder's slow path.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(value) else { return }
        usage?.used(key)
        // The cache is an optimisation: failing to write it must not fail a render.
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? AtomicFile.write(CacheEntry.wrap(data, key: key), to: path(key), within: directory)
    }
}
