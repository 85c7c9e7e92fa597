import ArgumentParser
import Experiments
import LessonRunner
import LessonResults
import LessonSupport

struct NewLesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new lesson that passes `lesson check` at once: a title, a paragraph, one block and an inline value.",
        discussion: "NAME alone writes NAME.md (spaces and punctuation made '-': `lesson new \"Dropout intro\"` writes Dropout-intro.md, titled 'Dropout intro') into the course's first lesson folder (the first folder its course.yml's 'lessons:' names, found from any folder of the course), else into lessons/ of the current folder; a NAME with a folder or ending in .md is a path from the current folder. An existing file is never replaced.")

    @Argument(help: "The lesson's name (NAME.md in the course's lesson folder, else lessons/NAME.md) or path.")
    var name: String

    @Option(help: "The kind of the block (see `lesson kinds`).")
    var kind: String = "softmax"

    func validate() throws {
        if name.isEmpty || name.hasByteSuffix("/") { throw ValidationError("give the lesson a name, e.g. `lesson new attention`") }
        let known = KindRegistry.all.map(\.name)
        if KindRegistry.kind(named: kind) == nil {
            throw ValidationError("unknown kind '\(kind)'" + Suggestion.didYouMean(kind, in: known) + " (kinds: \(known.joined(separator: ", ")))")
        }
    }

    func run() throws {
        guard let kind = KindRegistry.kind(named: kind) else { return }
        do {
            let course = Course.settings
            let path = try LessonScaffold.write(name: name, kind: kind, folder: course.map(LessonScaffold.folder) ?? "lessons")
            let argument = Self.shellWord(path)
            print("wrote \(path); `lesson check \(argument)` runs it, `lesson preview \(argument)` shows it")
            if !LessonScaffold.isPath(name), LessonScaffold.fileStem(for: name) != name {
                print("note: the file is named '\(LessonScaffold.fileStem(for: name)).md', not '\(name).md': a name without spaces or punctuation is one word in a shell and a plain link in the pages (its title is '\(LessonScaffold.title(for: name + ".md"))'); give a path ending in .md to choose the file name yourself")
            }
            if let course, CourseOrder(course).position(of: path) == nil {
                // A course that lists its files runs only those: say so rather than leave the lesson out silently.
                print("note: \(course.path) does not list it, so `lesson check` and `lesson render` without paths leave it out; add it to 'lessons:' there")
            }
        } catch let problem as LessonScaffold.Problem {
            // Not a ValidationError: the command was used right, and its usage line would not help.
            Terminal.printError("error: \(problem.description)")
            throw ExitCode(64)
        }
    }

    /// The path as the shell must be given it for the commands printed to be
    /// pasted as they are (`lessons/a b.md` → `'lessons/a b.md'`).
    static func shellWord(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._/-+,@%".unicodeScalars.contains($0)
        }
        return plain ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
