import Foundation
import LessonMarkdown
import Testing
@testable import LessonRunner
import LessonResults

/// Where a block's seeds come from: the author's words (block id, front-matter
/// `seed:`), never the file's name; `--reseed K` moves all of them.
@Suite struct PlannerSeedsTests {
    let blocks = """
    ```experiment softmax
    id: a
    logits: [1, 2]
    label: 0
    ```

    ```experiment softmax
    id: b
    seed: 7
    logits: [1, 2]
    label: 0
    ```

    ```experiment softmax
    id: c
    seeds: 3
    logits: [1, 2]
    label: 0
    ```

    ```experiment softmax
    id: d
    seeds: [5, 9]
    logits: [1, 2]
    label: 0
    ```
    """

    func plan(_ source: String, path: String = "l.md", reseed: UInt64 = 0) -> Plan {
        Planner.plan(LessonLoader.parse(source, path: path), reseed: reseed)
    }

    @Test func renamingOrMovingALessonKeepsItsSeeds() {
        let here = plan(blocks, path: "lessons/intro.md")
        let moved = plan(blocks, path: "course/week2/renamed.md")
        #expect(here.blocks.map(\.seed) == moved.blocks.map(\.seed))
        #expect(here.blocks.map(\.seeds) == moved.blocks.map(\.seeds))
        // Different ids still get different seeds.
        #expect(here.blocks[0].seed != here.blocks[2].seed)
        #expect(here.blocks[0].seed <= Planner.maximumSeed)
    }

    @Test func aLessonSeedChangesEveryDefaultSeedAndNoExplicitOne() {
        let plain = plan(blocks)
        let seeded = plan("---\nseed: 42\n---\n" + blocks)
        let other = plan("---\nseed: 43\n---\n" + blocks)
        #expect(seeded.blocks[0].seed != plain.blocks[0].seed)
        #expect(seeded.blocks[0].seed != other.blocks[0].seed)
        #expect(seeded.blocks[2].seeds.first != plain.blocks[2].seeds.first)
        #expect(seeded.blocks[1].seed == 7)
        #expect(seeded.blocks[3].seeds == [5, 9])
        #expect(seeded.blocks.allSatisfy { $0.isValid })
    }

    @Test func reseedMovesEverySeedExplicitOnesToo() {
        let plain = plan(blocks)
        let moved = plan(blocks, reseed: 1000)
        #expect(moved.blocks[0].seed == plain.blocks[0].seed + 1000)
        #expect(moved.blocks[1].seed == 1007)
        #expect(moved.blocks[2].seeds == plain.blocks[2].seeds.map { $0 + 1000 })
        #expect(moved.blocks[2].seed == moved.blocks[2].seeds[0])
        #expect(moved.blocks[3].seeds == [1005, 1009])
        #expect(moved.blocks.allSatisfy { $0.isValid })
    }

    @Test func reseedWrapsPastTheLargestSeed() {
        let top = Planner.maximumSeed
        #expect(Planner.moved(top, by: 1) == 0)
        #expect(Planner.moved(top - 1, by: 3) == 1)
        #expect(Planner.moved(5, by: 0) == 5)
        let near = plan("```experiment softmax\nseed: \(top - 1)\nseeds: 2\nlogits: [1, 2]\nlabel: 0\n```\n", reseed: 1)
        #expect(near.blocks[0].seeds == [top, 0])
        #expect(near.blocks[0].isValid)
    }
}
