import Foundation
import Testing
@testable import Experiments

@Suite struct SoftmaxKindTests {
    func prepare(_ body: String) -> (PreparedExperiment?, [SpecIssue]) {
        let reader = SpecReader(body: body, kind: "softmax", descriptors: CommonKeys.descriptors + SoftmaxKind.keys)
        let prepared = AnyExperimentKind(SoftmaxKind.self).prepare(reader, DecodeContext(lessonDirectory: "."))
        return (prepared, reader.issues)
    }

    func run(_ body: String) throws -> Record {
        let (prepared, issues) = prepare(body)
        #expect(issues.isEmpty)
        let outcome = try #require(prepared).presented(RunContext(seed: 1, decode: DecodeContext(lessonDirectory: ".")))
        return outcome.values
    }

    func number(_ r: Record, _ key: String) -> Double { r[key]?.doubleValue ?? .nan }
    func numbers(_ r: Record, _ key: String) -> [Double] {
        guard case .list(let items)? = r[key] else { return [] }
        return items.compactMap(\.doubleValue)
    }

    @Test func matchesHandComputedValues() throws {
        // e^2 = 7.3890561, e^1 = 2.7182818, e^0.1 = 1.1051709; sum 11.2125088.
        let r = try run("logits: [2.0, 1.0, 0.1]\nlabel: 0\n")
        let p = numbers(r, "probabilities")
        #expect(abs(p[0] - 0.6590011) < 1e-7)
        #expect(abs(p[1] - 0.2424330) < 1e-7)
        #expect(abs(p[2] - 0.0985659) < 1e-7)
        #expect(abs(number(r, "loss") - 0.4170300) < 1e-7)
        let g = numbers(r, "gradient")
        #expect(abs(g[0] - (0.6590011 - 1)) < 1e-7 && abs(g[1] - 0.2424330) < 1e-7)
        #expect(number(r, "max_gradient_error") < 1e-8)
        #expect(r["predicted"] == .integer(0))
        #expect(r["hardmax"] == .integers([1, 0, 0]))
        #expect(r["target"] == .integers([1, 0, 0]))
    }

    @Test func largeLogitsAreFiniteAndExact() throws {
        let r = try run("logits: [1000, 999, -1000]\nlabel: 1\n")
        let p = numbers(r, "probabilities")
        #expect(abs(p[0] - 1 / (1 + exp(-1.0))) < 1e-13)
        #expect(abs(p[1] - 1 / (1 + exp(1.0))) < 1e-13)
        #expect(p[2] == 0)
        #expect(abs(number(r, "loss") - (1 + log(1 + exp(-1.0)))) < 1e-12)
        #expect(number(r, "max_gradient_error") < 1e-6)
        #expect(p.allSatisfy { $0.isFinite })
    }

    /// Equal logits of 1e17: a log-sum-exp of 1e17 + log 3 rounds to 1e17, which
    /// used to give probabilities of 1 each (summing to 3) and a loss of 0.
    @Test(arguments: [1e17, 1e308, -1e308])
    func equalHugeLogitsGiveAThirdEach(size: Double) throws {
        let r = try run("logits: [\(size), \(size), \(size)]\nlabel: 1\n")
        let p = numbers(r, "probabilities")
        #expect(p.allSatisfy { abs($0 - 1.0 / 3) < 1e-15 })
        #expect(abs(number(r, "sum_probabilities") - 1) < 1e-12)
        #expect(abs(number(r, "loss") - log(3)) < 1e-12)
        #expect(number(r, "max_gradient_error") < 1e-6)
    }

