import ArgumentParser
import Foundation
import LessonRunner

/// `lesson cache stats` and `lesson cache prune`.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Inspect or trim the folder of cached block results.",
        subcommands: [CacheStats.self, CachePrune.self])
}

struct CacheFolderOption: ParsableArguments {
    @Option(name: .customLong("cache-dir"), help: "The cache folder. Default: the course's cache folder (course.yml), else .lesson-cache.")
    var cacheOption: String?

    var cacheDirectory: String { cacheOption ?? Course.settings.map { $0.resolve($0.cache) } ?? ".lesson-cache" }

    func validate() throws {
        if cacheOption?.isEmpty == true { throw ValidationError("--cache-dir must not be empty") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: cacheDirectory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ValidationError("--cache-dir '\(cacheDirectory)' is a file, not a folder")
        }
    }
}

struct CacheStats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count the entries, their size, how many the last run used and how many are unusable.")

    @OptionGroup var folder: CacheFolderOption

    func run() {
        let stats = ResultCache(directory: folder.cacheDirectory).stats()
        let formatter = ISO8601DateFormatter()
        // A mistyped --cache-dir must not read as an empty cache.
        let missing = FileManager.default.fileExists(atPath: folder.cacheDirectory) ? "" : " (does not exist)"
        print("cache: \(folder.cacheDirectory)\(missing)")
        print("entries: \(stats.entries) (\(CacheCommand.size(stats.bytes)))")
        print("used by the last run: \(stats.usedByLastRun)")
        print("unusable (corrupt or old format): \(stats.unusable)")
        if let oldest = stats.oldest, let newest = stats.newest {
            print("last used: oldest \(formatter.string(from: oldest)), newest \(formatter.string(from: newest))")
        }
        print("lessons with a recorded duration (for --shard): \(stats.lessonsWithDurations)")
    }
}

struct CachePrune: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove the entries the last render or check did not use, or those unused for longer than --older-than.",
        discussion: "Unusable entries (corrupt, or written by an older version) are always removed. The last run is the last one only: after rendering one lesson, or one shard, every other lesson's entries count as unused; prune with --older-than then, and see first with --dry-run.")

    @OptionGroup var folder: CacheFolderOption

    @Option(name: .customLong("older-than"), help: ArgumentHelp("Remove entries not used for this long: 90s, 45m, 12h, 7d, 2w.", valueName: "age"),
            transform: { try CacheAge.seconds($0) })
    var olderThan: Double?

    @Flag(name: .customLong("dry-run"), help: "Remove nothing: list the entries that would go, with their size and when they were last used.")
    var dryRun = false

    func run() throws {
        guard FileManager.default.fileExists(atPath: folder.cacheDirectory) else {
            print("removed 0 entries: '\(folder.cacheDirectory)' does not exist")
            return
        }
        do {
            let cache = ResultCache(directory: folder.cacheDirectory)
            let report = try cache.prune(olderThan: olderThan, dryRun: dryRun)
            let formatter = ISO8601DateFormatter()
            if dryRun {
                for entry in report.entries {
                    print("\(entry.key)  \(CacheCommand.size(entry.bytes))  last used \(formatter.string(from: entry.lastUsed))\(entry.unusable ? "  (unusable)" : "")")
                }
            }
            let count = "\(report.removed) of \(report.total) entr\(report.total == 1 ? "y" : "ies") (\(CacheCommand.size(report.bytes)))"
            let why = olderThan == nil
                ? "not used by the last run (it used \(cache.lastRunKeys()?.count ?? 0))"
                : "not used for longer than \(CacheCommand.age(olderThan!))"
            print((dryRun ? "would remove " : "removed ") + count + ": " + why + (dryRun ? "; nothing was removed" : ""))
        } catch {
            throw ValidationError("\(error)")
        }
    }
}

extension CacheCommand {
    /// "7 days", "12 hours", "90 s": an --older-than as it reads.
    static func age(_ seconds: Double) -> String {
        if seconds >= 86_400 { return String(format: "%g day%@", seconds / 86_400, seconds == 86_400 ? "" : "s") }
        if seconds >= 3_600 { return String(format: "%g hour%@", seconds / 3_600, seconds == 3_600 ? "" : "s") }
        return String(format: "%g s", seconds)
    }

    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        if bytes < 1024 * 1024 { return String(format: "%.1f KiB", Double(bytes) / 1024) }
        return String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }
}
