import ArgumentParser
import Foundation
import LessonRunner
import LessonSupport

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

    var cacheDirectory: String { cacheOption?.userPath ?? Course.settings.map { $0.resolve($0.cache) } ?? ".lesson-cache" }

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
        print("runs recorded: \(stats.runs) (prune keeps what \(stats.keptRuns) of them used: \(CacheRun.keptText))")
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
        abstract: "Remove the entries no recent render, check or preview used, or those unused for longer than --older-than.",
        discussion: "Every run records the entries it used in the cache folder (runs/). Prune keeps what any of \(CacheRun.keptText) used, so rendering one lesson does not make the others' entries unused. Unusable entries (corrupt, or written by an older version) are always removed. See first with --dry-run, which names the run that last used each entry.")

    @OptionGroup var folder: CacheFolderOption

    @Option(name: .customLong("older-than"), parsing: .unconditional,
            help: ArgumentHelp("Remove entries not used for this long, whichever runs used them: 90s, 45m, 12h, 7d, 2w.", valueName: "age"),
            transform: { try CacheAge.seconds($0) })
    var olderThan: Double?

    @Flag(name: .customLong("dry-run"), help: "Remove nothing: list every entry, whether it would go or stay, its size, and the run that last used it.")
    var dryRun = false

    func run() throws {
        let directory = folder.cacheDirectory
        let cache = ResultCache(directory: directory)
        // A cache never used (or not made yet) is not a mistake: there is just nothing to do.
        guard FileManager.default.fileExists(atPath: directory), cache.stats().entries > 0 else {
            print("nothing to prune in \(directory)" + (FileManager.default.fileExists(atPath: directory) ? "" : " (it does not exist)"))
            return
        }
        let report: ResultCache.PruneReport
        do {
            report = try cache.prune(olderThan: olderThan, dryRun: dryRun)
        } catch {
            // Not a usage error: the command was right, the folder has no record yet.
            Terminal.printError("error: \(error)")
            throw ExitCode(1)
        }
        if dryRun {
            for entry in report.entries { print("remove  " + Self.line(entry) + (entry.unusable ? "  (unusable)" : "")) }
            for entry in report.kept { print("keep    " + Self.line(entry)) }
        }
        let count = "\(report.removed) of \(report.total) entr\(report.total == 1 ? "y" : "ies") (\(CacheCommand.size(report.bytes)))"
        let runs = report.keptRuns.count
        let why = olderThan.map { "not used for longer than \(CacheCommand.age($0))" }
            ?? "used by none of the \(runs) run\(runs == 1 ? "" : "s") kept (\(CacheRun.keptText))"
        print((dryRun ? "would remove " : "removed ") + count + ": " + why + (dryRun ? "; nothing was removed" : ""))
    }

    /// "<key>  1.2 KiB  last used by the run of 2026-12-06T15:02:11Z (lesson check, 3 lessons)".
    static func line(_ entry: ResultCache.PruneReport.Entry) -> String {
        let formatter = ISO8601DateFormatter()
        let use = entry.lastRun.map { "last used by the run of \(formatter.string(from: $0.time)) (\($0.description))" }
            ?? "last used \(formatter.string(from: entry.lastUsed)), by no recorded run"
        return "\(entry.key)  \(CacheCommand.size(entry.bytes))  \(use)"
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
