import LessonMarkdown

/// A lesson whose blocks have all been validated.
public struct Plan: Sendable {
    public var lesson: Lesson
    public var blocks: [PlannedBlock]
    /// Problems not tied to one block (duplicate ids, …).
    public var diagnostics: [Diagnostic]

    public init(lesson: Lesson, blocks: [PlannedBlock], diagnostics: [Diagnostic]) {
        self.lesson = lesson
        self.blocks = blocks
        self.diagnostics = diagnostics
    }
}
