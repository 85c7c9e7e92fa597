import Foundation
import Testing
import LessonMarkdown

/// Experiment blocks are found at any nesting, with exact positions.
@Suite struct ExperimentBlockTests {
    /// A lesson with experiment blocks in most places they can be.
    static let nested = MarkedSource("""
        # Nested

        ⟨top⟩```experiment ⟨topKind⟩mlp
        hidden: [4]
        ```

        - a list item

          ⟨list⟩```experiment ⟨listKind⟩dropout
          keep_prob: 0.5
          ```

        > quoted
        >
        > ⟨quote⟩~~~experiment ⟨quoteKind⟩norms
        > layers: [batch]
        > ~~~

        > - list in a quote
        >
        >   ⟨listInQuote⟩```experiment ⟨listInQuoteKind⟩init
        >   scale: 2
        >   ```

        1. ordered
           - nested
             > deep
             > ⟨deep⟩````  experiment   ⟨deepKind⟩optim
             > lr: 0.1
             > ````

        An indented fence strips up to its own indentation from the body:

          ⟨indented⟩```experiment ⟨indentedKind⟩indent
        x: 1
            ⟨y⟩y: 2
          ```

        """)

    static let names = ["top", "list", "quote", "listInQuote", "deep", "indented"]

    @Test func findsBlocksAtEveryNestingInOrder() {
        let lesson = Self.nested.parse()
        #expect(lesson.experiments.map(\.kind) == ["mlp", "dropout", "norms", "init", "optim", "indent"])
        #expect(lesson.experiments.map(\.index) == Array(0..<6))
        for (experiment, name) in zip(lesson.experiments, Self.names) {
            #expect(experiment.location == Self.nested.location(name), "\(name)")
            #expect(experiment.kindLocation == Self.nested.location(name + "Kind"), "\(name)")
        }
    }

