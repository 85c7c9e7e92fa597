/// One of N parts of a lesson set, for CI matrices (`--shard K/N`).
///
/// The split is a pure function of the lesson paths and the recorded
/// durations, so N runners that start from the same cache contents (a CI
/// cache restored at the start of every job, or one folder: shards record
/// no durations) pick disjoint sets that cover
/// every lesson exactly once. Lessons are balanced greedily by duration,
/// longest first (each goes to the shard with the least work so far); a
/// lesson without a recorded duration counts as the mean of the known ones.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public var index: Int
    public var count: Int

    public struct Invalid: Error, CustomStringConvertible {
        public var text: String
        public var description: String {
            "--shard must be K/N with 1 ≤ K ≤ N (e.g. 2/4), found '\(text)'"
        }
    }

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `K/N`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 10_000, (1...n).contains(k) else {
            throw Invalid(text: text)
        }
        self.init(index: k, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// The lessons of this shard, in their original order.
    public func select(_ lessons: [String], durations: [String: Double] = [:]) -> [String] {
        let assignment = Self.assign(lessons, shards: count, durations: durations)
        return lessons.enumerated().filter { assignment[$0.offset] == index - 1 }.map(\.element)
    }

    /// The 0-based shard of every lesson.
    static func assign(_ lessons: [String], shards: Int, durations: [String: Double]) -> [Int] {
        let known = lessons.compactMap { durations[$0] }
        let fallback = known.isEmpty ? 1 : known.reduce(0, +) / Double(known.count)
        // Weights are rounded to milliseconds so that two runners that parse the
        // same file never differ in the last bit of a sum.
        let weights = lessons.map { ((durations[$0] ?? fallback) * 1000).rounded() }
        let order = lessons.indices.sorted { (weights[$0], lessons[$1]) > (weights[$1], lessons[$0]) }
        var load = [Double](repeating: 0, count: shards)
        var assignment = [Int](repeating: 0, count: lessons.count)
        for i in order {
            var best = 0
            for s in 1..<shards where load[s] < load[best] { best = s }
            assignment[i] = best
            load[best] += max(weights[i], 1)
        }
        return assignment
    }
}
