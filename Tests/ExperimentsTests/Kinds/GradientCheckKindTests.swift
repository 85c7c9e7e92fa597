import Foundation
import NeuralEngine
import Testing
@testable import Experiments

/// The `gradient-check` kind: back-propagation against central differences.
/// In double precision a correct backward pass agrees to about 1e-10 at
/// ε = 1e-5, so these tests fail if the engine's gradient (or the kind's
/// difference quotient) is wrong by anything like a missing term; a random
/// dropout mask, drawn afresh at every pass, must make the check fail.
@Suite struct GradientCheckKindTests: KindSuite {
    typealias Kind = GradientCheckKind

    func issues(_ body: String) -> [SpecIssue] { prepare(body).1 }

    func differences(_ r: Record) -> [Double] {
        (value(r, "checks")?.listItems ?? []).map { item in
            if case .record(let check) = item { return check.number("relative_difference") }
            return .nan
        }
    }

    @Test func isRegistered() {
        #expect(KindRegistry.kind(named: "gradient-check") != nil)
    }

    /// The measure itself, by hand: equal vectors 0, a zero vector or an
    /// opposite one 1, g against 2g ‖g‖/3‖g‖.
    @Test func theRelativeDifferenceIsTheNormsRatio() {
        #expect(Kind.relativeDifference([3, 4], [3, 4]) == 0)
        #expect(Kind.relativeDifference([3, 4], [0, 0]) == 1)
        #expect(Kind.relativeDifference([3, 4], [-3, -4]) == 1)
        #expect(abs(Kind.relativeDifference([3, 4], [6, 8]) - 1.0 / 3) < 1e-15)
        #expect(Kind.relativeDifference([0, 0], [0, 0]) == 0)
    }

    /// In double, every parameter of a small tanh network agrees with its
    /// central difference far below the 1e-7 a correct gradient is held to.
    @Test func inDoubleTheCheckPassesByOrdersOfMagnitude() throws {
        let r = try run("hidden: [8]\nactivation: tanh\n").values
        let d = differences(r)
        #expect(d.count == 9)
        #expect(number(r, "relative_difference") < 1e-9, "\(d)")
        #expect(d[4] < 1e-8 && d[5] < 1e-8 && d[6] < 1e-7, "\(d)")
        #expect(number(r, "best_epsilon") >= 1e-6 && number(r, "best_epsilon") <= 1e-4)
        // 2 × 8 + 8 + 8 × 3 + 3 parameters, all of them checked.
        #expect(number(r, "parameters") == 51 && number(r, "parameters_checked") == 51)
        #expect(value(r, "layers") == .list([.string("dense 8 (layer 1)"), .string("dense 3 (layer 3)")]))
    }

    /// The truncation error of the two-sided difference is ε²·J'''/6: a
    /// step ten times smaller makes it a hundred times smaller.
    @Test func truncationFallsAsTheSquareOfTheStep() throws {
        let d = differences(try run("hidden: [8]\nactivation: tanh\nepsilons: [1e-2, 1e-3]\n").values)
        #expect(d.count == 2 && d[0] / d[1] > 50 && d[0] / d[1] < 200, "\(d)")
    }

    /// Float's rounding leaves a best difference thousands of times double's, and at ε = 1e-7 no check at all.
    @Test func inFloatTheBestDifferenceIsFarLarger() throws {
        let double = try run("hidden: [8]\nactivation: tanh\n").values
        let float = try run("hidden: [8]\nactivation: tanh\nprecision: float\n").values
        #expect(number(float, "relative_difference") > 1_000 * number(double, "relative_difference"))
        #expect(number(float, "best_epsilon") >= 1e-3)
        #expect(differences(float)[6] > 0.01)
    }

    /// Each of the two losses of a difference sees its own dropout mask: the check fails at every ε.
    @Test func withDropoutActiveTheCheckFails() throws {
        let r = try run("hidden: [8]\nactivation: tanh\nkeep_prob: 0.5\n").values
        #expect(differences(r).allSatisfy { $0 > 0.3 }, "\(differences(r))")
        #expect(value(r, "layers") == .list([.string("dense 8 (layer 1)"), .string("dense 3 (layer 4)")]))
    }

