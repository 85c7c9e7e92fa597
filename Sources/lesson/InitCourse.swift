import ArgumentParser
import LessonRunner

/// `lesson init DIR`: a course of one's own (``CourseScaffold``).
struct InitCourse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a course: course.yml, a first lesson, a .gitignore and GitHub workflows that check the lessons and publish the pages.",
        discussion: "DIR is made if missing. Nothing is written when DIR already holds one of the files. Then: cd DIR && lesson check && lesson render.")

    @Argument(help: "The course's folder.")
    var directory: String

    func validate() throws {
        if directory.isEmpty { throw ValidationError("give the course a folder, e.g. `lesson init my-course`") }
    }

    func run() throws {
        do {
            let written = try CourseScaffold.write(into: directory)
            print("wrote \(written.count) files into \(directory)/: \(written.joined(separator: ", "))")
            let folder = NewLesson.shellWord(directory)
            print("next: cd \(folder) && lesson check && lesson render   (the pages go to site/; `lesson preview` shows them as you write)")
        } catch let problem as LessonScaffold.Problem {
            Terminal.printError("error: \(problem.description)")
            throw ExitCode(64)
        }
    }
}
