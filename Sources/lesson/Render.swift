import ArgumentParser
import LessonReport
import LessonRunner
import Foundation
import LessonSupport

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the lessons and write one HTML page per lesson plus index.html.",
        discussion: "Pages are standalone and work offline. Exit status: 0 when every block passed, 1 otherwise (pages are written either way), 64 for bad usage.")

    @OptionGroup var options: RunOptions
    @OptionGroup var ci: CIOptions

    @Option(name: [.customLong("out"), .customShort("o")], help: "Folder to write the pages to. Default: the course's output folder (course.yml), else output.")
    var outOption: String?

    /// The pages' folder: the option, else the course's, else `output`.
    var out: String { outOption?.userPath ?? Course.settings.map { $0.resolve($0.output) } ?? "output" }
    /// Where `out` was named, for messages about it.
    var outSetting: String { outOption == nil && Course.settings != nil ? "output: in \(Course.settings!.path)" : "--out" }

    @Flag(name: .customLong("unsafe-html"), help: "Pass raw HTML in lessons through to the pages (dropped by default).")
    var unsafeHTML = false

    @Flag(name: .customLong("pdf"), help: "Also print every lesson and the whole course to PDF in <out>/pdf/, with headless Chromium (apt-get install chromium).")
    var pdf = false

    @Option(name: .customLong("course-title"), help: "The course's name, in the printed pages' running header and on the course PDF's title page.")
    var courseTitle: String?

    func validate() throws {
        if outOption?.isEmpty == true { throw ValidationError("--out must not be empty") }
        if pdf, PDFPrinter.findChromium() == nil {
            throw ValidationError("--pdf prints with Chromium, which is not on PATH; install it with: apt-get install chromium")
        }
    }

    func run() throws {
        // Before anything is written (cache entries, formulas, pages): an
        // interrupt at any moment removes the files being written.
        TemporaryFiles.installSignalHandlers()
        try options.checkPaths()
        try RunOptions.prepareOutput(out, setting: outSetting)
        var run = try options.runAll(ci: ci, command: "render", output: (out, outSetting))
        let lessons = run.lessons
        Terminal.report(lessons, format: options.format)
        let renderOptions = RenderOptions(allowRawHTML: unsafeHTML, renderDate: RenderOptions.today(),
                                          courseTitle: courseTitle.flatMap { $0.isEmpty ? nil : $0 } ?? Course.settings?.title)
        let writer = ReportWriter(outputDirectory: out, options: renderOptions, jobs: options.jobs)
        do {
            // The pages' warnings are the run's, as the lessons' are: printed
            // in every format and counted by --warnings-as-errors.
            let warnings = try writer.write(lessons)
            Terminal.report(warnings, format: options.format)
            run.outsideLessons += warnings
            if pdf, let chromium = PDFPrinter.findChromium() {
                let (written, pdfWarnings) = try writer.writePDFs(lessons, printer: PDFPrinter(chromium: chromium))
                Terminal.report(pdfWarnings, format: options.format)
                run.outsideLessons += pdfWarnings
                print("printed \(written.count) PDF\(written.count == 1 ? "" : "s") into \(out)/pdf/ (one per lesson; course.pdf holds them all, with the contents)")
            }
        } catch let refused as ReportWriter.RefusedOutputs {
            Terminal.report(refused.warnings + refused.errors, format: options.format)
            throw ExitCode(1)
        } catch {
            Terminal.printError("error: \(error)")
            throw ExitCode(1)
        }
        FailureList.print(lessons, reseed: options.reseed)
        print(run.summary.renderedLine(into: out))
        RunEnd.exit(passed: options.passed(run), keeping: lessons)
    }
}