    /// Batch norm in training mode, layer norm, and a regression set's squared error pass too.
    @Test(arguments: ["hidden: [8]\nactivation: tanh\nnormalization: batch\n",
                      "layers: [dense 8, layernorm, tanh]\n",
                      "data: polynomial\nhidden: [8]\nactivation: tanh\n"])
    func otherLayersAndLossesPass(body: String) throws {
        let r = try run(body).values
        #expect(number(r, "relative_difference") < 1e-8, "\(differences(r))")
    }

    /// `max_per_layer` checks that many of a larger layer, the same ones for the same seed.
    @Test func theCapChoosesFromTheSeed() throws {
        let body = "data: digits\nexamples: 16\nhidden: [16]\nactivation: tanh\nmax_per_layer: 10\nepsilons: [1e-5]\n"
        let r = try run(body).values
        // 64 × 16 + 16 and 16 × 10 + 10 parameters in the two layers, 10 of each checked.
        #expect(number(r, "parameters") == 1_210 && number(r, "parameters_checked") == 20)
        #expect(number(r, "relative_difference") < 1e-8)
        #expect(try run(body).values == r)
        #expect(try run(body, seed: 2).values != r)
    }

    /// The lowest check names both values, by the tables' rule: a NaN check
    /// (a loss that overflowed on both sides) is never the best, wherever it is.
    @Test func aNaNCheckIsNeverTheBest() {
        let checks = [(1e-1, Double.nan), (1e-2, 3e-6), (1e-3, 3e-6), (1e-4, 2e-5)].map { epsilon, difference in
            Record(fields: ["epsilon": epsilon, "relative_difference": difference])
        }
        #expect(Kind.best(checks)?.number("epsilon") == 1e-2)
        #expect(Kind.best([checks[0]]) == nil)
    }

    /// A layer larger than the cap gives that many distinct indices in order, drawn from the seed.
    @Test func theCheckedIndicesAreDistinctAndInRange() {
        var generator = RandomGenerator(seed: 1)
        let chosen = Kind.chosenIndices(1_000_000, keeping: 100, generator: &generator)
        #expect(chosen.count == 100 && Set(chosen).count == 100 && chosen == chosen.sorted())
        #expect(chosen.allSatisfy { (0..<1_000_000).contains($0) })
        #expect(Kind.chosenIndices(1_000_000, keeping: 100, generator: &generator) != chosen)
        var again = RandomGenerator(seed: 1)
        #expect(Kind.chosenIndices(1_000_000, keeping: 100, generator: &again) == chosen)
    }

    /// A layer no larger than the cap is checked whole, and nothing is drawn for it.
    @Test(arguments: [(5, 10), (5, 5), (1, 1)])
    func aSmallLayerIsCheckedWhole(count: Int, keeping: Int) {
        var generator = RandomGenerator(seed: 1)
        #expect(Kind.chosenIndices(count, keeping: keeping, generator: &generator) == Array(0..<count))
        #expect(generator == RandomGenerator(seed: 1))
    }

    /// Where Floyd's draws collide most (keeping all but one, or all but two),
    /// the indices still never repeat, whatever the seed.
    @Test(arguments: [(5, 4), (6, 4), (10, 9), (3, 2)])
    func theIndicesNeverRepeat(count: Int, keeping: Int) {
        for seed in UInt64(1)...500 {
            var generator = RandomGenerator(seed: seed)
            let chosen = Kind.chosenIndices(count, keeping: keeping, generator: &generator)
            #expect(chosen.count == keeping && Set(chosen).count == keeping, "seed \(seed): \(chosen)")
            #expect(chosen.allSatisfy { (0..<count).contains($0) }, "seed \(seed): \(chosen)")
        }
    }

