import Testing
import LessonMarkdown

/// Stages find a block by its id, and a lookup never reads a block that only
/// sits at the same position.
@Suite struct BlockIDTests {
    static let text = """
        # Ids

        ```experiment softmax
        id: first
        ```

        - in a list

          ```experiment softmax
          id: second
          ```

        > ```experiment softmax
        > id: third
        > ```
        """

    /// The `.experiment` nodes of a tree, in document order.
    static func experimentNodes(_ blocks: [BlockNode]) -> [BlockID] {
        blocks.flatMap { node -> [BlockID] in
            switch node {
            case .experiment(let id): [id]
            case .blockQuote(let inner): experimentNodes(inner)
            case .list(_, _, _, let items): items.flatMap { experimentNodes($0.blocks) }
            case .footnoteDefinition(_, let inner): experimentNodes(inner)
            default: []
            }
        }
    }

    @Test func everyExperimentNodeNamesItsBlock() throws {
        let lesson = LessonLoader.parse(Self.text, path: "ids.md")
        let ids = Self.experimentNodes(lesson.blocks)
        #expect(ids == lesson.experiments.map(\.blockID))
        #expect(ids.map(\.number) == [1, 2, 3])
        #expect(ids.allSatisfy { $0.path == "ids.md" })
        for (id, body) in zip(ids, ["id: first\n", "id: second\n", "id: third\n"]) {
            #expect(try #require(lesson.experiments[id]).body == body)
        }
    }

    @Test func aLookupChecksTheIdItFinds() throws {
        let lesson = LessonLoader.parse(Self.text, path: "ids.md")
        let other = LessonLoader.parse(Self.text, path: "other.md")
        let second = lesson.experiments[1].blockID
        // The same place in another lesson is another block.
        #expect(other.experiments[second] == nil)
        // Found by its id wherever it is in the list, not by its place.
        let reordered = Array(lesson.experiments.reversed())
        #expect(try #require(reordered[second]).body == "id: second\n")
        #expect(Array(lesson.experiments.dropFirst(2))[second] == nil)
        #expect(lesson.experiments[BlockID(path: "ids.md", ordinal: 3)] == nil)
    }
}
