extension ExecutedLesson {
    /// The files this lesson's run read: the lesson and the data files its
    /// blocks name — what the preview watches.
    public var filesRead: [String] {
        [lesson.path] + plan.blocks.compactMap(\.prepared).flatMap(\.dataFiles).sorted()
    }
}
