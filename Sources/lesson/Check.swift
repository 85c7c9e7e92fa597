import ArgumentParser
import LessonRunner
import LessonSupport

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the lessons and report every problem; write no pages.",
        discussion: "Problems print as 'path:line:col: error: message'. Exit status: 0 when every block and expectation passed, 1 when any failed, 64 for bad usage.")

    @OptionGroup var options: RunOptions
    @OptionGroup var ci: CIOptions

    @Option(name: .customLong("block"), help: ArgumentHelp("Run only the block with this id (repeat for several): what each page shows to re-run one block, say after changing its YAML. The blocks its expectations read run with it; values and cross-references read from the other blocks are not checked.", valueName: "id"))
    var blocks: [String] = []

    func validate() throws {
        if blocks.contains("") { throw ValidationError("--block must name a block id") }
    }

    func run() throws {
        // Before anything is written (cache entries, formulas, pages): an
        // interrupt at any moment removes the files being written.
        TemporaryFiles.installSignalHandlers()
        let run = try options.runAll(ci: ci, command: "check", onlyBlocks: blocks)
        let lessons = run.lessons
        Terminal.report(lessons, format: options.format)
        let summary = run.summary
        FailureList.print(lessons, reseed: options.reseed)
        print(summary.detailLine)
        print(summary.line)
        RunEnd.exit(passed: options.passed(run), keeping: lessons)
    }
}
