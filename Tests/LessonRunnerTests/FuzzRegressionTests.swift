import Experiments
import Testing
@testable import LessonRunner

/// Inputs found by `Fuzz/run.sh` that crashed or hung; each must now give a
/// clear error (or a value) instead.
@Suite struct FuzzRegressionTests {
    /// `Int(x)` trapped on a path key or index too large for an Int
    /// (found as `cached.cache.99999999999999999999ive_difference:.1e`).
    @Test(arguments: [
        ("a.99999999999999999999", "the key after '.' is too large", 2),
        ("cached.cache.99999999999999999999ive_difference", "the key after '.' is too large", 13),
        ("a[99999999999999999999]", "the index inside [ ] is too large", 2),
        ("a[-1e300]", "the index inside [ ] is too large", 3),
        ("a[1e400]", "the index inside [ ] is too large", 2),
    ])
    func hugePathNumbersAreSyntaxErrors(text: String, message: String, offset: Int) {
        #expect(throws: ExpressionError(message, offset: offset)) { try Expression.parse(text) }
    }

    @Test func largestIndicesStillParse() throws {
        let scope = ValueScope(own: Record(["v": .numbers([1, 2, 3])]), blocks: [:])
        #expect(throws: ExpressionError.self) { try Expression.parse("v[9007199254740992]").evaluate(in: scope) }
        #expect(try Expression.parse("v[-1]").evaluate(in: scope).value == .number(3))
    }
}
