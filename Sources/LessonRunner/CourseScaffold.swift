import Experiments
import Foundation
import LessonSupport

/// What `lesson init DIR` writes: a course of one's own that checks and
/// renders at once — `course.yml`, a first lesson, a `.gitignore`, and
/// GitHub workflows whose shell steps are scripts in `ci/` (so they can be
/// run, and tested, outside GitHub).
public enum CourseScaffold {
    public struct File: Sendable, Equatable {
        public var path: String
        public var text: String
        public var executable: Bool
    }

    /// The files, paths relative to the course's folder.
    public static func files(title: String) throws -> [File] {
        guard let softmax = KindRegistry.kind(named: "softmax") else { throw LessonScaffold.Problem(description: "the softmax kind is missing") }
        let lesson = "---\norder: 10\n---\n\n" + (try LessonScaffold.text(title: "A first lesson", kind: softmax))
        return [
            File(path: CourseSettings.fileName, text: settings(title: title), executable: false),
            File(path: "lessons/first-lesson.md", text: lesson, executable: false),
            File(path: "data/README.md", text: dataReadme, executable: false),
            File(path: ".gitignore", text: gitignore, executable: false),
            File(path: "ci/install-lesson.sh", text: CourseWorkflows.install, executable: true),
            File(path: "ci/check.sh", text: CourseWorkflows.check, executable: true),
            File(path: "ci/render.sh", text: CourseWorkflows.render, executable: true),
            File(path: ".github/workflows/check.yml", text: CourseWorkflows.checkWorkflow, executable: false),
            File(path: ".github/workflows/publish.yml", text: CourseWorkflows.publishWorkflow, executable: false),
        ]
    }

    /// "intro-to-dl" → "Intro to dl".
    public static func title(forFolder folder: String) -> String {
        LessonScaffold.title(for: (folder as NSString).lastPathComponent)
    }

    /// Writes the course into `directory` (made if missing). Refuses, writing
    /// nothing, when the folder already holds any of the files.
    /// - Returns: the paths written, relative to `directory`.
    public static func write(into directory: String) throws -> [String] {
        let files = try files(title: title(forFolder: URL(fileURLWithPath: directory).standardizedFileURL.path))
        let fm = FileManager.default
        let present = files.map(\.path).filter { path in
            let full = (directory as NSString).appendingPathComponent(path)
            return fm.fileExists(atPath: full) || (try? fm.destinationOfSymbolicLink(atPath: full)) != nil
        }
        if !present.isEmpty {
            throw LessonScaffold.Problem(description: "'\(directory)' already has \(present.map { "'\($0)'" }.joined(separator: ", ")); nothing was written (choose an empty or new folder)")
        }
        for file in files {
            let full = (directory as NSString).appendingPathComponent(file.path)
            do {
                try AtomicFile.createDirectory((full as NSString).deletingLastPathComponent)
                try AtomicFile.write(file.text, to: full)
                if file.executable { try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: full) }
            } catch {
                throw LessonScaffold.Problem(description: "cannot write '\(full)': \(error)")
            }
        }
        return files.map(\.path)
    }

    static func settings(title: String) -> String {
        // A title that YAML would read as something else is quoted.
        let quoted = "\"" + title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        return """
        # The settings of this course. `lesson render`, `check` and `preview` read
        # them from this folder or any folder below it; options on the command
        # line override them. Paths are relative to this file.

        # The heading of the index page.
        title: \(quoted)

        # Lesson files and folders, in teaching order: the index, previous/next
        # and search follow this list (e.g. [intro.md, chapters/basics, lessons]);
        # a lesson's `order:` in its front matter places it within its folder.
        # `lesson new NAME` writes into the first folder listed.
        lessons: [lessons]

        # Folders of data files the lessons share, searched after each lesson's
        # own folder. The digits data set is built in: `data: digits` needs no file.
        data: [data]

        # The language of lessons without `lang:` in their front matter (en, vi, …).
        language: en

        # Where `lesson render` writes the pages: the site the publish workflow puts
        # on GitHub Pages.
        output: site

        # Cached results: unchanged blocks are not run again. CI keeps it between runs.
        cache: .lesson-cache

        # Strictness: true makes any warning fail `lesson check`, and makes timings
        # that stayed noisy fail instead of warn.
        warnings_as_errors: false
        strict_timing: false

        """
    }

    static let dataReadme = """
    # Shared data

    Data files every lesson of the course may name in a block's `file:` key: a
    lesson looks next to itself, then in its own `data/` folder, then here
    (`data:` in course.yml). The UCI hand-written digits are built into `lesson`,
    so `data: digits` needs no file here.

    """

    static let gitignore = """
    # Made by lesson: the pages, the preview, cached results, JUnit reports.
    /site/
    /.lesson-preview/
    /.lesson-cache/
    /junit-*.xml

    """
}