    /// Every 2 of 5 indices is as likely as any other: over 10,000 seeds each
    /// of the C(5, 2) = 10 pairs comes about 1,000 times, with a standard
    /// deviation of √(10,000 × 0.1 × 0.9) = 30. The tolerance is 6 sd, 180: a
    /// fair draw strays that far with a chance of about 10 × 2e-9 over the
    /// ten pairs, while an off-by-one in the range drawn from never gives
    /// the pair {3, 4}, and a draw that favours some pairs by a fifth is caught.
    @Test func everyPairIsEquallyLikely() {
        var counts: [[Int]: Int] = [:]
        for seed in UInt64(1)...10_000 {
            var generator = RandomGenerator(seed: seed)
            counts[Kind.chosenIndices(5, keeping: 2, generator: &generator), default: 0] += 1
        }
        #expect(counts.count == 10, "\(counts)")
        #expect(counts.values.allSatisfy { abs($0 - 1_000) <= 180 }, "\(counts)")
    }

    /// Each mistake is reported, as the kind of issue it is, at the place it was written.
    @Test(arguments: [
        ("precision: half", SpecIssue.Kind.invalidValue, "'half'", 1, 12),
        ("epsilons: [1e-3, 0]", .invalidValue, "0", 1, 18),
        ("max_per_layer: 0", .invalidValue, "max_per_layer", 1, 16),
        ("keep_prob: 1.5", .invalidValue, "keep_prob", 1, 12),
        ("hidden: [8, 6]\nnormalization: group", .invalidValue, "divisible by 4", 2, 16),
        ("hidden: [8, 6]\nnormalization: group\ngroups: 4", .invalidValue, "divisible by 4", 3, 9),
        ("data: digits\nclasses: 3", .invalidValue, "classes", 2, 10),
        ("layers: [dense 8, swish]", .invalidValue, "'layers'", 1, 19),
        // Blamed on the network, which is what is too big, before the cap.
        ("data: digits\nhidden: [256]\nmax_per_layer: 1000\nexamples: 400", .overBudget, "the forward passes", 2, 9),
        // Past Int.max multiplied out: refused, not a crash.
        ("data: digits\nexamples: 1797\nhidden: [4096, 4096]\nmax_per_layer: 100000", .overBudget, "the forward passes", 3, 9),
        ("layers: [dense 1048576, dense 1048576]", .overBudget, "the forward passes", 1, 9),
        // Few passes, but 67 million parameters and their gradients in double.
        ("data: digits\nexamples: 2\nhidden: [4096, 4096, 4096, 4096, 4096]\nmax_per_layer: 1\nepsilons: [1e-3]",
         .overBudget, "the network would hold", 3, 9),
        // Few parameters, but 1,797 rows of a wide layer, its activation and
        // their gradients (2.3 GB measured): refused at the network.
        ("data: blobs\nexamples: 1797\nlayers: [dense 32768, tanh]\nmax_per_layer: 1\nepsilons: [1e-3]",
         .overBudget, "the network would hold", 3, 9),
        // Within the work budget (4 passes), but 6.8 GB of a layer's outputs.
        ("data: blobs\nexamples: 100\nlayers: [dense 1048576, tanh]\nmax_per_layer: 1\nepsilons: [1e-3]",
         .overBudget, "the network would hold", 3, 9),
    ])
    func mistakesAreLocated(body: String, kind: SpecIssue.Kind, fragment: String, line: Int, column: Int) throws {
        let issue = try #require(issues(body).first, "\(body)")
        #expect(issue.kind == kind, "\(issue.message)")
        #expect(issue.message.contains(fragment), "\(issue.message)")
        #expect((issue.line, issue.column) == (line, column), "\(issue.message) at \(issue.line):\(issue.column)")
    }

    /// The memory a run holds is counted in the precision's scalars: the
    /// network refused in double fits in float.
    @Test func floatHoldsHalfTheBytes() {
        let body = "data: digits\nexamples: 2\nhidden: [4096, 4096, 4096, 4096, 4096]\nmax_per_layer: 1\nepsilons: [1e-3]\n"
        #expect(issues(body + "precision: float\n").isEmpty, "\(issues(body + "precision: float\n"))")
    }
}
