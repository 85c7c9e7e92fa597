import ArgumentParser
import LessonRunner
import LessonSupport

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the lessons and report every problem; write no pages.",
        discussion: "Problems print as 'path:line:col: error: message'. Exit status: 0 when every block and expectation passed, 1 when any failed, 64 for bad usage.")

    @OptionGroup var options: RunOptions
    @OptionGroup var ci: CIOptions

    func run() throws {
        // Before anything is written (cache entries, formulas, pages): an
        // interrupt at any moment removes the files being written.
        TemporaryFiles.installSignalHandlers()
        let lessons = try options.runAll(ci: ci, command: "check")
        Terminal.report(lessons, format: options.format)
        let summary = CheckSummary(lessons)
        FailureList.print(lessons, reseed: options.reseed)
        print(summary.detailLine)
        print(summary.line)
        RunEnd.exit(passed: options.passed(lessons, summary: summary), keeping: lessons)
    }
}
