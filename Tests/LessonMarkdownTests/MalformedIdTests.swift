import Testing
@testable import LessonMarkdown

/// A `[@…]` or a trailing `{#…}` that is not an id was left as text in the
/// page with no word (issue 21); each is now found, located at its bracket.
@Suite struct MalformedIdTests {
    @Test func malformedIdsAreFoundAndLocated() throws {
        let source = MarkedSource("""
            # Title

            See ⟨a⟩[@fig loss] and ⟨b⟩[@] and ⟨c⟩[@fig/x], but [@fig:ok] is one.

            ![Loss](loss.png)⟨d⟩{#fig:my loss}

            | a |
            |---|
            | 1 |

            Table: Sizes ⟨e⟩{#tbl: sizes}

            ## Setup ⟨f⟩{#1-setup}

            ## Fine {#setup}

            """)
        let malformed = LessonLoader.parse(source.text, path: source.path).malformedIds
        #expect(malformed.map(\.text) == ["[@fig loss]", "[@]", "[@fig/x]", "{#fig:my loss}", "{#tbl: sizes}", "{#1-setup}"])
        #expect(malformed.map(\.form) == [.reference, .reference, .reference, .attribute, .attribute, .attribute])
        for (found, marker) in zip(malformed, ["a", "b", "c", "d", "e", "f"]) {
            #expect(found.location == source.location(marker), "\(marker)")
        }
        try #require(malformed.count == 6)
        #expect(malformed[0].reason.contains("no spaces"))
        #expect(malformed[1].reason == "the id is empty")
        #expect(malformed[5].reason.contains("starts with a letter"))
    }

    /// Links whose text starts with `@`, braces inside a line, code and
    /// escaped braces are not ids at all.
    @Test func whatIsNotAnIdIsLeftAlone() {
        let text = """
            Follow [@Jane Doe](https://example.org) and [@Jane Doe][j].

            [@Jane Doe]: https://example.org

            A set {#a b} in the middle of a line, `[@in code]` and `{#x y}`.

            Escaped \\{#not an id} and an unclosed [@fig loss.

                indented [@a b] {#c d}

            """
        #expect(LessonLoader.parse(text, path: "t.md").malformedIds == [])
    }
}
