import Foundation
import LessonRunner

/// The course the command runs in: `course.yml` in the current folder or the
/// nearest parent (``CourseSettings``), read once.
enum Course {
    /// Nil outside a course. A settings file with problems prints each at its
    /// line and ends the program with status 64, before any lesson runs: a
    /// misspelt setting must not run the course with a default instead.
    /// Its warnings are printed by the commands that run lessons
    /// (``RunOptions/runAll(ci:command:onlyBlocks:output:)``), in their
    /// `--format`, and count for `--warnings-as-errors`.
    static let settings: CourseSettings? = {
        guard let path = CourseSettings.find() else { return nil }
        let (settings, problems) = CourseSettings.load(path: path)
        if let settings { return settings }
        Terminal.report(problems, format: nil)
        Terminal.printError("error: \(path) has \(problems.count) problem\(problems.count == 1 ? "" : "s"); nothing was run")
        exit(64)
    }()
}
