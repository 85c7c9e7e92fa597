import Foundation
import LessonMarkdown
import LessonRunner
import LessonResults
import LessonSupport

enum Terminal {
    static let stderrIsTerminal = isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    static var useColor: Bool { stderrIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    /// Prints a line (or lines) on stderr; no line may start a workflow
    /// command (``TerminalText``).
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((TerminalText.neutralizingCommands(text) + "\n").utf8))
    }

    static func report(_ lessons: [ExecutedLesson], format: DiagnosticFormat?) {
        report(lessons.flatMap(\.allDiagnostics), format: format)
    }

    /// Prints diagnostics on stderr and, for `--format github` (or on GitHub
    /// Actions), as workflow commands on stdout.
    static func report(_ diagnostics: [Diagnostic], format: DiagnosticFormat?) {
        let format = format ?? (ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" ? .github : .text)
        for diagnostic in diagnostics {
            printError(plain(diagnostic).formatted(color: useColor))
            if format == .github {
                // Workflow commands go to stdout, where the runner reads them.
                print(plain(diagnostic).githubAnnotation)
            }
        }
    }

    /// The diagnostic with lesson text kept on its line: control characters
    /// in its message, notes and path escaped (the lines between message and
    /// notes are the annotation's own, which it encodes as `%0A`).
    static func plain(_ diagnostic: Diagnostic) -> Diagnostic {
        var out = diagnostic
        out.message = TerminalText.escaped(out.message)
        out.notes = out.notes.map { Diagnostic.Note(TerminalText.escaped($0.message), location: $0.location.map(plain)) }
        out.location = out.location.map(plain)
        return out
    }

    static func plain(_ location: SourceLocation) -> SourceLocation {
        var out = location
        out.path = TerminalText.escaped(out.path)
        return out
    }
}
