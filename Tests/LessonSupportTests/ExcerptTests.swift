import Testing
import LessonSupport

@Suite struct ExcerptTests {
    @Test func shortTextStaysLongTextIsCut() {
        #expect(Excerpt.clipped("loss < 1") == "loss < 1")
        #expect(Excerpt.clipped(String(repeating: "é", count: 80)) == String(repeating: "é", count: 80))
        #expect(Excerpt.clipped(String(repeating: "(", count: 100_000)) == String(repeating: "(", count: 80) + "…")
        #expect(Excerpt.clipped("abcdef", limit: 3) == "abc…")
    }
}
