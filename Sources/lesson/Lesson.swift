import NeuralEngine
import ArgumentParser
import Experiments
import Foundation
import LessonReport
import LessonRunner

@main
struct Lesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Run the experiments in deep-learning lessons written in Markdown, and render or check them.",
        discussion: """
        Lessons are Markdown files with fenced blocks whose info string is `experiment <kind>` and whose \
        body is YAML. `lesson kinds` lists the kinds and their keys.
        """,
        version: VersionReport.text,
        subcommands: [Render.self, Check.self, Preview.self, Kinds.self],
        defaultSubcommand: nil
    )

    static func main() {
        // May re-execute the program with OpenBLAS's kernel for this processor.
        BLASKernelSelection.selectAtStartup()
        main(nil)
    }
}

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

    @Flag(name: .customLong("strict-timing"), help: "Fail an expectation over timings that stayed noisy after re-measuring (by default it is a warning naming the spread).")
    var strictTiming = false

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
        var executor = Executor(cache: noCache ? nil : ResultCache(directory: cacheDirectory), force: force,
                                observer: progress)
        executor.strictTiming = strictTiming
        let pipeline = Pipeline(executor: executor)
        let lessons = files.map { pipeline.run(path: $0) }
        progress.finish()
        return lessons
    }
}

enum Terminal {
    static let stderrIsTerminal = isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    static var useColor: Bool { stderrIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func report(_ lessons: [ExecutedLesson], format: DiagnosticFormat?) {
        let format = format ?? (ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" ? .github : .text)
        for lesson in lessons {
            for diagnostic in lesson.allDiagnostics {
                printError(diagnostic.formatted(color: useColor))
                if format == .github {
                    // Workflow commands go to stdout, where the runner reads them.
                    print(diagnostic.githubAnnotation)
                }
            }
        }
    }
}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the lessons and write one HTML page per lesson plus index.html.",
        discussion: "Pages are standalone and work offline. Exit status: 0 when every block passed, 1 otherwise (pages are written either way), 64 for bad usage.")

    @OptionGroup var options: RunOptions

    @Option(name: [.customLong("out"), .customShort("o")], help: "Folder to write the pages to.")
    var out: String = "output"

    @Flag(name: .customLong("unsafe-html"), help: "Pass raw HTML in lessons through to the pages (dropped by default).")
    var unsafeHTML = false

    func validate() throws {
        if out.isEmpty { throw ValidationError("--out must not be empty") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ValidationError("--out '\(out)' is a file; give a folder")
        }
    }

    func run() throws {
        let lessons = try options.runAll()
        Terminal.report(lessons, format: options.format)
        let writer = ReportWriter(outputDirectory: out, options: RenderOptions(allowRawHTML: unsafeHTML))
        do {
            for warning in try writer.write(lessons) { Terminal.printError("warning: \(warning)") }
        } catch {
            Terminal.printError("error: \(error)")
            throw ExitCode(1)
        }
        let summary = CheckSummary(lessons)
        print("rendered \(lessons.count) lesson\(lessons.count == 1 ? "" : "s") into \(out)/ (\(summary.passedBlocks) of \(summary.blocks) blocks passed)")
        if !summary.passed { throw ExitCode(1) }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the lessons and report every problem; write no pages.",
        discussion: "Problems print as 'path:line:col: error: message'. Exit status: 0 when every block and expectation passed, 1 when any failed, 64 for bad usage.")

    @OptionGroup var options: RunOptions

    func run() throws {
        let lessons = try options.runAll()
        Terminal.report(lessons, format: options.format)
        let summary = CheckSummary(lessons)
        print(summary.detailLine)
        print(summary.line)
        if !summary.passed { throw ExitCode(1) }
    }
}

struct Kinds: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List every experiment kind with its keys, types, defaults and ranges.")

    @Argument(help: "Show only these kinds.")
    var names: [String] = []

    func validate() throws {
        let known = KindRegistry.all.map(\.name)
        for name in names where !known.contains(name) {
            throw ValidationError("unknown kind '\(name)'" + Suggestion.didYouMean(name, in: known) + " (kinds: \(known.joined(separator: ", ")))")
        }
    }

    func run() {
        print(KindReference.text(for: KindRegistry.all.filter { names.isEmpty || names.contains($0.name) }))
    }
}

enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    case text, github
}
