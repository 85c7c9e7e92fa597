import LessonMarkdown
import LessonResults

/// The front matter's problems as diagnostics: a malformed line is an error,
/// an unknown key a warning (it might be meant for another tool).
enum FrontMatterCheck {
    static func diagnostics(for lesson: Lesson) -> [Diagnostic] {
        (lesson.frontMatter?.problems ?? []).map {
            Diagnostic(.frontMatter, $0.message, at: $0.location, severity: $0.isError ? .error : .warning)
        }
    }
}
