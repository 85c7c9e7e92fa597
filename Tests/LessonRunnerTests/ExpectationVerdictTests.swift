import Experiments
import Foundation
import LessonMarkdown
import Testing
@testable import LessonRunner
import LessonResults

/// An expectation is true or false: a bare number (a comparison forgotten)
/// is a located error, never a pass.
@Suite struct ExpectationVerdictTests {
    @Test func aBareNumberIsAnErrorNotAPass() throws {
        let lesson = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse("""
        ```experiment softmax
        logits: [2, 1, 0.1]
        label: 0
        expect: ["loss", "loss < 1", "5", "diverged_never_exists == 1 or true"]
        ```
        """, path: "l.md")))
        let block = lesson.blocks[0]
        #expect(!block.passed)
        let messages = block.diagnostics.map(\.message)
        #expect(messages.filter { $0.contains("an expectation must be true or false") }.count == 2, "\(messages)")
        #expect(messages.contains { $0.contains("'loss'") && $0.contains("a number (0.417)") })
        let error = try #require(block.diagnostics.first { $0.message.contains("'5'") })
        #expect(error.location?.line == 4)
        #expect(block.expectations.filter(\.passed).map(\.text) == ["loss < 1"])
    }

    @Test func booleansAndComparisonsStillDecide() throws {
        #expect(try Expression.verdict(.bool(true)))
        #expect(try !Expression.verdict(.bool(false)))
        #expect(throws: ExpressionError.self) { try Expression.verdict(.integer(1)) }
        #expect(throws: ExpressionError.self) { try Expression.verdict(.number(0)) }
        // Inside an expression, `and`/`or`/`not` keep reading numbers as "not zero".
        #expect(try Expression.truth(.integer(2)))
    }
}
