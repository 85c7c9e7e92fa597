import Experiments
import LessonMarkdown
import LessonResults
import Testing
@testable import LessonRunner

/// An expectation that compares with NaN fails whatever the run did; its
/// failure says which side is NaN, where the NaN came from, and why.
@Suite struct ExpressionNaNTests {
    func failure(_ expectation: String, seeds: Int? = nil) throws -> Diagnostic {
        let lesson = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse("""
        ```experiment softmax
        logits: [2, 1, 0.1]
        label: 0
        \(seeds.map { "seeds: \($0)\n" } ?? "")expect: ["\(expectation)"]
        ```
        """, path: "l.md")))
        return try #require(lesson.blocks[0].diagnostics.first { $0.code == .expectationFailed })
    }

    @Test func aRightSideThatIsZeroOverZeroIsNamed() throws {
        let notes = try failure("loss < loss * 0 / 0").notes.map(\.message)
        #expect(notes.contains("the right side of '<', `loss * 0 / 0`, is NaN (0 / 0 is NaN): a comparison with NaN is never true, "
                               + "so `loss < loss * 0 / 0` cannot hold whatever the other side is; isnan(x) or isfinite(x) tests for it"), "\(notes)")
    }

    @Test func aLeftSideInAChainAndAFunctionAreNamed() throws {
        let notes = try failure("0 < sqrt(-1) < 1").notes.map(\.message)
        #expect(notes.filter { $0.contains("is NaN (sqrt(−1) is NaN)") }.count == 2, "\(notes)")
        #expect(notes.contains { $0.hasPrefix("the right side of '<', `sqrt(-1)`") })
        #expect(notes.contains { $0.hasPrefix("the left side of '<', `sqrt(-1)`") })
    }

    /// Over seeds the note names the first seed it failed at.
    @Test func overSeedsTheNoteNamesTheSeed() throws {
        let notes = try failure("loss > log(-1)", seeds: 2).notes.map(\.message)
        #expect(notes.contains { $0.hasPrefix("seed ") && $0.contains("the right side of '>', `log(-1)`, is NaN (log(−1) is NaN)") }, "\(notes)")
    }

    /// A failure with no NaN in it, and `!=` (which NaN makes true), say nothing of NaN.
    @Test func otherFailuresSayNothingOfNaN() throws {
        #expect(try failure("loss > 100").notes.allSatisfy { !$0.message.contains("NaN") })
        #expect(try failure("loss != 0 / 0 and loss > 100").notes.allSatisfy { !$0.message.contains("NaN") })
    }

    /// Quoted parts keep the parentheses the expression needs, and no more.
    @Test(arguments: ["a - (b - c)", "(a + b) * c", "a * b + c", "-x ^ 2", "(-x) ^ 2", "not (a and b)", "0 < x < 1",
                      "a / (b * c)", "max(a, b)[0]", "x[1:]", "[1, 2.5]", "(a or b) and c"])
    func sourceTextRoundTrips(text: String) throws {
        #expect(try Expression.parse(text).sourceText == text)
    }
}
