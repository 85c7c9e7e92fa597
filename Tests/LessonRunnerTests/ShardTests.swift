import Testing
@testable import LessonRunner

@Suite struct ShardTests {
    let lessons = (1...11).map { "lessons/l\($0).md" }

    @Test(arguments: [1, 2, 3, 4, 7, 11, 15])
    func theShardsTogetherHoldEveryLessonExactlyOnce(count: Int) {
        for durations in [[:], ["lessons/l3.md": 40.0, "lessons/l7.md": 5, "lessons/l1.md": 0.2]] {
            let parts = (1...count).map { Shard(index: $0, count: count).select(lessons, durations: durations) }
            #expect(parts.flatMap { $0 }.sorted() == lessons.sorted())
            for part in parts { #expect(part == lessons.filter(part.contains), "keeps the original order") }
        }
    }

    @Test func theSplitIsStable() {
        let durations = ["lessons/l2.md": 3.0, "lessons/l5.md": 9.0]
        let a = Shard(index: 2, count: 3).select(lessons, durations: durations)
        let b = Shard(index: 2, count: 3).select(lessons.reversed(), durations: durations)
        #expect(Set(a) == Set(b))
    }

    @Test func recordedDurationsBalanceTheShards() {
        let durations = ["a.md": 60.0, "b.md": 30, "c.md": 20, "d.md": 10]
        let first = Shard(index: 1, count: 2).select(["a.md", "b.md", "c.md", "d.md"], durations: durations)
        let second = Shard(index: 2, count: 2).select(["a.md", "b.md", "c.md", "d.md"], durations: durations)
        #expect(first == ["a.md"])
        #expect(second == ["b.md", "c.md", "d.md"])
    }

    @Test(arguments: ["0/2", "3/2", "1/0", "1", "a/b", "1/2/3", "-1/2", ""])
    func badShardsAreRejected(text: String) {
        #expect(throws: Shard.Invalid.self) { try Shard(parsing: text) }
    }

    @Test func parsesKOfN() throws {
        #expect(try Shard(parsing: "2/4") == Shard(index: 2, count: 4))
    }
}
