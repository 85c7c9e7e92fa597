import LessonResults

extension CourseOrder {
    /// The order of a course's `lessons:` list.
    public init(_ settings: CourseSettings) {
        self.init(paths: settings.lessons.map(settings.resolve))
    }
}
