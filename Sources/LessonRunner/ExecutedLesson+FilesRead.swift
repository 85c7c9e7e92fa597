import NeuralEngine
import LessonResults

extension ExecutedLesson {
    /// The files this lesson's run read: the lesson and the data files its
    /// blocks name — what the preview watches (a built-in data set is no file).
    public var filesRead: [String] {
        [lesson.path] + plan.blocks.compactMap(\.prepared).flatMap(\.dataFiles).filter { !BuiltInData.isBuiltIn($0) }.sorted()
    }
}
