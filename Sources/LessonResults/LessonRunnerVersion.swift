

/// LessonRunner's own version, shown by `lesson --version`.
public enum LessonRunnerVersion {
    /// Bumped with each release; cached results are keyed by the code that
    /// computes them (`CodeIdentity`, in the runner), not by this.
    public static let string = "0.1.0"
    /// The license LessonRunner is distributed under (the LICENSE file).
    public static let license = "MIT"
}
