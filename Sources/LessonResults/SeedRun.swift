import Experiments

/// The values of one run of a block with `seeds:`.
public struct SeedRun: Codable, Sendable, Equatable {
    public var seed: UInt64
    public var values: Record
    public init(seed: UInt64, values: Record) {
        self.seed = seed
        self.values = values
    }
}
