import LessonResults

extension LessonRunnerVersion {
    /// Names the code that computes results: the first 12 digits of its
    /// sources' digest (part of every cache key).
    public static var engine: String { String(CodeIdentity.sourceDigest.prefix(12)) }
}
