import Testing
@testable import Experiments

/// Every kind estimates its work before running and refuses above its budget,
/// with a located error giving the estimate and the limit.
@Suite struct WorkBudgetTests {
    /// The issue's case: every key in range, over 600 s and 888 MB before it was killed.
    @Test func polynomialBiasVarianceHasABudget() throws {
        let (prepared, issues) = KindTesting.prepare(BiasVarianceKind.self, """
        data: polynomial
        train_size: 20000
        validation_size: 50000
        degrees: [19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]
        resamples: 1000
        test_points: 10000
        """)
        #expect(prepared == nil)
        let issue = try #require(issues.first)
        #expect(issue.line == 4)
        #expect(issue.message.contains("fitting would take \(ResultValue.format(1.62e11, significant: 3)) multiply-adds"), "\(issue.message)")
        #expect(issue.message.contains("more than the budget of \(ResultValue.format(BiasVarianceKind.polynomialBudget))"))
    }

    @Test func manyStoredPredictionsAreRefused() throws {
        let (prepared, issues) = KindTesting.prepare(BiasVarianceKind.self, """
        data: polynomial
        train_size: 20
        degrees: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
        resamples: 1000
        test_points: 10000
        """)
        #expect(prepared == nil)
        #expect(issues.first?.message.contains("would keep \(ResultValue.format(1.2e8, significant: 3)) predictions") == true, "\(issues)")
    }

    @Test func theShippedPolynomialSizesAreWellInside() {
        let (prepared, issues) = KindTesting.prepare(BiasVarianceKind.self, "data: polynomial\nresamples: 200\ntest_points: 1000\n")
        #expect(prepared != nil, "\(issues)")
    }
}
