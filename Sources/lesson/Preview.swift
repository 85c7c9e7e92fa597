import ArgumentParser
import Foundation
import LessonReport
import LessonRunner

struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the rendered lessons on localhost and re-render whenever a lesson file is saved.",
        discussion: "Open the printed URL; the page reloads itself after each re-render. Unchanged blocks come from the cache, so a save re-runs only what changed. Stop with Ctrl-C.")

    @OptionGroup var options: RunOptions

    @Option(help: "Port on 127.0.0.1 (0 picks a free one).")
    var port: Int = 8000

    @Option(name: [.customLong("out"), .customShort("o")], help: "Folder for the preview pages.")
    var out: String = ".lesson-preview"

    @Flag(name: .customLong("unsafe-html"), help: "Pass raw HTML in lessons through to the pages.")
    var unsafeHTML = false

    @Option(help: .hidden)
    var stopAfter: Double?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0…65535, found \(port)") }
        if out.isEmpty { throw ValidationError("--out must not be empty") }
    }

    func run() throws {
        try options.checkPaths()
        let writer = ReportWriter(outputDirectory: out, options: RenderOptions(allowRawHTML: unsafeHTML))
        func renderAll() {
            do {
                let lessons = try options.runAll()
                Terminal.report(lessons, format: .text)
                try writer.write(lessons)
                let summary = CheckSummary(lessons)
                Terminal.printError(summary.line)
            } catch {
                Terminal.printError("error: \(error)")
            }
        }
        renderAll()
        let server = PreviewServer(root: out)
        do {
            try server.start(port: UInt16(port))
        } catch {
            Terminal.printError("error: \(error)")
            throw ExitCode(1)
        }
        Terminal.printError("previewing at http://127.0.0.1:\(server.port)/ — edit a lesson and the page reloads (Ctrl-C to stop)")
        var stamps = modificationStamps()
        let start = Date()
        while stopAfter.map({ Date().timeIntervalSince(start) < $0 }) ?? true {
            Thread.sleep(forTimeInterval: 0.3)
            let now = modificationStamps()
            if now != stamps {
                stamps = now
                renderAll()
                server.version += 1
            }
        }
        server.stop()
    }

    /// The modification times of every lesson and of the files in each lesson
    /// folder's `data/` (blocks read them, and their bytes are part of the
    /// cache key), to notice saves.
    private func modificationStamps() -> [String: Date] {
        var stamps: [String: Date] = [:]
        let fm = FileManager.default
        let lessons = (try? LessonDiscovery.lessons(in: options.paths)) ?? []
        let dataFolders = Set(lessons.map { (($0 as NSString).deletingLastPathComponent as NSString).appendingPathComponent("data") })
        let dataFiles = dataFolders.flatMap { folder in
            ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).map { (folder as NSString).appendingPathComponent($0) }
        }
        for file in lessons + dataFiles {
            stamps[file] = (try? fm.attributesOfItem(atPath: file)[.modificationDate]) as? Date
        }
        return stamps
    }
}
