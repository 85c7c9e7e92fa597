import Experiments
import LessonMarkdown
import LessonSupport
import Testing
@testable import LessonRunner
import LessonResults

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

    static func block(_ n: Int, extra: String = "") -> String {
        "```experiment softmax\nlogits: [1, 2]\nlabel: 0\n\(extra)```\n\n"
    }

    /// Found by hand: 10,000 blocks ran (1.7 s, fine) but, with every
    /// expectation and inline value misspelt, checking took 205 s.
    @Test func aLessonRunsAtMostAThousandBlocksAndSaysSo() throws {
        let source = (0..<1_005).map { Self.block($0) }.joined()
        let plan = Planner.plan(LessonLoader.parse(source, path: "l.md"))
        #expect(plan.blocks.count == 1_000)
        let diagnostic = try #require(plan.diagnostics.first)
        #expect(plan.diagnostics.count == 1)
        #expect(diagnostic.message == "too many experiment blocks: a lesson may have at most 1,000, this one has 1,005; this block and the ones after it are not run")
        #expect(diagnostic.location == SourceLocation(path: "l.md", line: 1 + 5 * 1_000, column: 1))
        let executed = Executor(cache: nil).execute(plan)
        #expect(!executed.passed)
        #expect(CheckSummary([executed]).otherErrors == 1)
        #expect(Planner.plan(LessonLoader.parse((0..<1_000).map { Self.block($0) }.joined(), path: "l.md")).diagnostics.isEmpty)
    }

    /// Each of 10,000 unknown names searched every known one for a "did you
    /// mean" (minutes). Only the first searches suggest now, which the
    /// messages show; the time limit, far above a normal run on any machine,
    /// only catches a hang.
    @Test(.timeLimit(.minutes(10))) func manyUnknownValuesAreReportedQuickly() throws {
        let blocks = (0..<1_000).map { Self.block($0, extra: "expect: ['los < 1']\n") }.joined()
        let references = (0..<5_000).map { "`=softmax_\($0 % 1_000 + 1).los` `=nope\($0)`" }.joined(separator: "\n")
        let plan = Planner.plan(LessonLoader.parse(blocks + references + "\n", path: "l.md"))
        let lesson = Executor(cache: nil).execute(plan)
        #expect(lesson.diagnostics.count == 10_000)
        // The first searches still suggest; the rest only list what is available.
        let first = try #require(lesson.blocks.first?.diagnostics.first)
        #expect(first.message == "cannot evaluate expectation 'los < 1': unknown value 'los'; did you mean 'loss'?")
        let last = try #require(lesson.diagnostics.last)
        #expect(last.message == "inline value `=nope4999`: unknown value 'nope4999'")
        #expect(last.notes.first?.message.hasPrefix("available: softmax_1, softmax_10, softmax_100,") == true)
    }

    /// Found by hand: an alias of a "billion laughs" anchor used as a mapping
    /// key never finished composing; now it is one error at the alias.
    @Test func yamlBombIsAnErrorAtItsPlaceInTheFile() throws {
        var lines = ["a0: &a0 [1,1,1,1,1,1,1,1,1]"]
        for level in 1..<10 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]")
        }
        let source = "# Bomb\n\n> ```experiment softmax\n" + (lines + ["? *a9", ": 1", "logits: [1, 2]", "label: 0"]).map { "> " + $0 + "\n" }.joined() + "> ```\n"
        let plan = Planner.plan(LessonLoader.parse(source, path: "l.md"))
        let diagnostic = try #require(plan.blocks.first?.diagnostics.first)
        #expect(plan.blocks.first?.diagnostics.count == 1)
        #expect(diagnostic.message.hasPrefix("YAML aliases in this block expand to more than 100,000 values"))
        #expect(diagnostic.location == SourceLocation(path: "l.md", line: 9, column: 12))  // `*a4` in `> a5: &a5 [*a4,…`
    }

    /// Found by the `names` fuzzer: `lesson check 'lessons//π'` trapped in
    /// Foundation's path code; paths are given with single slashes.
    @Test func aDoubledSlashBeforeOneNonASCIICharacterIsAPath() throws {
        #expect("lessons//π".collapsingSlashes == "lessons/π")
        #expect("//a///b/".collapsingSlashes == "/a/b/")
        #expect("plain/path".collapsingSlashes == "plain/path")
        #expect(throws: LessonDiscovery.Missing.self) { try LessonDiscovery.find(in: ["no-such-folder//π"]) }
        let error = try #require(throws: LessonDiscovery.Missing.self) { try LessonDiscovery.find(in: ["no-such-folder//π"]) }
        #expect(error.path == "no-such-folder/π")
    }
}
