import Experiments
import Testing
@testable import LessonRunner
import LessonResults

/// Lists in expressions: literals, slices, element-wise operators, argmin/argmax,
/// isnan/isfinite and the exponentially weighted average.
@Suite struct ExpressionListTests {
    var scope: ValueScope {
        var curve = Record()
        curve["validation_loss"] = .numbers([1.0, 0.8, 0.7, 0.65, 0.64, 0.66, 0.7])
        var own = Record()
        own["curve"] = .record(curve)
        own["steps"] = .number(.nan)
        own["v"] = .numbers([3, 1, 2, 1])
        own["variants"] = .list([.record(Record(["name": .string("a"), "accuracy": .number(0.9)])),
                                 .record(Record(["name": .string("b"), "accuracy": .number(0.95)]))])
        return ValueScope(own: own, blocks: [:])
    }

    func eval(_ text: String) throws -> ResultValue {
        try Expression.parse(text).evaluate(in: scope).value
    }

    @Test(arguments: [
        "all(curve.validation_loss[0:4] > curve.validation_loss[1:5])",
        "not all(curve.validation_loss[0:6] > curve.validation_loss[1:7])",
        "any(curve.validation_loss[4:6] < curve.validation_loss[5:7])",
        "argmin(curve.validation_loss) == 4", "argmax(v) == 0", "argmin(v) == 1",
        "len(curve.validation_loss[:3]) == 3", "len(curve.validation_loss[-2:]) == 2", "len(v[5:9]) == 0",
        "curve.validation_loss[1:3][0] == 0.8", "[1, 2, 3][-1] == 3", "sum([1, 2] * 2) == 6", "sum(v - v) == 0",
        "all(0 < curve.validation_loss <= 1)", "isnan(steps)", "not isfinite(steps)", "all(isfinite(v))",
        "count(v > 1) == 2", "argmax(variants.accuracy) == 1", "variants.a.accuracy == 0.9", "len(variants.name) == 2", "all(approx(v * 3, [9, 3, 6, 3.000001], 1e-3))", "sum(abs([-1, 2])) == 3", "argmin([nan_free, 2, 1]) == 2",
    ])
    func holds(_ text: String) throws {
        let text = text.replacingOccurrences(of: "nan_free", with: "5")
        #expect(try eval(text) == .bool(true), "\(text)")
    }

    @Test func elementwiseComparisonIsAListOfBooleans() throws {
        #expect(try eval("v > 1") == .list([.bool(true), .bool(false), .bool(true), .bool(false)]))
        #expect(try eval("v * 2") == .numbers([6, 2, 4, 2]))
    }

    @Test func anExpectationOverAListMustSayAllOrAny() throws {
        let value = try eval("v > 1")
        #expect(throws: ExpressionError.self) { try Expression.verdict(value) }
        do {
            _ = try Expression.verdict(value)
        } catch {
            #expect(error.notes.contains { $0.contains("all(") })
        }
    }

    @Test(arguments: ["v[0:2] > v", "v[9]", "argmin([])", "ewa(v, 1)", "ewa(v, 0.9, 'yes')", "steps[0:1]", "v[0.5]", "v[1:2"])
    func mistakesAreErrors(_ text: String) {
        #expect(throws: ExpressionError.self) { try eval(text) }
    }

    @Test func ewaWithAndWithoutBiasCorrection() throws {
        // θ = 10 every day: v₁ = 1, v₂ = 1.9 (too low at the start); corrected, exactly 10.
        guard case .list(let plain) = try eval("ewa([10, 10, 10], 0.9)"),
              case .list(let corrected) = try eval("ewa([10, 10, 10], 0.9, true)") else {
            Issue.record("ewa did not give a list")
            return
        }
        let p = plain.compactMap(\.doubleValue), c = corrected.compactMap(\.doubleValue)
        #expect(abs(p[0] - 1) < 1e-12 && abs(p[1] - 1.9) < 1e-12 && abs(p[2] - 2.71) < 1e-12)
        #expect(c.allSatisfy { abs($0 - 10) < 1e-12 })
    }

    @Test func pathsInsideListsAndSlicesAreDependencies() throws {
        let e = try Expression.parse("all(other.curve[0:2] > [mine.a, 1])")
        #expect(e.rootNames == ["other", "mine"])
    }

    @Test func anInlineSliceKeepsItsColon() throws {
        let (expression, format) = InlineFormat.split("x[0:5]:.2f")
        #expect(expression == "x[0:5]")
        #expect(try format.apply(.number(0.125)) == "0.13" || (try format.apply(.number(0.125))) == "0.12")
        #expect(InlineFormat.split("ewa([1, 2], 0.5)[1:]").0 == "ewa([1, 2], 0.5)[1:]")
    }
}
