import ArgumentParser
import FileWatcher
import Foundation
import LessonReport
import LessonRunner
import LessonSupport

struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the rendered lessons on localhost and re-render whenever a lesson file is saved.",
        discussion: "Open the printed URL; the page reloads itself after each re-render. Unchanged blocks come from the cache, so a save re-runs only what changed. Stop with Ctrl-C.")

    @OptionGroup var options: RunOptions

    @Option(parsing: .unconditional, help: "Port on 127.0.0.1 (0 picks a free one).",
            transform: { try OptionNumber.whole($0, option: "--port", range: 0...65_535) })
    var port: Int = 8000

    @Option(name: [.customLong("out"), .customShort("o")], help: "Folder for the preview pages. Default: .lesson-preview (in the course's folder, in a course).")
    var outOption: String?

    var out: String { outOption?.userPath ?? Course.settings.map { $0.resolve(".lesson-preview") } ?? ".lesson-preview" }
    /// Where `out` was named, for messages about it (the course does not set the preview's).
    var outSetting: String { "--out" }

    @Flag(name: .customLong("unsafe-html"), help: "Pass raw HTML in lessons through to the pages.")
    var unsafeHTML = false

    @Option(parsing: .unconditional, help: .hidden,
            transform: { try OptionNumber.seconds($0, option: "--stop-after", range: 0...1e6) })
    var stopAfter: Double?

    func validate() throws {
        if outOption?.isEmpty == true { throw ValidationError("--out must not be empty") }
    }

    func run() throws {
        // Before anything is written (cache entries, formulas, pages): an
        // interrupt at any moment removes the files being written.
        TemporaryFiles.installSignalHandlers()
        try options.checkPaths()
        try RunOptions.prepareOutput(out, setting: outSetting)
        let writer = ReportWriter(outputDirectory: out, options: RenderOptions(allowRawHTML: unsafeHTML, courseTitle: Course.settings?.title))
        // Taken before each render, so a save during a render is not lost.
        let watcher = FileWatcher(files: discoveredLessons())
        func renderAll() {
            do {
                let run = try options.runAll(command: "preview", output: (out, outSetting))
                let lessons = run.lessons
                Terminal.report(lessons, format: options.format)
                Terminal.report(try writer.write(lessons), format: options.format)
                Terminal.printError(run.summary.renderedLine(into: out))
                watcher.watch(Array(Set(discoveredLessons() + lessons.flatMap(\.filesRead))))
            } catch let refused as ReportWriter.RefusedOutputs {
                Terminal.report(refused.warnings + refused.errors, format: options.format)
            } catch is ExitCode {
                // Said already, in one line (UsageProblem); the preview waits for the next save.
            } catch {
                Terminal.printError("error: \(error)")
            }
        }
        // Listen first: the URL answers at once, with a page that says the
        // lessons are rendering and reloads when the first render is done.
        let server = PreviewServer(root: out)
        server.isRendering = true
        do {
            try server.start(port: UInt16(port))
        } catch {
            Terminal.printError("error: \(error)")
            throw ExitCode(1)
        }
        Terminal.printError("previewing at http://127.0.0.1:\(server.port)/ — edit a lesson and the page reloads (Ctrl-C to stop)")
        renderAll()
        server.version += 1
        server.isRendering = false
        let start = Date()
        while stopAfter.map({ Date().timeIntervalSince(start) < $0 }) ?? true {
            Thread.sleep(forTimeInterval: 0.3)
            // A lesson added to a watched folder is a change too.
            let lessons = discoveredLessons()
            let added = Set(lessons).subtracting(watcher.files)
            watcher.watch(watcher.files + Array(added))
            if !watcher.changes().isEmpty || !added.isEmpty {
                renderAll()
                server.version += 1
            }
        }
        server.stop()
    }

    private func discoveredLessons() -> [String] {
        (try? LessonDiscovery.lessons(in: options.lessonPaths)) ?? []
    }
}
