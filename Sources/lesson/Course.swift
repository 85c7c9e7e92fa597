import Foundation
import LessonResults
import LessonRunner

/// The course the command runs in: `course.yml` in the current folder or the
/// nearest parent (``CourseSettings``), read once.
enum Course {
    /// The settings file as read: its path, its settings as far as they
    /// could be read and its problems (``CourseSettings/read(path:)``); nil
    /// outside a course. The commands that run lessons tell these problems
    /// with those of the paths it names (``RunOptions/checkPaths()``).
    static let found: (path: String, settings: CourseSettings?, problems: [Diagnostic])? = {
        guard let path = CourseSettings.find() else { return nil }
        let (settings, problems) = CourseSettings.read(path: path)
        return (path, settings, problems)
    }()

    /// Nil outside a course. A settings file with problems prints each at its
    /// line and ends the program with status 64, before any lesson runs: a
    /// misspelt setting must not run the course with a default instead.
    /// Its warnings are printed by the commands that run lessons
    /// (``RunOptions/runAll(ci:command:onlyBlocks:output:)``), in their
    /// `--format`, and count for `--warnings-as-errors`.
    static let settings: CourseSettings? = {
        guard let found else { return nil }
        if found.problems.isEmpty { return found.settings }
        Terminal.report(found.problems, format: nil)
        Terminal.printError("error: " + problemsLine(found.problems.count))
        exit(64)
    }()

    /// "course.yml has 2 problems; nothing was run".
    static func problemsLine(_ count: Int) -> String {
        "\(found?.path ?? CourseSettings.fileName) has \(count) problem\(count == 1 ? "" : "s"); nothing was run"
    }
}