    @Test(arguments: [1e12, 1e17, 1e300, -1e300])
    func shiftingTheLogitsChangesNothing(shift: Double) throws {
        let r = try run("logits: [\(2 + shift), \(1 + shift), \(0.1 + shift)]\nlabel: 0\n")
        let p = numbers(r, "probabilities")
        #expect(abs(number(r, "sum_probabilities") - 1) < 1e-12)
        // The shifted inputs are themselves rounded (1e12 + 0.1 is not exact):
        // compare with the softmax of what the logits really are.
        let z = [2 + shift, 1 + shift, 0.1 + shift].map { $0 - (2 + shift) }
        let sum = z.map(exp).reduce(0, +)
        for i in 0..<3 { #expect(abs(p[i] - exp(z[i]) / sum) < 1e-14) }
        #expect(abs(number(r, "loss") - (log(sum) - z[0])) < 1e-12)
        #expect(number(r, "max_gradient_error") < 1e-6)
    }

    @Test func extremeOppositeLogitsGiveAFiniteGradient() throws {
        let r = try run("logits: [1e308, -1e308]\nlabel: 0\ntemperature: 0.5\n")
        #expect(numbers(r, "probabilities") == [1, 0])
        #expect(number(r, "loss") == 0)
        #expect(number(r, "max_gradient_error") < 1e-6)
    }

    @Test func negativeLargeLogitsToo() throws {
        let r = try run("logits: [-1000, -1000]\nlabel: 0\n")
        #expect(abs(number(r, "loss") - log(2)) < 1e-12)
    }

    @Test func temperatureScalesTheGradient() throws {
        let r = try run("logits: [2, 1]\nlabel: 0\ntemperature: 2\n")
        let p = numbers(r, "probabilities")
        #expect(abs(p[0] - 1 / (1 + exp(-0.5))) < 1e-12)
        #expect(number(r, "max_gradient_error") < 1e-8)
        #expect(abs(numbers(r, "gradient")[0] - (p[0] - 1) / 2) < 1e-12)
    }

    @Test func classNamesAndBatches() throws {
        let r = try run("logits: [[1, 2], [3, 0]]\nclasses: [a, b]\nlabel: [b, a]\n")
        #expect(r["accuracy"] == .number(1))
        #expect(r["predicted"] == .integers([1, 0]))
    }

    @Test(arguments: [
        ("logits: [1, .inf]\nlabel: 0\n", "'logits' must be a finite number, found .inf"),
        ("logits: [1, .nan]\nlabel: 0\n", "'logits' must be a finite number, found .nan"),
        ("logits: [1]\nlabel: 0\n", "'logits' needs at least 2 classes, found 1"),
        ("logits: [1, 2]\nlabel: 2\n", "label 2 is outside the allowed range 0…1 (one index per class)"),
        ("logits: [1, 2]\nclasses: [a, b]\nlabel: c\n", "label 'c' is not one of the classes (a, b)"),
        ("logits: [1, 2]\nclasses: [a]\nlabel: 0\n", "'classes' names 1 classes but 'logits' has 2"),
        ("logits: [1, 2]\nlabel: 0\ntemperature: 0\n", "'temperature' is 0, outside the allowed range 0.01 ≤ temperature ≤ 1,000,000"),
        ("logits: [[1, 2], [1]]\nlabel: [0, 0]\n", "every row of 'logits' must have 2 entries like the first, found 1"),
        ("logits: [[1, 2], [3, 4]]\nlabel: 0\n", "'logits' is a batch of 2 rows, so 'label' must be a list of 2 labels"),
        ("logits: [1, 2]\n", "missing required key 'label' (integer or class name, or a list of them)"),
    ])
    func validationErrors(body: String, message: String) {
        let (prepared, issues) = prepare(body)
        #expect(prepared == nil)
        #expect(issues.map(\.message).contains(message), "\(issues.map(\.message))")
    }
}

/// Found by hand: the finite-difference check evaluated every perturbed loss
/// from scratch, O(C²) a row, so the 1,000 × 1,000 logits the kind allows took
/// over 15 s (and YAML aliases could ask for that in a few hundred bytes).
@Suite struct SoftmaxWideRowTests {
    /// Deterministic logits with ties, a dominant class and tiny terms.
    static func logits(_ count: Int, spread: Double) -> [Double] {
        (0..<count).map { (j: Int) -> Double in
            let wave: Double = spread * sin(Double(j) * 1.7)
            let dominant: Double = j == 3 ? spread : 0
            let ties: Double = j % 5 == 0 ? 1 : 0
            return wave + dominant + ties
        }
    }

    @Test(arguments: [(65, 1.0, 0, 1.0), (100, 10.0, 3, 1.0), (200, 300.0, 7, 0.5), (150, 2.0, 149, 25.0), (70, 1000.0, 3, 0.01)])
    func sumUpdatesAgreeWithDirectDifferences(count: Int, spread: Double, label: Int, temperature: Double) {
        let z = Self.logits(count, spread: spread)
        let fast = SoftmaxExample.numericGradientBySumUpdates(z, label: label, temperature: temperature)
        let h = 1e-5 * min(1, temperature)
        for i in z.indices {
            var plus = z, minus = z
            plus[i] += h
            minus[i] -= h
            let direct = (SoftmaxExample.loss(plus, label: label, temperature: temperature)
                - SoftmaxExample.loss(minus, label: label, temperature: temperature)) / (plus[i] - minus[i])
            #expect(abs(fast[i] - direct) < 1e-8, "i = \(i): \(fast[i]) vs \(direct)")
        }
        if spread / temperature < 1e4 {  // beyond that, h is lost in the logits' rounding either way
            #expect(SoftmaxExample.compute(logits: z, label: label, temperature: temperature).maxGradientError < 1e-6)
        }
    }

    /// 300 rows of 1,000 classes, past ``SoftmaxExample/directDifferenceLimit``:
    /// the O(C) differences check the gradient as well as the direct ones do.
    /// (It also runs in well under a second, where the old O(C²) way took
    /// minutes in a debug build; no test measures that: any time bound flakes
    /// on a shared machine, and a regression shows as a test run minutes longer.)
    @Test func aWideBatchIsCheckedByTheLinearDifferences() throws {
        let row = "[" + Self.logits(1_000, spread: 5).map { String($0) }.joined(separator: ", ") + "]"
        let body = "logits: [" + Array(repeating: row, count: 300).joined(separator: ", ") + "]\nlabel: ["
            + Array(repeating: "3", count: 300).joined(separator: ", ") + "]\n"
        let reader = SpecReader(body: body, kind: "softmax", descriptors: CommonKeys.descriptors + SoftmaxKind.keys)
        let prepared = try #require(AnyExperimentKind(SoftmaxKind.self).prepare(reader, DecodeContext(lessonDirectory: ".")))
        let values = try prepared.presented(RunContext(seed: 1, decode: DecodeContext(lessonDirectory: "."))).values
        #expect((values["max_gradient_error"]?.doubleValue ?? 1) < 1e-6)
        #expect(1_000 > SoftmaxExample.directDifferenceLimit)
        // The linear differences agree with the direct ones on one wide row.
        let logits = Self.logits(1_000, spread: 5)
        let direct = SoftmaxExample.compute(logits: Array(logits.prefix(SoftmaxExample.directDifferenceLimit)), label: 3, temperature: 1)
        let linear = SoftmaxExample.numericGradientBySumUpdates(Array(logits.prefix(SoftmaxExample.directDifferenceLimit)), label: 3, temperature: 1)
        for (a, b) in zip(direct.numericGradient, linear) { #expect(abs(a - b) < 1e-8, "\(a) vs \(b)") }
    }
}
