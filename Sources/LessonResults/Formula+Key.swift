import LessonMarkdown

extension Formula {
    /// The key of a formula's typeset form in ``ExecutedLesson/math``.
    public static func key(tex: String, display: Bool) -> String {
        (display ? "D" : "I") + tex
    }
}
