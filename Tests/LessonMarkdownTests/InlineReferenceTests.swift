import Testing
import LessonMarkdown

/// `` `=expr` `` code spans become references located at their backtick.
@Suite struct InlineReferenceTests {
    @Test func referencesAreLocatedAtTheirOpeningBacktick() {
        let source = MarkedSource("""
            # Results for ⟨h⟩`=mlp.name`

            The loss is ⟨a⟩`=mlp.loss` and ⟨b⟩`` =mlp.accuracy `` (plain `code`).
            A second line with ⟨c⟩`=x.y`,
               an indented continuation ⟨d⟩`=x.z`
            and after é, ü and 🙂 ⟨e⟩`=x.w`.

            > Quoted ⟨f⟩`=q.one`
            > continued ⟨g⟩`=q.two`
            lazy ⟨i⟩`=q.three`

            - item ⟨j⟩`=l.one`
              more ⟨k⟩`=l.two` ⟨l⟩`=l.three`

            | metric | value |
            |--------|-------|
            | loss   | ⟨m⟩`=t.loss` |

            *emphasis ⟨n⟩`=em.x`* and [link ⟨o⟩`=link.x`](https://example.com)
            """)
        let lesson = source.parse()
        let names = ["h", "a", "b", "c", "d", "e", "f", "g", "i", "j", "k", "l", "m", "n", "o"]
        #expect(lesson.references.map(\.expression) == [
            "mlp.name", "mlp.loss", "mlp.accuracy", "x.y", "x.z", "x.w",
            "q.one", "q.two", "q.three", "l.one", "l.two", "l.three", "t.loss", "em.x", "link.x",
        ])
        #expect(lesson.references.map(\.id) == Array(0..<names.count))
        for (reference, name) in zip(lesson.references, names) {
            #expect(reference.location == source.location(name), "\(name): \(reference.expression)")
        }
    }

    @Test func referencesReplaceTheirCodeSpansInTheTree() {
        let lesson = LessonLoader.parse("Loss `=a.loss`, code `x`, `= spaced ` and `==`.", path: "l.md")
        #expect(lesson.blocks == [.paragraph([
            .text("Loss "), .reference(0), .text(", code "), .code("x"), .text(", "),
            .reference(1), .text(" and "), .reference(2), .text("."),
        ])])
        #expect(lesson.references.map(\.expression) == ["a.loss", "spaced", "="])
    }

    @Test func codeBlocksAndEscapedBackticksAreNotReferences() {
        let lesson = LessonLoader.parse("""
            ```
            `=not.a.ref`
            ```

                `=indented.code`

            \\`=escaped\\` and <span title="`=in.html`">x</span>
            """, path: "l.md")
        #expect(lesson.references.isEmpty)
    }

    @Test func referenceNextToMathKeepsItsColumn() {
        let source = MarkedSource("""
            With $\\alpha_1$ and $$\\beta$$ then ⟨a⟩`=m.x` and $x$⟨b⟩`=m.y`.
            > $y_{i}$ ⟨c⟩`=m.z` $\\frac{1}{2}$ ⟨d⟩`=m.w`
            """)
        let lesson = source.parse()
        #expect(lesson.references.map(\.expression) == ["m.x", "m.y", "m.z", "m.w"])
        for (reference, name) in zip(lesson.references, ["a", "b", "c", "d"]) {
            #expect(reference.location == source.location(name), "\(name)")
        }
    }

    @Test func referenceLocationsSurviveCRLFAndByteOrderMark() throws {
        let source = MarkedSource("Title\n=====\n\nA ⟨a⟩`=r.a`\n  b ⟨b⟩`=r.b`\n")
        let lesson = LessonLoader.parse(data: .init(source.bytes(crlf: true, bom: true)), path: source.path)
        #expect(lesson.references.map(\.location) == [source.location("a"), source.location("b")])
        #expect(lesson.title == "Title")
    }

    @Test func referencesInTabIndentedContinuationLines() {
        let source = MarkedSource("Start\n\t\tend ⟨a⟩`=r.tab`\n")
        #expect(source.parse().references.first?.location == source.location("a"))
    }

    @Test func multilineCodeSpanReference() {
        let source = MarkedSource("Here ⟨a⟩`=long\nname` ends.\n")
        let lesson = source.parse()
        #expect(lesson.references.first?.expression == "long name")
        #expect(lesson.references.first?.location == source.location("a"))
    }

    @Test func referencesInNestedTablesSetextHeadingsAndMultilineLinks() {
        let source = MarkedSource("""
            > | a | b |
            > |---|---|
            > | ⟨a⟩`=t.a` | x ⟨b⟩`=t.b` |

            - | a | b |
              |---|---|
              | ⟨c⟩`=t.c` | x ⟨d⟩`=t.d` |

            > - item
            >   cont ⟨e⟩`=t.e`
            >     more ⟨f⟩`=t.f`
            > lazy ⟨g⟩`=t.g`

            Setext ⟨h⟩`=t.h`
              second ⟨i⟩`=t.i`
            ===

            [link text
             ⟨j⟩`=t.j`](u) ⟨k⟩`=t.k`

            [x](<url>
            "title") ⟨l⟩`=t.l` ⟨m⟩`=t.l`
            """)
        let lesson = source.parse()
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"]
        #expect(lesson.references.count == names.count)
        for (reference, name) in zip(lesson.references, names) {
            #expect(reference.location == source.location(name), "\(name)")
        }
    }
}
