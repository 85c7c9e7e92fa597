import LessonResults

/// Foundation declares an `Expression` of its own (predicates); in the
/// runner, which imports both, the name is the expression language's.
typealias Expression = LessonResults.Expression
