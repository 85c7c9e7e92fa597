import Foundation
import LessonRunner
import LessonResults

/// How `render` and `check` end once their work is done.
enum RunEnd {
    /// Exits — status 0 when `passed`, else 1 — without freeing `lessons`
    /// (`exit` flushes what `print` buffered).
    /// They hold every table, chart and value of every block (and, with
    /// `seeds:`, every seed's values): freeing that object by object took a
    /// tenth of a warm `lesson render` of the shipped lessons, and the system
    /// takes the whole memory back at exit anyway.
    static func exit(passed: Bool, keeping lessons: [ExecutedLesson]) -> Never {
        withExtendedLifetime(lessons) {
            Foundation.exit(passed ? 0 : 1)
        }
    }
}
