import Foundation
import LessonSupport

/// `lesson cache stats` and `lesson cache prune`, and checking that a cache
/// folder can be used at all.
extension ResultCache {
    static let lastRunFile = "last-run"
    static let durationsFile = "durations.json"

    /// A `--cache-dir` that cannot be used.
    public struct Unusable: Error, CustomStringConvertible {
        public var directory: String
        public var reason: String
        public var description: String {
            "--cache-dir '\(directory)' cannot be used: \(reason); give a writable folder, or --no-cache"
        }
    }

    /// Creates the folder if needed and checks that entries can be written in
    /// it. A cache that silently does nothing would hide a mistyped path.
    public func prepare() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw Unusable(directory: directory, reason: "it is a file, not a folder")
        }
        do {
            try AtomicFile.createDirectory(directory)
        } catch let error as AtomicFile.WriteError {
            throw Unusable(directory: directory, reason: error.reason)
        }
        if access(directory, W_OK | X_OK) != 0 {
            throw Unusable(directory: directory, reason: String(cString: strerror(errno)))
        }
        // Entries a killed run (kill -9 cannot be caught) was writing.
        TemporaryFiles.sweepStale(in: directory)
    }

    /// What `lesson cache stats` prints.
    public struct Stats: Sendable, Equatable {
        public var entries = 0
        public var bytes = 0
        /// Entries that fail verification (or have an old format): misses.
        public var unusable = 0
        /// Entries the last run read or wrote.
        public var usedByLastRun = 0
        public var oldest: Date?
        public var newest: Date?
        public var lessonsWithDurations = 0
        /// Runs recorded in the folder, and how many prune keeps the entries of (``CacheRun``).
        public var runs = 0
        public var keptRuns = 0
    }

    struct EntryFile {
        var key: String
        var path: String
        var bytes: Int
        var modified: Date
    }

    /// Every entry file (and old-format `.json` entry) in the folder.
    func entryFiles() -> [EntryFile] {
        let fm = FileManager.default
        let names = (try? fm.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().compactMap { name in
            let ext = (name as NSString).pathExtension
            guard (ext == Self.entryExtension || ext == "json") && name != Self.durationsFile else { return nil }
            let path = (directory as NSString).appendingPathComponent(name)
            guard let attributes = try? fm.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeRegular else { return nil }
            return EntryFile(key: (name as NSString).deletingPathExtension, path: path,
                             bytes: (attributes[.size] as? NSNumber)?.intValue ?? 0,
                             modified: attributes[.modificationDate] as? Date ?? .distantPast)
        }
    }

    /// The keys the last run used, or `nil` if no run has recorded them.
    public func lastRunKeys() -> Set<String>? {
        CacheRun.all(in: directory).first?.keys
    }

    /// Nothing says which entries are in use: no run has recorded its keys.
    public struct NoRunRecorded: Error, CustomStringConvertible {
        public var directory: String
        public var description: String {
            "no run has recorded which entries of '\(directory)' it used; run `lesson render` or `lesson check` first, or give --older-than"
        }
    }

    public func stats() -> Stats {
        var stats = Stats()
        let runs = CacheRun.all(in: directory)
        stats.runs = runs.count
        stats.keptRuns = CacheRun.kept(runs).count
        let used = runs.first?.keys ?? []
        for file in entryFiles() {
            stats.entries += 1
            stats.bytes += file.bytes
            if file.path.hasSuffix(".json") || CacheEntry.read(file.path, key: file.key) == nil {
                stats.unusable += 1
            }
            if used.contains(file.key) { stats.usedByLastRun += 1 }
            stats.oldest = min(stats.oldest ?? file.modified, file.modified)
            stats.newest = max(stats.newest ?? file.modified, file.modified)
        }
        stats.lessonsWithDurations = Self.recordedDurations(in: directory).count
        return stats
    }

    /// What `prune` removed, or with `dryRun` would remove, and what it keeps.
    public struct PruneReport: Sendable, Equatable {
        public struct Entry: Sendable, Equatable {
            public var key: String
            public var bytes: Int
            public var lastUsed: Date
            public var unusable: Bool
            /// The newest recorded run that used it (time, what it was), if any.
            public var lastRun: (time: Date, description: String)?

            public static func == (a: Entry, b: Entry) -> Bool {
                a.key == b.key && a.bytes == b.bytes && a.lastUsed == b.lastUsed && a.unusable == b.unusable
                    && a.lastRun?.time == b.lastRun?.time && a.lastRun?.description == b.lastRun?.description
            }
        }
        /// The entries removed (or that would be), oldest first.
        public var entries: [Entry] = []
        /// The entries kept, newest run first.
        public var kept: [Entry] = []
        /// Entries in the folder before pruning.
        public var total = 0
        /// The runs whose entries were kept (without `olderThan`), newest first.
        public var keptRuns: [CacheRun] = []
        public var removed: Int { entries.count }
        public var bytes: Int { entries.reduce(0) { $0 + $1.bytes } }
    }

    /// Removes the entries that none of the recent runs used (when
    /// `olderThan` is `nil`: ``CacheRun/kept(_:now:)``, the last 10 runs and
    /// every run of the last 7 days), or entries not used for longer than
    /// `olderThan` seconds; unusable entries always go. With `dryRun`
    /// nothing is removed: the report says what would be, and which run
    /// last used each entry.
    public func prune(olderThan: Double? = nil, dryRun: Bool = false, now: Date = Date()) throws -> PruneReport {
        let runs = CacheRun.all(in: directory)
        var report = PruneReport()
        let files = entryFiles()
        report.total = files.count
        var used = Set<String>()
        if olderThan == nil {
            guard !runs.isEmpty || files.isEmpty else { throw NoRunRecorded(directory: directory) }
            report.keptRuns = CacheRun.kept(runs, now: now)
            for run in report.keptRuns { used.formUnion(run.keys) }
        }
        var lastRun: [String: (time: Date, description: String)] = [:]
        for run in runs.reversed() {
            for key in run.keys { lastRun[key] = (run.time, run.description) }
        }
        for file in files {
            let unusable = file.path.hasSuffix(".json")
                || CacheEntry.read(file.path, key: file.key) == nil
            let stale = olderThan.map { now.timeIntervalSince(file.modified) > $0 } ?? !used.contains(file.key)
            let entry = PruneReport.Entry(key: file.key, bytes: file.bytes, lastUsed: file.modified, unusable: unusable,
                                          lastRun: lastRun[file.key])
            if unusable || stale {
                if dryRun || (try? FileManager.default.removeItem(atPath: file.path)) != nil {
                    report.entries.append(entry)
                }
            } else {
                report.kept.append(entry)
            }
        }
        report.entries.sort { ($0.lastUsed, $0.key) < ($1.lastUsed, $1.key) }
        report.kept.sort { ($0.lastRun?.time ?? $0.lastUsed, $1.key) > ($1.lastRun?.time ?? $1.lastUsed, $0.key) }
        return report
    }

    /// Seconds per lesson path recorded by earlier runs (empty if none).
    public static func recordedDurations(in directory: String) -> [String: Double] {
        guard let data = Confinement.contents((directory as NSString).appendingPathComponent(durationsFile), limit: 16 << 20),
              let durations = try? JSONDecoder().decode([String: Double].self, from: data) else { return [:] }
        return durations.filter { $0.value.isFinite && $0.value >= 0 }
    }
}
