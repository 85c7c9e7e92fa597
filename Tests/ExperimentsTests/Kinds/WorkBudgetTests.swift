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

    /// A block's budget covers all its runs: a block that fits for one seed
    /// is refused, before anything runs, when 64 seeds of it would not fit.
    /// (`train`, `signal` and `hyperparameter-search` once checked one seed.)
    static let nearBudget: [(kind: String, body: String)] = [
        ("train", "hidden: [256, 256]\nepochs: 60\n"),
        ("signal", "data: digits\ndepth: 20\nwidth: 256\nepochs: 30\n"),
        ("hyperparameter-search", "mode: coarse_to_fine\ntrials: 32\nepochs: 60\nhidden: [128, 128]\n"),
        ("dropout-ensemble", "hidden: [256, 256]\nepochs: 40\n"),
        ("batchnorm-modes", "hidden: [512, 512]\nepochs: 100\n"),
        ("bias-variance", "data: digits\nhidden: [64, 256, 1024]\ntrain_size: 1000\nepochs: 500\n"),
        // 9 × 1,024³ multiply-adds of the naive product: 97 % of its budget.
        ("vectorization", "run: [gemm]\nvariants: [naive, blas]\nmatrix_size: 1024\nrepeats: 8\n"),
        // 10,000 steps of the four default optimizers: 80 % of its budget.
        ("optimizer-path", "steps: 10000\n"),
        // 28,800 forward passes of 250 digits at 24,480 units of work each: 90 % of its budget.
        ("gradient-check", "data: digits\nhidden: [256]\nmax_per_layer: 800\nexamples: 250\n"),
    ]

    /// A kind left out of `nearBudget` must be one that declares no work (its
    /// keys' ranges bound it): a billion runs of its example still fit. So a
    /// new kind with a budget cannot go untested by the test below.
    @Test func everyKindWithABudgetIsNearItInATest() throws {
        let listed = Set(Self.nearBudget.map(\.kind))
        for kind in KindRegistry.all where !listed.contains(kind.name) {
            let example = try #require(kind.exampleBody, "'\(kind.name)' has no example")
            let reader = SpecReader(body: example, kind: kind.name, descriptors: CommonKeys.descriptors + kind.keys)
            var context = KindTesting.context
            context.seeds = 1_000_000_000
            #expect(kind.prepare(reader, context) != nil,
                    "'\(kind.name)' declares work (\(reader.issues.map(\.message))): add a body near its budget to nearBudget")
        }
    }

    @Test(arguments: nearBudget)
    func theBudgetCoversEverySeed(kind name: String, body: String) throws {
        let kind = try #require(KindRegistry.all.first { $0.name == name })
        func prepare(seeds: Int) -> (PreparedExperiment?, [SpecIssue]) {
            let reader = SpecReader(body: body, kind: name, descriptors: CommonKeys.descriptors + kind.keys)
            var context = KindTesting.context
            context.seeds = seeds
            return (kind.prepare(reader, context), reader.issues)
        }
        let (one, oneIssues) = prepare(seeds: 1)
        #expect(one != nil, "one seed should fit: \(oneIssues.map(\.message))")
        let (many, issues) = prepare(seeds: 64)
        #expect(many == nil)
        let issue = try #require(issues.first)
        #expect(issue.message.contains(" × 64 seeds") && issue.message.contains("), more than the budget of"), "\(issue.message)")
        #expect(issue.notes.last?.hasSuffix("or fewer seeds") == true, "\(issue.notes)")
    }
}
