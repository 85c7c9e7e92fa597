import Experiments
import Testing
@testable import LessonRunner
@testable import LessonResults

@Suite struct ExpressionTests {
    var scope: ValueScope {
        var mc = Record()
        mc["100"] = .record(Record(["accuracy": .number(0.95)]))
        var own = Record()
        own["loss"] = .number(0.25)
        own["acc"] = .number(0.9)
        own["mc"] = .record(mc)
        own["rows"] = .list([.record(Record(["diagnosis": .string("high bias")]))])
        own["v"] = .numbers([1, 2, 3])
        var other = Record()
        other["loss"] = .number(0.5)
        return ValueScope(own: own, blocks: ["base": other])
    }

    func eval(_ text: String) throws -> ResultValue {
        try Expression.parse(text).evaluate(in: scope).value
    }

    @Test(arguments: [
        "loss < 0.3", "loss * 4 == 1", "0 < loss < 1", "not (loss > 1)", "loss < 0.3 and acc >= 0.9",
        "loss > 1 or acc > 0.5", "mc.100.accuracy > acc", "rows[0].diagnosis == 'high bias'",
        "approx(loss, 0.2500001, 1e-6)", "base.loss == 2 * loss", "sum(v) == 6", "mean(v) == 2", "len(v) == 3",
        "max(v) - min(v) == 2", "abs(-loss) == loss", "2 ^ 3 == 8", "-loss < 0", "1e-3 < loss", "v[-1] == 3",
        "approx(exp(log(2)), 2, 1e-12)", "all(v)", "loss != acc",
    ])
    func holds(_ text: String) throws {
        #expect(try eval(text) == .bool(true), "\(text)")
    }

    @Test func failedComparisonsReportTheValuesRead() throws {
        let e = try Expression.parse("loss < base.loss / 4")
        let evaluation = try e.evaluate(in: scope)
        #expect(evaluation.value == .bool(false))
        #expect(evaluation.reads.map(\.path) == ["loss", "base.loss"])
    }

    @Test(arguments: [
        ("loss <", "expected a value, found the end of the expression", 6),
        ("loss = 1", "'=' is not a comparison; write '==' to compare", 5),
        ("aprox(loss, 1)", "unknown function 'aprox'; did you mean 'approx'?", 0),
        ("(loss", "expected ')' to close the '(' at column 1", 5),
        ("loss # 2", "unexpected character '#'", 5),
        ("'abc", "unterminated string: add a closing '", 0),
        ("approx(1)", "approx takes 2 to 3 arguments, found 1", 0),
    ])
    func syntaxErrors(text: String, message: String, offset: Int) {
        #expect(throws: ExpressionError(message, offset: offset, notes: text.hasPrefix("aprox") ? ["functions: abs, all, any, approx, argmax, argmin, count, ewa, exp, isfinite, isnan, len, log, log10, max, mean, min, round, sqrt, sum"] : [])) {
            try Expression.parse(text)
        }
    }

    @Test func unknownNamesSuggest() {
        #expect(throws: ExpressionError.self) { try eval("los < 1") }
        do {
            _ = try eval("los < 1")
        } catch {
            #expect((error as? ExpressionError)?.message == "unknown value 'los'; did you mean 'loss'?")
        }
    }

    @Test func typeErrorsAreClear() {
        do {
            _ = try eval("rows[0].diagnosis < 1")
            Issue.record("expected an error")
        } catch {
            #expect((error as? ExpressionError)?.message == "'<' needs numbers, found the text \"high bias\"")
        }
    }

    /// Found by a new user: `classes[0] + 1` on a block without `classes:`
    /// said "'+' needs numbers, found a string (0)", a number by its looks.
    @Test func aTextThatLooksLikeANumberIsQuoted() {
        var own = Record()
        own["classes"] = .list([.string("0"), .string("1")])
        let values = ValueScope(own: own, blocks: [:])
        do {
            _ = try Expression.parse("classes[0] + 1").evaluate(in: values)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "'+' needs numbers, found the text \"0\"")
        }
        do {
            _ = try Expression.parse("classes[0] and true").evaluate(in: values)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.hasSuffix("found the text \"0\""))
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(throws: ExpressionError.self) { try Expression.parse(text) }
        let minus = String(repeating: "-", count: 5000) + "1"
        #expect(throws: ExpressionError.self) { try Expression.parse(minus) }
        // `not` nests without passing the other depth checks: it overflowed the stack.
        let nots = String(repeating: "not ", count: 100_000) + "true"
        #expect(throws: ExpressionError("expression nested too deeply", offset: 800)) { try Expression.parse(nots) }
    }

    /// A chain parses in a loop but builds a tree as deep as it is long,
    /// which evaluating walked recursively: 100,000 terms overflowed the stack.
    @Test(arguments: [" + ", " and ", " * ", " < ", " or "])
    func longChainsAreAnErrorNotACrash(op: String) throws {
        let long = Array(repeating: "1", count: 100_000).joined(separator: op)
        #expect(throws: ExpressionError.self) { try Expression.parse(long) }
        let fine = Array(repeating: "1", count: ExpressionParser.maximumOperators).joined(separator: op)
        #expect(throws: Never.self) { try Expression.parse(fine) }
    }

    @Test func aLongSumStillAddsUp() throws {
        let sum = try Expression.parse(Array(repeating: "1", count: 1_000).joined(separator: " + "))
        #expect(try sum.evaluate(in: ValueScope(own: nil, blocks: [:])).value == .number(1_000))
    }
}

@Suite struct InlineFormatTests {
    @Test func formats() throws {
        #expect(try InlineFormat.split("a.b:%").1.apply(.number(0.9723)) == "97.2 %")
        #expect(try InlineFormat.split("a.b:.3f").1.apply(.number(0.41703)) == "0.417")
        #expect(try InlineFormat.split("a.b:.2e").1.apply(.number(12345)) == "1.23×10⁴")
        #expect(try InlineFormat.split("a.b:.1f").1.apply(.number(-0.04)) == "0.0")
        #expect(try InlineFormat.split("a.b:.2f").1.apply(.number(-1.5)) == "\u{2212}1.50")
        #expect(InlineFormat.split("x == 'a:b'").0 == "x == 'a:b'")
        #expect(throws: ExpressionError.self) { try InlineFormat.split("a:zz").1.apply(.number(1)) }
    }

    /// The release-configuration fuzzer's crash: a 38-digit literal with `:%`.
    @Test func hugeNumbersFormatWithoutCrashing() throws {
        let text = try InlineFormat.split("99990925555555555555555555555555555555:%").1.apply(.number(9.999092555555556e37))
        #expect(text.hasPrefix("999909255555555"))
        #expect(text.hasSuffix(".0 %"))
        #expect(try InlineFormat.split("x:.2f").1.apply(.number(-1e300)).count == 305)
    }
}
