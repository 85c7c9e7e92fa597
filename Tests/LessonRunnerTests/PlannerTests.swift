import Experiments
import LessonMarkdown
import Testing
@testable import LessonRunner
import LessonResults

/// Validation errors land at exactly the spot marked `⟨n⟩` in the fixture.
@Suite struct PlannerTests {
    /// Strips `⟨n⟩` markers and returns the text and each marker's 1-based
    /// (line, column), columns in Unicode scalars like the loader's.
    static func markers(_ text: String) -> (String, [Int: (Int, Int)]) {
        var clean = String.UnicodeScalarView()
        var found: [Int: (Int, Int)] = [:]
        var line = 1, column = 1
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.first {
            if c == "⟨", let close = scalars.firstIndex(of: "⟩"),
               let n = Int(String(String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex)..<close]))) {
                found[n] = (line, column)
                scalars = scalars[scalars.index(after: close)...]
                continue
            }
            clean.append(c)
            if c == "\n" { line += 1; column = 1 } else { column += 1 }
            scalars = scalars.dropFirst()
        }
        return (String(clean), found)
    }

    func plan(_ marked: String) -> (Plan, [Int: (Int, Int)]) {
        let (source, marks) = Self.markers(marked)
        return (Planner.plan(LessonLoader.parse(source, path: "l.md")), marks)
    }

    func expectDiagnostic(_ plan: Plan, _ message: String, at mark: (Int, Int)?, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let all = plan.blocks.flatMap(\.diagnostics) + plan.blocks.flatMap { $0.expectations.compactMap(\.problem) }
        guard let d = all.first(where: { $0.message == message }) else {
            Issue.record("no diagnostic '\(message)'; have \(all.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "-") \($0.message)" })",
                         sourceLocation: sourceLocation)
            return
        }
        #expect(d.location?.line == mark?.0 && d.location?.column == mark?.1,
                "\(message) at \(d.location.map { "\($0.line):\($0.column)" } ?? "-"), expected \(mark.map { "\($0.0):\($0.1)" } ?? "-")",
                sourceLocation: sourceLocation)
    }

    @Test func unknownKindPointsAtTheKindWord() {
        let (p, m) = plan("# T\n\n```experiment ⟨1⟩softmx\nlogits: [1, 2]\n```\n")
        expectDiagnostic(p, "unknown experiment kind 'softmx'; did you mean 'softmax'?", at: m[1])
    }

    @Test func missingKind() {
        let (p, m) = plan("```experiment⟨1⟩\na: 1\n```\n")
        expectDiagnostic(p, "experiment block without a kind; write 'experiment <kind>'", at: m[1])
    }

    @Test func extraWordsOnTheFenceLineWarnButTheBlockRuns() {
        let (p, m) = plan("```experiment ⟨1⟩softmax softmax\nlogits: [1, 2]\nlabel: 0\n```\n")
        expectDiagnostic(p, "ignored text 'softmax' after 'experiment softmax' on the fence line", at: m[1])
        #expect(p.blocks[0].diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test func unknownKeyInABlockQuoteInAList() {
        let (p, m) = plan("- item\n\n  > ```experiment softmax\n  > logits: [1, 2]\n  > label: 0\n  > ⟨1⟩tempreture: 2\n  > ```\n")
        expectDiagnostic(p, "unknown key 'tempreture' for kind 'softmax'; did you mean 'temperature'?", at: m[1])
    }

    @Test func outOfRangeAndWrongTypeAtTheValue() {
        let (p, m) = plan("~~~experiment softmax\nlogits: [1, 2]\nlabel: 0\ntemperature: ⟨1⟩0\nseed: ⟨2⟩abc\n~~~\n")
        expectDiagnostic(p, "'temperature' is 0, outside the allowed range 0.01 ≤ temperature ≤ 1,000,000", at: m[1])
        expectDiagnostic(p, "'seed' must be an integer, found 'abc'", at: m[2])
    }

    @Test func aBlockThatCannotBeReadKeepsTheIdItsAuthorWrote() {
        let (p, _) = plan("```experiment softmax\nlogits: [1, 2\nid: first\n```\n\n```experiment nokind\nid: second # note\n```\n\n"
                          + "```experiment softmax\nlogits: [1, 2\n  id: nested\nid: 9bad\n```\n")
        #expect(p.blocks.map(\.id) == ["first", "second", "softmax_2"])
        #expect(p.blocks.allSatisfy { $0.prepared == nil })
        let (q, _) = plan("```experiment softmax\nlogits: [1, 2\nid: \"quoted\"\n```\n\n```experiment nokind\nid: 'single' # note\n```\n")
        #expect(q.blocks.map(\.id) == ["quoted", "single"])
    }

    /// Found in review: a block whose YAML does not parse, with `id: broken`,
    /// made a valid block further on with the same id fail as its duplicate,
    /// so one typo failed two blocks. The recovered id yields; two valid
    /// blocks with one id are still duplicates.
    @Test func aRecoveredIdNeverMakesAValidBlockADuplicate() {
        let (p, _) = plan("```experiment softmax\nid: broken\nlogits: [1, 2\n```\n\n```experiment softmax\nid: broken\nlogits: [1, 2]\nlabel: 0\n```\n\n"
                          + "```experiment nokind\nid: other\n```\n\n```experiment nokind\nid: other\n```\n")
        #expect(p.blocks.map(\.id) == ["softmax_1", "broken", "other", "nokind_2"])
        #expect(p.blocks.flatMap(\.diagnostics).allSatisfy { $0.code != .duplicateId }, "\(p.blocks.flatMap(\.diagnostics).map(\.message))")
        #expect(p.blocks[1].prepared != nil)
        let (q, _) = plan("```experiment softmax\nid: twice\nlogits: [1, 2]\nlabel: 0\n```\n\n```experiment softmax\nid: twice\nlogits: [1, 2]\nlabel: 0\n```\n")
        #expect(q.blocks[1].diagnostics.map(\.code) == [.duplicateId])
    }

    @Test func theIdRuleIsOneRule() {
        #expect(Planner.isValidId("a") && Planner.isValidId("loss_2") && Planner.isValidId(String(repeating: "a", count: 64)))
        #expect(!Planner.isValidId("") && !Planner.isValidId("9a") && !Planner.isValidId("é") && !Planner.isValidId("a-b")
                && !Planner.isValidId(String(repeating: "a", count: 65)) && !Planner.isValidId("a\n"))
    }

    /// YAML reads '[' inside '{…}' as the start of a list; the error says to quote the path.
    @Test func aPathWithBracketsInAFlowMappingIsToldToBeQuoted() {
        let (p, m) = plan("```experiment softmax\nlogits: [1, 2]\nlabel: 0\nchart:\n  y: {probabilities⟨1⟩[0]: first, x: y}\n```\n\n"
                          + "```experiment softmax\nlogits: [1, 2]\nlabel: 0\nchart: {y: [gradient⟨2⟩[0].x, loss]}\n```\n")
        let diagnostics = p.blocks.map { $0.diagnostics.first }
        #expect(diagnostics.map { $0?.location?.line } == [m[1]?.0, m[2]?.0])
        #expect(diagnostics.map { $0?.location?.column } == [m[1]?.1, m[2]?.1])
        #expect(diagnostics.map { $0?.notes.last?.message } == [
            "inside '{…}' or '[…]' YAML reads '[' as the start of a list: put a path with brackets in quotes, 'probabilities[0]'",
            "inside '{…}' or '[…]' YAML reads '[' as the start of a list: put a path with brackets in quotes, 'gradient[0].x'",
        ])
        let (other, _) = plan("```experiment softmax\nlogits: [1, 2\nlabel: 0\n```\n")
        #expect(other.blocks[0].diagnostics.first?.notes.isEmpty == true)
    }

    @Test func malformedYAMLAtTheLessonLine() {
        let (p, m) = plan("Intro.\n\n```experiment softmax\nlogits: [1, 2\n⟨1⟩label: 0\n```\n")
        let d = p.blocks[0].diagnostics.first
        #expect(d?.message.hasPrefix("malformed YAML") == true)
        #expect(d?.location?.line == m[1]?.0)
    }

    @Test func missingRequiredKeyAtTheFence() {
        let (p, m) = plan("text\n\n⟨1⟩```experiment softmax\nlogits: [1, 2]\n```\n")
        expectDiagnostic(p, "missing required key 'label' (integer or class name, or a list of them)", at: m[1])
    }

    @Test func badExpectationPointsIntoTheExpression() {
        let (p, m) = plan("```experiment softmax\nlogits: [1, 2]\nlabel: 0\nexpect:\n  - \"loss ⟨1⟩= 1\"\n```\n")
        expectDiagnostic(p, "invalid expectation 'loss = 1': '=' is not a comparison; write '==' to compare", at: m[1])
    }

    /// 'every:' is the one mapping an entry may be; a misspelt one is named
    /// as such, not only as "must be an expression in quotes".
    @Test func aMisspeltEveryIsNamed() {
        let (p, m) = plan("```experiment softmax\nlogits: [1, 2]\nlabel: 0\nexpect:\n  - ⟨1⟩evrey: \"loss > 0\"\n  - ⟨2⟩[1, 2]\n```\n")
        expectDiagnostic(p, "each 'expect' entry must be an expression in quotes, or 'every: \"…\"' to check it at every explored position; found a mapping with the key 'evrey'; did you mean 'every'?", at: m[1])
        expectDiagnostic(p, "each 'expect' entry must be an expression in quotes, or 'every: \"…\"' to check it at every explored position; found a list", at: m[2])
    }

    @Test func idRulesAndDuplicates() {
        let (p, m) = plan("⟨2⟩```experiment softmax\nid: ⟨1⟩my-id\nlogits: [1, 2]\nlabel: 0\n```\n\n⟨3⟩```experiment softmax\nid: a\nlogits: [1, 2]\nlabel: 0\n```\n\n⟨4⟩```experiment softmax\nid: a\nlogits: [1, 2]\nlabel: 0\n```\n")
        expectDiagnostic(p, "'id' must start with an ASCII letter and contain only ASCII letters, digits and '_' (ids are used in expressions such as `=my_id.loss`), found 'my-id'; try 'my_id'", at: m[1])
        expectDiagnostic(p, "duplicate block id 'a'; ids name a block's values and must be unique in a lesson", at: m[4])
        #expect(p.blocks[1].isValid && !p.blocks[2].isValid)
        _ = (m[2], m[3])
    }

    /// A Vietnamese teacher's id: the suggestion is one the rule accepts, not
    /// the same id back ("found 'hàm_mất'; try 'hàm_mất'").
    @Test func anIdWithAccentsSuggestsItsASCIIFolding() {
        let (p, m) = plan("```experiment softmax\nid: ⟨1⟩hàm_mất\nlogits: [1, 2]\nlabel: 0\n```\n\n```experiment softmax\nid: ⟨2⟩đường\nlogits: [1, 2]\nlabel: 0\n```\n")
        expectDiagnostic(p, "'id' must start with an ASCII letter and contain only ASCII letters, digits and '_' (ids are used in expressions such as `=ham_mat.loss`), found 'hàm_mất'; try 'ham_mat'", at: m[1])
        expectDiagnostic(p, "'id' must start with an ASCII letter and contain only ASCII letters, digits and '_' (ids are used in expressions such as `=b_uong.loss`), found 'đường'; try 'b_uong'", at: m[2])
    }

    @Test func crlfAndBOMKeepPositions() {
        let (source, m) = Self.markers("# T\n\n```experiment softmax\nlogits: [1, 2]\nlabel: ⟨1⟩9\n```\n")
        let crlf = "\u{FEFF}" + source.replacingOccurrences(of: "\n", with: "\r\n")
        let p = Planner.plan(LessonLoader.parse(crlf, path: "l.md"))
        expectDiagnostic(p, "label 9 is outside the allowed range 0…1 (one index per class)", at: m[1])
    }

    @Test func defaultIdsAndSeedsAreStable() {
        let (p, _) = plan("```experiment softmax\nlogits: [1, 2]\nlabel: 0\n```\n\n```experiment softmax\nlogits: [1, 2]\nlabel: 0\nseed: 7\n```\n")
        #expect(p.blocks.map(\.id) == ["softmax_1", "softmax_2"])
        #expect(p.blocks[1].seed == 7)
        let again = Planner.plan(LessonLoader.parse("```experiment softmax\nlogits: [1, 2]\nlabel: 0\n```\n", path: "other/dir/l.md"))
        #expect(again.blocks[0].seed == p.blocks[0].seed)
    }

    @Test func everyErrorInABlockIsReportedAtOnce() {
        let (p, _) = plan("```experiment softmax\nlogits: [1, .inf]\nlabel: x\ntemperature: -1\nfoo: 1\n```\n")
        #expect(p.blocks[0].diagnostics.count >= 3)
        #expect(p.blocks[0].prepared == nil)
    }

    /// 100,000 misspelt keys are not 100,000 messages: the first ones and a
    /// count of the rest, at the first one not listed.
    @Test func aBlockWithThousandsOfProblemsListsTheFirstAndCountsTheRest() {
        let keys = (0..<2_000).map { "k\($0): 1" }.joined(separator: "\n")
        let lesson = LessonLoader.parse("```experiment softmax\nlogits: [1, 2]\nlabel: 0\n\(keys)\n```\n", path: "many.md")
        let block = Planner.plan(lesson).blocks[0]
        #expect(block.diagnostics.count == Planner.maximumDiagnosticsPerBlock + 1)
        #expect(block.diagnostics.first?.message.contains("unknown key 'k0'") == true)
        let last = block.diagnostics.last
        #expect(last?.message.hasPrefix("1,950 more problems in this block") == true, "\(String(describing: last))")
        #expect(last?.location?.line == 4 + Planner.maximumDiagnosticsPerBlock)
        #expect(block.prepared == nil)
    }

    /// A 100,000-character expectation is quoted back cut short, not as a
    /// 100,000-character line.
    @Test func aHugeBadExpectationIsQuotedShort() {
        let text = String(repeating: "(", count: 100_000) + "1"
        let lesson = LessonLoader.parse("```experiment softmax\nlogits: [1, 2]\nlabel: 0\nexpect:\n  - \"\(text)\"\n```\n", path: "long.md")
        let problem = Planner.plan(lesson).blocks[0].expectations.first?.problem
        #expect(problem?.message.hasPrefix("invalid expectation '" + String(repeating: "(", count: 80) + "…': ") == true,
                "\(String(describing: problem?.message.prefix(200)))")
        #expect((problem?.message.count ?? 0) < 300)
    }

    /// "missing required key 'label'" when `label:` is there, below a line
    /// that ended the list item: every problem of the block says where and why.
    @Test func aBlockCutShortByItsListItemSaysSoBesideEachProblem() throws {
        let lesson = LessonLoader.parse("1. Softmax:\n\n   ```experiment softmax\n   logits: [1, 2]\n  label: 1\n   ```\n", path: "cut.md")
        let plan = Planner.plan(lesson)
        let missing = try #require(plan.blocks.first?.diagnostics.first { $0.message.hasPrefix("missing required key 'label'") })
        #expect(missing.notes.contains(Diagnostic.Note(
            "the block ends before its closing fence: line 5 is indented 2 spaces, less than the 3 of the list item the block is in, "
                + "so it ends the list item, and the block with it", location: SourceLocation(path: "cut.md", line: 5, column: 1))))
        #expect(plan.diagnostics.contains { $0.code == .markdown && $0.severity == .error && $0.location?.line == 5 })
    }
}
