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
    @Option(name: .customLong("cache-dir"), help: "The cache folder.")
    var cacheDirectory: String = ".lesson-cache"

    func validate() throws {
        if cacheDirectory.isEmpty { throw ValidationError("--cache-dir must not be empty") }
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
        discussion: "Unusable entries (corrupt, or written by an older version) are always removed. After a run of one shard, the last run used only that shard's entries: prune with --older-than instead.")

    @OptionGroup var folder: CacheFolderOption

    @Option(name: .customLong("older-than"), help: ArgumentHelp("Remove entries not used for this long: 90s, 45m, 12h, 7d, 2w.", valueName: "age"),
            transform: { try CacheAge.seconds($0) })
    var olderThan: Double?

    func run() throws {
        guard FileManager.default.fileExists(atPath: folder.cacheDirectory) else {
            print("removed 0 entries: '\(folder.cacheDirectory)' does not exist")
            return
        }
        do {
            let (removed, bytes) = try ResultCache(directory: folder.cacheDirectory).prune(olderThan: olderThan)
            print("removed \(removed) entr\(removed == 1 ? "y" : "ies") (\(CacheCommand.size(bytes)))")
        } catch {
            throw ValidationError("\(error)")
        }
    }
}

extension CacheCommand {
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        if bytes < 1024 * 1024 { return String(format: "%.1f KiB", Double(bytes) / 1024) }
        return String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }
}
