import Foundation
import LessonSupport
import LessonResults

/// `--junit FILE`: the run as JUnit XML, the report every CI system reads.
///
/// One `<testsuite>` per lesson, one `<testcase>` per block (`classname` the
/// lesson path, `name` the block id) with a `<failure>` carrying the block's
/// located messages. Problems outside blocks (an unreadable file, an inline
/// value that cannot be computed) fail an extra test case named `lesson`, so
/// a lesson that cannot even be read never passes as zero tests.
public enum JUnitReport {
    /// The name of the test case that carries a lesson's problems outside blocks.
    public static let lessonCaseName = "lesson"

    public static func xml(_ lessons: [ExecutedLesson]) -> String {
        var suites = ""
        var totalTests = 0, totalFailures = 0
        var totalTime = 0.0
        for lesson in lessons {
            var cases = ""
            var tests = 0, failures = 0
            let path = lesson.lesson.path
            for block in lesson.blocks {
                tests += 1
                var body = ""
                if !block.passed {
                    failures += 1
                    body = failure(block.diagnostics.filter { $0.severity == .error }, all: block.diagnostics)
                }
                cases += "    <testcase classname=\"\(escape(path))\" name=\"\(escape(block.planned.id))\" "
                    + "time=\"\(seconds(block.seconds))\"\(body.isEmpty ? "/>\n" : ">\n\(body)    </testcase>\n")"
            }
            let lessonErrors = lesson.diagnostics.filter { $0.severity == .error }
            if !lessonErrors.isEmpty || lesson.blocks.isEmpty && !lesson.diagnostics.isEmpty {
                tests += 1
                let body = lessonErrors.isEmpty ? "" : failure(lessonErrors, all: lesson.diagnostics)
                if !body.isEmpty { failures += 1 }
                cases += "    <testcase classname=\"\(escape(path))\" name=\"\(lessonCaseName)\" time=\"0\""
                    + (body.isEmpty ? "/>\n" : ">\n\(body)    </testcase>\n")
            }
            totalTests += tests
            totalFailures += failures
            totalTime += lesson.seconds
            suites += "  <testsuite name=\"\(escape(path))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" "
                + "time=\"\(seconds(lesson.seconds))\">\n\(cases)  </testsuite>\n"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"lesson check\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"0\" "
            + "time=\"\(seconds(totalTime))\">\n\(suites)</testsuites>\n"
    }

    /// A `<failure>`: the first error as its message, every diagnostic (with
    /// its notes) as `path:line:col: error: …` lines in its text.
    static func failure(_ errors: [Diagnostic], all: [Diagnostic]) -> String {
        guard let first = errors.first else { return "" }
        let message = first.location.map { "\($0): \(first.message)" } ?? first.message
        let text = all.map { $0.formatted(color: false) }.joined(separator: "\n")
        // The first error's code: "expectation-failed", "unknown-key", "time-limit", …
        let type = first.code.name
        return "      <failure message=\"\(escape(message))\" type=\"\(type)\">\(escape(text))</failure>\n"
    }

    static func seconds(_ value: Double) -> String {
        String(format: "%.3f", value.isFinite ? max(0, value) : 0)
    }

    /// Text for an attribute or element; characters XML 1.0 cannot carry at
    /// all (most control characters) become U+FFFD (``MarkupEscape``, shared
    /// with the pages).
    static func escape(_ text: String) -> String {
        MarkupEscape.escape(text, for: .xml)
    }
}
