import LessonResults
import LessonRunner

/// What ``RunOptions/runAll(ci:command:onlyBlocks:output:)`` ran: the
/// lessons, and what the run found outside them.
struct LessonRun {
    var lessons: [ExecutedLesson]
    /// The problems of the run outside its lessons, in the order printed: the
    /// course's warnings, then the search's — links it skipped and paths it
    /// could not resolve (warnings), places it could not read (nested past
    /// the path limit, a folder it may not list, a name that is not UTF-8:
    /// errors, which fail the run).
    ///
    /// One list, with the lessons' own diagnostics, for everything that reads
    /// the run's problems — the summary (``summary``), `--warnings-as-errors`
    /// (``warnings``) and the printed formats — so that a problem found in a
    /// new place is counted by all of them or by none.
    var outsideLessons: [Diagnostic] = []

    /// Every warning of the run, wherever it was found: a warning outside
    /// the lessons counts as a lesson's own does, since the lessons behind a
    /// skipped link were not run.
    var warnings: [Diagnostic] {
        (outsideLessons + lessons.flatMap(\.allDiagnostics)).filter { $0.severity == .warning }
    }

    /// The counts every command prints, the errors outside the lessons among them.
    var summary: CheckSummary {
        CheckSummary(lessons, unread: outsideLessons.filter { $0.severity == .error }.count)
    }
}
