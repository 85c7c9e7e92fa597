import Foundation
import LessonRunner

enum Terminal {
    static let stderrIsTerminal = isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    static var useColor: Bool { stderrIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func report(_ lessons: [ExecutedLesson], format: DiagnosticFormat?) {
        report(lessons.flatMap(\.allDiagnostics), format: format)
    }

    /// Prints diagnostics on stderr and, for `--format github` (or on GitHub
    /// Actions), as workflow commands on stdout.
    static func report(_ diagnostics: [Diagnostic], format: DiagnosticFormat?) {
        let format = format ?? (ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" ? .github : .text)
        for diagnostic in diagnostics {
            printError(diagnostic.formatted(color: useColor))
            if format == .github {
                // Workflow commands go to stdout, where the runner reads them.
                print(diagnostic.githubAnnotation)
            }
        }
    }
}
