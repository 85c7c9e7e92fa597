import Experiments
import LessonSupport

extension Planner {
    /// The largest seed (2^53 − 1, so seeds survive JSON and `Double` exactly).
    static let maximumSeed: UInt64 = (1 << 53) - 1

    /// A block's seed when it gives none: a hash of its id and of the lesson's
    /// front-matter `seed:`, both written by the author. Not the file's name
    /// or path: renaming or moving a lesson must not change its numbers (and
    /// so break an expectation that held). Two lessons with the same block id
    /// and no `seed:` share that block's seed; a lesson-level seed tells them apart.
    static func defaultSeed(lessonSeed: UInt64?, id: String) -> UInt64 {
        let text = lessonSeed.map { "\($0)#\(id)" } ?? "#\(id)"
        return StableHash.fnv1a64(text) & maximumSeed
    }

    /// `seed` moved by `offset` (`--reseed`), wrapping past the largest seed
    /// so every moved seed is still one a block could have written.
    static func moved(_ seed: UInt64, by offset: UInt64) -> UInt64 {
        (seed &+ (offset & maximumSeed)) & maximumSeed
    }

    /// Reads the common key `seeds`: an integer N runs the block with `first`,
    /// `first + 1`, …, `first + N − 1` (`first` is `seed:` when given, else the
    /// block's default seed); a list gives the seeds themselves and then
    /// `seed:` must not be given too (which of the two would win is not obvious).
    /// Returns `[]` when the key is absent. Problems go to `reader.issues`.
    static func readSeeds(_ reader: SpecReader, first: UInt64) -> [UInt64] {
        guard reader.has("seeds"), let node = reader.value("seeds") else { return [] }
        let limit = CommonKeys.maximumSeeds
        if case .list(let sequence) = node {
            let items = Array(sequence)
            if reader.has("seed") {
                reader.fail(at: node, "give either 'seed' or a list of 'seeds', not both: with a list, every seed is written there",
                            notes: ["or write 'seeds: \(max(items.count, 2))' to run the block with seed, seed + 1, …"])
                return []
            }
            guard (1...limit).contains(items.count) else {
                reader.fail(at: node, "'seeds' must list 1 to \(limit) seeds, found \(items.count)")
                return []
            }
            var seeds: [UInt64] = []
            let issuesBefore = reader.issues.count
            for item in items {
                guard let value = reader.integer(item, key: "seeds", range: .closed(0, Double(maximumSeed))) else { continue }
                let seed = UInt64(value)
                if seeds.contains(seed) {
                    reader.fail(at: item, "seed \(seed) is listed twice in 'seeds'; each run needs its own seed")
                    continue
                }
                seeds.append(seed)
            }
            return reader.issues.count == issuesBefore ? seeds : []
        }
        guard case .scalar(let scalar) = node, scalar.style == .plain, let count = Int(scalar.string) else {
            reader.fail(at: node, "'seeds' must be a number of runs (1 to \(limit)) or a list of seeds, found \(SpecReader.describe(node))",
                        notes: ["e.g. 'seeds: 8' or 'seeds: [1, 2, 3]'"])
            return []
        }
        guard (1...limit).contains(count) else {
            reader.fail(at: node, "'seeds' is \(count), outside the allowed range 1 ≤ seeds ≤ \(limit)")
            return []
        }
        guard first <= maximumSeed - UInt64(count - 1) else {
            reader.fail(at: node, "seeds \(first) … \(first + UInt64(count - 1)) go past the largest seed, \(maximumSeed); choose a smaller 'seed'")
            return []
        }
        return (0..<UInt64(count)).map { first + $0 }
    }
}
