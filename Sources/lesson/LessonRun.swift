import LessonResults

/// What ``RunOptions/runAll(ci:command:onlyBlocks:output:)`` ran: the
/// lessons, and how many places the search for them could not read (nested
/// past the path limit, a folder it may not list, a name that is not UTF-8), which are errors
/// there and fail the run.
struct LessonRun {
    var lessons: [ExecutedLesson]
    var unreadLessons: Int
    /// The search's warnings (links it skipped, paths it could not resolve):
    /// they count for `--warnings-as-errors` as a lesson's own do, since
    /// the lessons behind them were not run.
    var discoveryWarnings: [Diagnostic] = []
}
