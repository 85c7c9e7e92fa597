import ArgumentParser
import Foundation
import LessonRunner
import MathTypesetting

/// Options shared by the commands that run lessons.
struct RunOptions: ParsableArguments {
    @Argument(help: "Lesson files or folders of lessons.")
    var paths: [String] = ["lessons"]

    @Option(name: .customLong("cache-dir"), help: "Where results are cached between runs.")
    var cacheDirectory: String = ".lesson-cache"

    @Flag(help: "Run every block again, ignoring cached results.")
    var force = false

    @Flag(name: .customLong("no-cache"), help: "Neither read nor write cached results.")
    var noCache = false

    @Option(help: "How problems are printed: 'text' (file:line:col: error: …), or 'github' (workflow annotations as well). Default: github when GITHUB_ACTIONS is set, else text.")
    var format: DiagnosticFormat?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one lesson file or folder") }
        // A symbolic link that leads nowhere passes here; loading it says why it fails.
        for path in paths where !FileManager.default.fileExists(atPath: path)
            && (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) == nil {
            throw ValidationError("no such lesson file or folder: '\(path)'")
        }
        if cacheDirectory.isEmpty { throw ValidationError("--cache-dir must not be empty") }
    }

    func runAll() throws -> [ExecutedLesson] {
        let files = try LessonDiscovery.lessons(in: paths)
        if files.isEmpty {
            // A mistyped folder in CI must not pass as "0 of 0 failed".
            throw ValidationError("no lessons found in \(paths.map { "'\($0)'" }.joined(separator: ", ")): a lesson is a .md file (README.md files are skipped)")
        }
        let progress = ProgressPrinter()
        let executor = Executor(cache: noCache ? nil : ResultCache(directory: cacheDirectory), force: force,
                                observer: progress)
        // Typeset formulas are cached even with --force: KaTeX is deterministic.
        let pipeline = Pipeline(executor: executor,
                                typesetter: MathTypesetter(cacheDirectory: noCache ? nil : cacheDirectory))
        let lessons = files.map { pipeline.run(path: $0) }
        progress.finish()
        return lessons
    }
}
