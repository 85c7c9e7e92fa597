import Testing
import LessonMarkdown

/// The shape of the tree the renderer walks.
@Suite struct BlockNodeTests {
    @Test func tableWithAlignmentsAndPaddedRows() {
        let lesson = LessonLoader.parse("""
            | left | center | right | none |
            |:-----|:------:|------:|------|
            | *a*  | `b`    | c     |
            """, path: "t.md")
        #expect(lesson.blocks == [.table(Table(
            alignments: [.left, .center, .right, .none],
            header: [[.text("left")], [.text("center")], [.text("right")], [.text("none")]],
            rows: [[[.emphasis([.text("a")])], [.code("b")], [.text("c")], []]]
        ))])
    }

    @Test func taskListItemsAreChecked() {
        let lesson = LessonLoader.parse("- [x] done\n- [ ] todo\n- plain\n", path: "t.md")
        #expect(lesson.blocks == [.list(ordered: false, start: 1, tight: true, items: [
            ListItem(checked: true, blocks: [.paragraph([.text("done")])]),
            ListItem(checked: false, blocks: [.paragraph([.text("todo")])]),
            ListItem(checked: nil, blocks: [.paragraph([.text("plain")])]),
        ])])
    }

    @Test func strikethroughAndAutolinks() {
        let lesson = LessonLoader.parse("~~old~~ www.example.com and https://x.org/a?b=1 and <mailto:a@b.c>", path: "t.md")
        #expect(lesson.blocks == [.paragraph([
            .strikethrough([.text("old")]), .text(" "),
            .link(destination: "http://www.example.com", title: "", [.text("www.example.com")]),
            .text(" and "),
            .link(destination: "https://x.org/a?b=1", title: "", [.text("https://x.org/a?b=1")]),
            .text(" and "),
            .link(destination: "mailto:a@b.c", title: "", [.text("mailto:a@b.c")]),
        ])])
    }

    @Test func inlineShapes() {
        let lesson = LessonLoader.parse(
            "*em* **strong** [link](/u \"T\") ![alt *x*](i.png \"I\") <b>raw</b>  \nnext\nsoft &amp; \\*",
            path: "t.md"
        )
        #expect(lesson.blocks == [.paragraph([
            .emphasis([.text("em")]), .text(" "), .strong([.text("strong")]), .text(" "),
            .link(destination: "/u", title: "T", [.text("link")]), .text(" "),
            .image(source: "i.png", title: "I", alt: [.text("alt "), .emphasis([.text("x")])]), .text(" "),
            .html("<b>"), .text("raw"), .html("</b>"), .lineBreak, .text("next"), .softBreak, .text("soft & *"),
        ])])
    }

    @Test func blocksOfEveryKind() {
        let lesson = LessonLoader.parse("""
            Intro

            ---

            <div class="note">
            kept
            </div>

            3. three
            4. four

            > - a
            >
            > - b

                indented code

            ```swift
            let x = 1
            ```
            """, path: "t.md")
        #expect(lesson.blocks == [
            .paragraph([.text("Intro")]),
            .thematicBreak,
            .htmlBlock("<div class=\"note\">\nkept\n</div>\n"),
            .list(ordered: true, start: 3, tight: true, items: [
                ListItem(blocks: [.paragraph([.text("three")])]),
                ListItem(blocks: [.paragraph([.text("four")])]),
            ]),
            .blockQuote([.list(ordered: false, start: 1, tight: false, items: [
                ListItem(blocks: [.paragraph([.text("a")])]),
                ListItem(blocks: [.paragraph([.text("b")])]),
            ])]),
            .codeBlock(info: "", literal: "indented code\n"),
            .codeBlock(info: "swift", literal: "let x = 1\n"),
        ])
    }

    @Test func headingsGetUniqueAnchorsAndTheFirstLevelOneIsTheTitle() {
        let lesson = LessonLoader.parse("""
            ## Before the title

            # Dropout: *an* Ensemble!

            ## Results

            ## Results

            Results-1
            ---------

            ## ¿Qué tal?

            ## !!!

            # Second title
            """, path: "t.md")
        let anchors = lesson.blocks.compactMap { block -> String? in
            if case .heading(_, _, let anchor) = block { return anchor }
            return nil
        }
        #expect(anchors == ["before-the-title", "dropout-an-ensemble", "results", "results-1", "results-1-1", "qué-tal", "section", "second-title"])
        #expect(lesson.title == "Dropout: an Ensemble!")
    }

    @Test func noTitleWithoutALevelOneHeading() {
        #expect(LessonLoader.parse("## Sub\n\ntext", path: "t.md").title == nil)
        #expect(LessonLoader.parse("", path: "t.md").blocks.isEmpty)
    }

    @Test func textRunsAreMerged() {
        // cmark splits text at `[`, `!`, `w` (autolink) and entities.
        let lesson = LessonLoader.parse("a [b ! wow &lt; c] d", path: "t.md")
        #expect(lesson.blocks == [.paragraph([.text("a [b ! wow < c] d")])])
    }
}
