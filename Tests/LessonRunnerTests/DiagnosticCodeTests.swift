import LessonMarkdown
import Testing
@testable import LessonRunner
import LessonResults

/// Every diagnostic carries a code that says what kind of problem it is, at
/// the place the problem is; behaviour keys on the code, not the wording.
@Suite struct DiagnosticCodeTests {
    static let lesson = """
    # Codes

    ```experiment softmx
    logits: [1, 2]
    ```

    ```experiment softmax
    id: a
    logits: [1, 2]
    label: 1
    tempreture: 2
    ```

    ```experiment softmax
    id: a
    logits: [1, 2]
    label: 7
    ```

    ```experiment signal
    id: big
    depth: 50
    width: 1000
    examples: 100000
    ```

    ```experiment softmax
    id: c
    logits: [2, 1]
    label: 1
    expect:
      - "loss < 0.01"
      - "los < 1"
      - "loss ="
    ```

    The loss is `=c.nope`; see [@nowhere].
    """

    func codes(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.location?.line ?? 0):\($0.code.name)" }
    }

    @Test func planningProblemsHaveTheirCodes() {
        let plan = Planner.plan(LessonLoader.parse(Self.lesson, path: "codes.md"))
        let all = plan.blocks.flatMap(\.diagnostics) + plan.blocks.flatMap { $0.expectations.compactMap(\.problem) }
        let found = Set(codes(all))
        for expected in ["3:unknown-kind", "11:unknown-key", "17:invalid-value", "14:duplicate-id", "22:over-budget", "34:invalid-expectation"] {
            #expect(found.contains(expected), "no \(expected) in \(found.sorted())")
        }
    }

    @Test func runningProblemsHaveTheirCodes() {
        let executed = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(Self.lesson, path: "codes.md")))
        let found = Set(codes(executed.allDiagnostics))
        for expected in ["32:expectation-failed", "33:expectation-error", "37:inline-value"] {
            #expect(found.contains(expected), "no \(expected) in \(found.sorted())")
        }
    }

    @Test func theCodeIsPrintedAfterTheMessage() {
        let diagnostic = Diagnostic(.unknownKey, "unknown key 'x'", at: SourceLocation(path: "a.md", line: 3, column: 1))
        #expect(diagnostic.formatted() == "a.md:3:1: error: unknown key 'x' [unknown-key]")
        #expect(diagnostic.githubAnnotation.hasPrefix("::error file=a.md,line=3,col=1,title=unknown-key::"), "\(diagnostic.githubAnnotation)")
    }

    @Test func everyCodeIsNamedOnceAndExplained() {
        let names = DiagnosticCode.allCases.map(\.name)
        #expect(Set(names).count == names.count)
        for code in DiagnosticCode.allCases {
            #expect(code.name.allSatisfy { $0.isLowercase || $0 == "-" }, "\(code.name)")
            #expect(!code.summary.isEmpty && !code.remedy.isEmpty)
            #expect(code.explanation.hasPrefix(code.name + ": "))
        }
        #expect(DiagnosticCode.allCases.filter(\.isFailedClaim) == [.expectationFailed, .noisyTiming])
    }
}
