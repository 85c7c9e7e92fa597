import Testing
@testable import LessonMarkdown

/// `[@id]` is found in prose only, never in code of any kind, and located at its `[`.
@Suite struct CrossReferenceScanTests {
    func ids(_ source: MarkedSource) -> [String] {
        LessonLoader.parse(source.text, path: source.path).crossReferences.map(\.id)
    }

    @Test func proseReferencesAreFoundAndLocated() {
        let source = MarkedSource("""
            # See ⟨h⟩[@fig:a]

            Text ⟨p⟩[@tbl:b] and,
            on the next line, ⟨q⟩[@sec:c].

            - in a list ⟨l⟩[@d]
            > quoted ⟨b⟩[@e]

            | col |
            |-----|
            | ⟨t⟩[@f] |

            """)
        let references = LessonLoader.parse(source.text, path: source.path).crossReferences
        #expect(references.map(\.id) == ["fig:a", "tbl:b", "sec:c", "d", "e", "f"])
        for (reference, marker) in zip(references, ["h", "p", "q", "l", "b", "t"]) {
            #expect(reference.location == source.location(marker), "\(marker)")
        }
    }

    @Test func nothingInCodeCounts() {
        let source = MarkedSource("""
            Text.

                indented code [@nope1]

            ```
            fenced [@nope2]
            ```

            - item

                  indented code in a list item [@nope3]

            ~~~~
            ```
            still fenced [@nope4]
            ~~~~

            <div>
            html block [@nope5]
            </div>

            Code spans: `[@nope6]`, `` a ` [@nope7] ``, and one over
            a line break `start
            [@nope8] end`; an unmatched ` backtick leaves ⟨y⟩[@yes] alone.

            """)
        #expect(ids(source) == ["yes"])
        #expect(LessonLoader.parse(source.text, path: source.path).crossReferences.first?.location == source.location("y"))
    }

    @Test func codeSpansPairRunsOfTheSameLength() {
        func spans(_ text: String) -> [String] {
            let characters = Array(text)
            return CrossReference.codeSpans(characters).map { String(characters[$0]) }
        }
        #expect(spans("a `b` c") == ["`b`"])
        #expect(spans("``a ` b`` `c`") == ["``a ` b``", "`c`"])
        #expect(spans("` lone") == [])
        #expect(spans("\\`not `code`") == ["`code`"])
        #expect(spans("`a`` b`") == ["`a`` b`"])
    }
}
