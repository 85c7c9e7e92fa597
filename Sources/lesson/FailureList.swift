import LessonRunner
import LessonResults

/// The closing list of failed expectations that `check` and `render` print
/// before their totals: the diagnostics above it can run to hundreds of
/// lines, and after `--reseed` this list is the answer an author looks for.
enum FailureList {
    static func print(_ lessons: [ExecutedLesson], reseed: UInt64) {
        let failures = FailedExpectation.all(in: lessons)
        let moved = reseed == 0 ? "" : " with every seed moved by \(reseed) (--reseed)"
        guard !failures.isEmpty else {
            if reseed != 0 { Swift.print("every expectation held\(moved)") }
            return
        }
        let count = failures.count
        Swift.print("\(count) expectation\(count == 1 ? "" : "s") failed\(moved):")
        for failure in failures { Swift.print("  " + failure.line) }
    }
}
