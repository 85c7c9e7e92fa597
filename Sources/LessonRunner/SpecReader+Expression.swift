import Experiments
import LessonResults
import LessonSupport

extension SpecReader {
    /// The expression written at `node` (a column of `table:`, a line of
    /// `chart:`), or `nil` after a problem pointing at the character where
    /// it stops being one (inside the quotes, when it is quoted).
    func expression(_ text: String, at node: SpecValue, what: String) -> Expression? {
        do {
            return try Expression.parse(text)
        } catch {
            let quoted = node.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
            let mark = node.mark
            fail(line: mark?.line ?? 0, column: (mark?.column ?? 0) + (error.offset ?? 0) + (quoted ? 1 : 0),
                 "\(what) '\(Excerpt.clipped(text))' is not a value or an expression: \(error.message)")
            return nil
        }
    }
}
