import Foundation
import LessonMarkdown
import LessonResults
import LessonTestSupport
import Testing
@testable import LessonRunner

/// Two figures, tables or headings with one id: a warning at the later
/// `{#…}` naming the line of the first (until now the first won silently).
@Suite struct DuplicateAnchorsTests {
    static let lesson = """
    # T

    ## Loss {#loss}

    ![A](a.png){#fig:a}

    ![B](b.png){#fig:a}

    | x |
    |---|
    | 1 |

    Table: Sizes {#fig:a}

    ![C](c.png){#loss}

    ## Setup

    ![D](d.png){#setup}

    ## Loss again {#loss}

    ![E](e.png){#fig:e}

    Table: Other {#tbl:o}

    | y |
    |---|
    | 2 |

    See [@fig:a], [@fig:e] and [@tbl:o]; `{#fig:a}` in code is text.
    """

    func diagnostics(_ source: String) throws -> [Diagnostic] {
        let scratch = try ScratchFolder("anchors")
        defer { scratch.remove() }
        let executed = Pipeline(executor: Executor(cache: nil)).run(path: try scratch.write(source, to: "t.md"))
        return executed.allDiagnostics.filter { $0.code == .duplicateAnchor }
    }

    @Test func eachLaterIdIsAWarningAtItsPlace() throws {
        let found = try diagnostics(Self.lesson)
        let places = found.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0)" }
        #expect(places.sorted() == ["13:14", "15:12", "19:12", "21:1", "7:12"],
                "\(found.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.message)" })")
        #expect(found.allSatisfy { $0.severity == .warning })
        let byLine = Dictionary(found.map { ($0.location?.line ?? 0, $0.message) }, uniquingKeysWith: { a, _ in a })
        #expect(byLine[7] == "'{#fig:a}' is already the id of the figure on line 5; [@fig:a] and links to '#fig:a' lead there, not here: give this figure an id of its own")
        #expect(byLine[13]?.contains("already the id of the figure on line 5") == true && byLine[13]?.contains("give this table") == true)
        #expect(byLine[15]?.contains("already the id of the heading on line 3") == true)
        #expect(byLine[19] == "'{#setup}' is also the anchor of the heading 'Setup' (from its words); links to '#setup' lead to whichever comes first: give this figure an id of its own")
        #expect(byLine[21]?.contains("another heading already has the anchor 'loss'") == true)
    }

    @Test func distinctIdsAreQuiet() throws {
        let quiet = "# T\n\n## Loss {#loss}\n\n![A](a.png){#fig:a}\n\n![B](b.png){#fig:b}\n\n| x |\n|---|\n| 1 |\n\nTable: Sizes {#tbl:a}\n\n## Setup\n\n```\n![C](c.png){#fig:a}\n```\n"
        #expect(try diagnostics(quiet).isEmpty)
    }

    /// Found by a new teacher: a heading's `{#stop}` and a block's `id: stop`
    /// made no sound, and `[@stop]` led to the block.
    @Test func anIdThatIsABlocksIdIsAWarningNamingTheBlock() throws {
        let source = """
        # T

        ## Stopping early {#stop}

        ```experiment softmax
        id: stop
        logits: [1, 2]
        label: 0
        ```

        ![A](a.png){#sm}

        ```experiment softmax
        id: sm
        logits: [1, 2]
        label: 0
        ```

        See [@stop] and [@sm].
        """
        let found = try diagnostics(source)
        #expect(found.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0)" } == ["3:19", "11:12"], "\(found)")
        #expect(found.first?.message == "'{#stop}' is also the id of the experiment block on line 5 (id: stop); [@stop] leads to the block, not here (write [@sec:stop] for this heading): give this heading an id of its own")
        #expect(found.last?.message == "'{#sm}' is also the id of the experiment block on line 13 (id: sm); [@sm] leads to the block, not here: give this figure an id of its own")
        #expect(found.allSatisfy { $0.severity == .warning })
        // A heading whose words make the anchor (`## Stop`) is not an id the author gave: quiet.
        #expect(try diagnostics("# T\n\n## Stop\n\n```experiment softmax\nid: stop\nlogits: [1, 2]\nlabel: 0\n```\n").isEmpty)
    }

    @Test func lessonExplainKnowsTheCode() {
        let code = DiagnosticCode(rawValue: "duplicate-anchor")
        #expect(code?.explanation.contains("an id of its own") == true)
    }
}
