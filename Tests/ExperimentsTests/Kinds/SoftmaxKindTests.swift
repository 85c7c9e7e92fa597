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
        let outcome = try #require(prepared).run(RunContext(seed: 1, decode: DecodeContext(lessonDirectory: ".")))
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
