import ArgumentParser
import LessonReport
import NeuralEngine
import HostMachine

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
        subcommands: [Render.self, Check.self, Preview.self, InitCourse.self, Kinds.self, Explain.self, NewLesson.self, CacheCommand.self],
        defaultSubcommand: nil
    )

    static func main() {
        // May re-execute the program with OpenBLAS's kernel for this processor.
        BLASKernelSelection.selectAtStartup()
        BLAS.useOneThreadAndStopWorkers()
        main(nil)
    }
}