    @Test func bodiesHaveContainerPrefixesRemoved() {
        let lesson = Self.nested.parse()
        #expect(lesson.experiments.map(\.body) == [
            "hidden: [4]\n", "keep_prob: 0.5\n", "layers: [batch]\n", "scale: 2\n", "lr: 0.1\n", "x: 1\n  y: 2\n",
        ])
        #expect(lesson.experiments[4].infoString == "experiment   optim")
        #expect(lesson.experiments[5].fileLocation(bodyLine: 2, bodyColumn: 3) == Self.nested.location("y"))
    }

    @Test(arguments: [(false, true), (true, false), (true, true)])
    func positionsSurviveCRLFAndByteOrderMark(crlf: Bool, bom: Bool) throws {
        let source = Self.nested
        let lesson = LessonLoader.parse(data: Data(source.bytes(crlf: crlf, bom: bom)), path: source.path)
        #expect(lesson.experiments.count == 6)
        for (experiment, name) in zip(lesson.experiments, Self.names) {
            #expect(experiment.location == source.location(name), "\(name)")
            #expect(experiment.kindLocation == source.location(name + "Kind"), "\(name)")
            #expect(!experiment.body.contains("\r"))
        }
        #expect(lesson.title == "Nested")
    }

    @Test func byteOrderMarkIsNotColumnOne() throws {
        let lesson = LessonLoader.parse(data: Data([0xEF, 0xBB, 0xBF] + Array("```experiment a\nk: 1\n```\n".utf8)), path: "b.md")
        #expect(lesson.experiments.first?.location == SourceLocation(path: "b.md", line: 1, column: 1))
        #expect(lesson.experiments.first?.kindLocation == SourceLocation(path: "b.md", line: 1, column: 15))
    }

    @Test func blocksBecomeExperimentNodesInPlace() {
        let lesson = Self.nested.parse()
        guard case .list(_, _, _, let items) = lesson.blocks[2] else {
            Issue.record("expected a list, got \(lesson.blocks[2])")
            return
        }
        #expect(items.first?.blocks.last == .experiment(lesson.experiments[1].blockID))
        #expect(lesson.blocks[1] == .experiment(lesson.experiments[0].blockID))
    }

    @Test func fileLocationMapsBodyPositionsInABlockQuote() {
        let source = MarkedSource("""
            Intro.

            > Quoted:
            >
            > ```experiment mlp
            > ⟨a⟩hidden: [4]
            >   ⟨b⟩epochs: 3
            >⟨c⟩seed: 1
            > ```
            """)
        let experiment = source.parse().experiments[0]
        #expect(experiment.body == "hidden: [4]\n  epochs: 3\nseed: 1\n")
        #expect(experiment.fileLocation(bodyLine: 1, bodyColumn: 1) == source.location("a"))
        #expect(experiment.fileLocation(bodyLine: 2, bodyColumn: 3) == source.location("b"))
        #expect(experiment.fileLocation(bodyLine: 3, bodyColumn: 1) == source.location("c"))
        // Column 9 of body line 1 is the `[`.
        #expect(experiment.fileLocation(bodyLine: 1, bodyColumn: 9).column == source.location("a").column + 8)
    }

    @Test func fileLocationMapsBodyPositionsInAListItem() {
        let source = MarkedSource("""
            1. First step.

               ```experiment dropout
               ⟨a⟩keep_prob: 0.5
               samples:
                 - ⟨b⟩1
               ```
            """)
        let experiment = source.parse().experiments[0]
        #expect(experiment.body == "keep_prob: 0.5\nsamples:\n  - 1\n")
        #expect(experiment.fileLocation(bodyLine: 1, bodyColumn: 1) == source.location("a"))
        #expect(experiment.fileLocation(bodyLine: 3, bodyColumn: 5) == source.location("b"))
    }

    @Test func fileLocationCountsUnicodeScalarsLikeYAML() {
        let source = MarkedSource("""
            > ```experiment mlp
            > caption: "σ → ∞"⟨end⟩
            > ```
            """)
        let experiment = source.parse().experiments[0]
        #expect(experiment.fileLocation(bodyLine: 1, bodyColumn: 17) == source.location("end"))
    }

    @Test func fileLocationAfterATabThatCmarkExpanded() {
        // After `>`, a tab counts as the optional space plus two columns of
        // indentation, which cmark turns into spaces in the body.
        let source = MarkedSource("> ```\texperiment\t⟨kind⟩mlp\n>\t⟨key⟩key: 1\n> ```\n")
        let experiment = source.parse().experiments[0]
        #expect(experiment.kindLocation == source.location("kind"))
        #expect(experiment.body == "  key: 1\n")
        #expect(experiment.fileLocation(bodyLine: 1, bodyColumn: 3) == source.location("key"))
    }

    @Test func fileLocationClampsOutOfRangePositions() {
        let source = MarkedSource("""
            ```experiment mlp
            a: 1
            ⟨after⟩```
            """)
        let experiment = source.parse().experiments[0]
        #expect(experiment.fileLocation(bodyLine: 2, bodyColumn: 1) == source.location("after"))
        #expect(experiment.fileLocation(bodyLine: 0, bodyColumn: -5) == SourceLocation(path: "lesson.md", line: 2, column: 1))
        #expect(experiment.fileLocation(bodyLine: .max, bodyColumn: .max).line > 2)
        #expect(experiment.fileLocation(bodyLine: .min, bodyColumn: .min).line == 2)
    }

    @Test func fenceInsideAnotherCodeBlockIsText() {
        let lesson = LessonLoader.parse("""
            ````markdown
            ```experiment mlp
            hidden: [4]
            ```
            ````

                ```experiment indented-code
                x: 1
                ```

            ~~~
            ```experiment in-tilde
            ```
            ~~~
            """, path: "l.md")
        #expect(lesson.experiments.isEmpty)
        #expect(lesson.blocks.first == .codeBlock(info: "markdown", literal: "```experiment mlp\nhidden: [4]\n```\n"))
    }

    @Test func otherInfoStringsAreCode() {
        let lesson = LessonLoader.parse("""
            ```experiments mlp
            ```

            ```Experiment mlp
            ```

            ```yaml experiment
            ```

            ```experiment-mlp
            ```
            """, path: "l.md")
        #expect(lesson.experiments.isEmpty)
        #expect(lesson.blocks.count == 4)
    }

    @Test func missingKindIsEmptyAndLocatedAfterTheWord() {
        let source = MarkedSource("""
            ```experiment⟨kind⟩
            a: 1
            ```

            ~~~ experiment ⟨second⟩
            ~~~
            """)
        let lesson = source.parse()
        #expect(lesson.experiments.map(\.kind) == ["", ""])
        #expect(lesson.experiments[0].kindLocation == source.location("kind"))
        #expect(lesson.experiments[1].kindLocation == source.location("second"))
        #expect(lesson.experiments[1].body == "")
    }

    @Test func extraInfoWordsAreKeptInTheInfoString() {
        let lesson = LessonLoader.parse("```experiment mlp {.wide}\n```\n", path: "l.md")
        #expect(lesson.experiments.first?.kind == "mlp")
        #expect(lesson.experiments.first?.infoString == "experiment mlp {.wide}")
    }

    @Test func unclosedFenceRunsToTheEndAndIsStillFound() {
        let source = MarkedSource("""
            Text.

            > ⟨fence⟩```experiment mlp
            > hidden: [4]
            > epochs: 2
            """)
        let lesson = source.parse()
        #expect(lesson.experiments.count == 1)
        #expect(lesson.experiments.first?.location == source.location("fence"))
        #expect(lesson.experiments.first?.body == "hidden: [4]\nepochs: 2\n")
    }

    @Test func rangeCoversTheWholeBlock() {
        let lesson = LessonLoader.parse("x\n\n  ```experiment mlp\n  a: 1\n  ```\n", path: "l.md")
        let range = lesson.experiments.first?.range
        #expect(range?.start == SourceLocation(path: "l.md", line: 3, column: 3))
        #expect(range?.end == SourceLocation(path: "l.md", line: 5, column: 6))
    }

    @Test func blocksBuiltInCodeAssumeBodyFollowsTheFence() {
        let location = SourceLocation(path: "x.md", line: 10, column: 3)
        let block = ExperimentBlock(
            index: 0, kind: "mlp", infoString: "experiment mlp", body: "a: 1\nb: 2\n",
            location: location, kindLocation: location
        )
        #expect(block.range == nil)
        #expect(block.fileLocation(bodyLine: 2, bodyColumn: 4) == SourceLocation(path: "x.md", line: 12, column: 6))
    }
}
