import Foundation
import LessonMarkdown
import LessonSupport
import LessonResults

extension CourseSettings {
    /// Where `lessons:` entry `index` is written; the top of the file when
    /// the list is the default.
    func lessonLocation(_ index: Int) -> SourceLocation {
        index < lessonLocations.count ? lessonLocations[index] : SourceLocation(path: path, line: 1, column: 1)
    }

    /// " (the default, as course.yml names no lessons)" when there is no
    /// `lessons:` list, so an error about the entry does not say the file names it.
    private var defaultNote: String {
        lessonLocations.isEmpty ? " (the default, as \(Self.fileName) names no lessons)" : ""
    }

    /// What is wrong with the `lessons:` entries, found before anything runs.
    public struct EntryProblems: Sendable {
        /// An error at each entry that names no file or folder, or a file
        /// that is not a lesson, in the order of the lines of `course.yml`.
        public var diagnostics: [Diagnostic]
        /// The sentence that ends the list: what the course names, and that
        /// nothing was run.
        public var conclusion: String
    }

    /// The problems of the `lessons:` entries (``missingLessons()`` and
    /// ``entriesThatAreNotLessons()`` together, in line order), or nil when
    /// every entry is a lesson or a folder of lessons.
    public func entryProblems() -> EntryProblems? {
        let missing = missingLessons()
        let notLessons = entriesThatAreNotLessons()
        if missing.isEmpty && notLessons.isEmpty { return nil }
        let diagnostics = (missing + notLessons).sorted {
            ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0)
        }
        if lessonLocations.isEmpty {
            return EntryProblems(diagnostics: diagnostics,
                                 conclusion: "\(path) names no lessons, and the default, 'lessons', is not a folder of lessons; nothing was run")
        }
        var faults: [String] = []
        if !missing.isEmpty {
            faults.append("\(missing.count == 1 ? "a lesson" : "lessons") that do\(missing.count == 1 ? "es" : "") not exist")
        }
        if !notLessons.isEmpty {
            faults.append("\(notLessons.count == 1 ? "a file that is" : "files that are") not \(notLessons.count == 1 ? "a lesson" : "lessons")")
        }
        return EntryProblems(diagnostics: diagnostics, conclusion: "\(path) names \(faults.joined(separator: " and ")); nothing was run")
    }

    /// An error for each `lessons:` entry that names no file or folder, at
    /// the entry in `course.yml`, with the closest name found where it
    /// points. Checked when the course's lessons run, not when the file is
    /// read: `lesson new` may be about to make the folder. A link that leads
    /// nowhere is named for what it is; one whose name ends in .md is left
    /// to loading, which says why it fails, as for a lesson in a folder.
    public func missingLessons() -> [Diagnostic] {
        let fm = FileManager.default
        return lessons.indices.compactMap { index in
            let entry = lessons[index]
            let resolved = resolve(entry)
            if fm.fileExists(atPath: resolved) { return nil }
            let message: String
            if let target = try? fm.destinationOfSymbolicLink(atPath: resolved) {
                if LessonDiscovery.isLessonName(entry) { return nil }
                message = "'\(entry)'\(defaultNote) is a symbolic link that leads nowhere (it links to '\(target)'); "
                    + "link it to a folder of lessons, or write the folder's path here"
            } else {
                message = "no lesson file or folder '\(entry)'\(defaultNote)" + suggestion(for: entry)
            }
            return Diagnostic(.courseSettings, message, at: lessonLocation(index),
                              notes: [.init("'lessons' lists lesson files (.md) and folders of lessons, relative to \(Self.fileName), in teaching order")])
        }
    }

    /// An error for each `lessons:` entry that names a file that is not a
    /// lesson (its name does not end in .md), at the entry in `course.yml`:
    /// it would be read as a lesson and rendered as a page, while a folder's
    /// search skips it. Checked with ``missingLessons()``, before anything runs.
    public func entriesThatAreNotLessons() -> [Diagnostic] {
        let fm = FileManager.default
        return lessons.indices.compactMap { index in
            let entry = lessons[index]
            let resolved = resolve(entry)
            var isFolder: ObjCBool = false
            // A link that leads nowhere is told by missingLessons() or by loading.
            let exists = fm.fileExists(atPath: resolved, isDirectory: &isFolder)
            guard exists, !isFolder.boolValue, !LessonDiscovery.isLessonName(entry) else { return nil }
            return Diagnostic(.courseSettings, "'\(entry)'\(defaultNote) is not a lesson: a lesson is a Markdown file whose name ends in .md" + advice(forNotALesson: entry),
                              at: lessonLocation(index),
                              notes: [.init("'lessons' lists lesson files (.md) and folders of lessons, relative to \(Self.fileName), in teaching order")])
        }
    }

    /// What to do about a `lessons:` entry that is not a lesson, said to
    /// the author of the course file.
    private func advice(forNotALesson entry: String) -> String {
        let name = (entry as NSString).lastPathComponent
        if lessonLocations.isEmpty {
            return "; write 'lessons:' in \(Self.fileName), listing lesson files and folders of lessons"
        }
        if name == Self.fileName {
            return "; this is a course's settings: list the lessons of that course, or its folder, instead"
        }
        if name.hasFileSuffix(".markdown") {
            let renamed = (entry as NSString).deletingPathExtension + ".md"
            return "; rename the file '\((renamed as NSString).lastPathComponent)' and write '\(renamed)' here"
        }
        return "; list lesson files and folders of lessons here, or remove this entry"
    }

    /// "; did you mean 'chapters/intro.md'?" for the first part of `entry`
    /// that does not exist, from the names in the folder above it.
    func suggestion(for entry: String) -> String {
        let fm = FileManager.default
        let parts = entry.slashSeparatedParts(keepingEmpty: true)
        var folder = ""
        for (i, part) in parts.enumerated() {
            let next = i == 0 ? part : folder + "/" + part
            if part.isEmpty || part == "." || part == ".." || fm.fileExists(atPath: resolve(next)) {
                folder = next
                continue
            }
            let above = i == 0 ? "." : folder.isEmpty ? "/" : folder
            let names = ((try? fm.contentsOfDirectory(atPath: resolve(above))) ?? []).filter { name in
                var isDirectory: ObjCBool = false
                let path = resolve(above + "/" + name)
                return !name.hasBytePrefix(".") && fm.fileExists(atPath: path, isDirectory: &isDirectory)
                    && (isDirectory.boolValue || name.hasFileSuffix(".md"))
            }
            guard let closest = Suggestion.closest(to: part, in: names.sorted()) else { return "" }
            let fixed = ([i == 0 ? closest : folder + "/" + closest] + parts[(i + 1)...]).joined(separator: "/")
            return "; did you mean '\(fixed)'?"
        }
        return ""
    }
}
