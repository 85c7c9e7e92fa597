import Foundation
import LessonSupport

/// The cache keys one run read or wrote, and the time each lesson took.
///
/// Shared by the blocks of a run (which may run on several threads), then
/// saved in the cache folder: a record in `runs/` lists the keys (what
/// `lesson cache prune` keeps, ``CacheRun``), `durations.json` the seconds
/// per lesson (what `--shard` balances on).
public final class CacheUsage: @unchecked Sendable {
    private let lock = NSLock()
    private var keys = Set<String>()
    private var durations: [String: Double] = [:]

    public init() {}

    public func used(_ key: String) {
        lock.withLock { _ = keys.insert(key) }
    }

    public func lessonTook(_ path: String, seconds: Double) {
        lock.withLock { durations[path] = seconds }
    }

    public var usedKeys: Set<String> { lock.withLock { keys } }

    /// Writes the run's record (``CacheRun``) and merges the durations into
    /// `durations.json`. Failing to write is not an error: the cache is an
    /// optimisation.
    /// - Parameter run: what the run was, for `cache prune --dry-run`
    ///   ("lesson check, 12 lessons").
    public func save(in directory: String, run: String = "a run", now: Date = Date()) {
        let (keys, durations) = lock.withLock { (self.keys, self.durations) }
        CacheRun.record(CacheRun(time: now, description: run, keys: keys), in: directory)
        var all = ResultCache.recordedDurations(in: directory)
        for (path, seconds) in durations { all[path] = seconds }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        if let data = try? encoder.encode(all) {
            try? AtomicFile.write(data, to: (directory as NSString).appendingPathComponent(ResultCache.durationsFile))
        }
    }
}
