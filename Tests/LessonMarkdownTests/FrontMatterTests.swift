import LessonMarkdown
import Testing

@Suite struct FrontMatterTests {
    @Test func frontMatterIsReadAndNotRendered() throws {
        let lesson = LessonLoader.parse("---\norder: 2\nlang: vi\ntitle: \"Khởi tạo: # 1\"\n---\n# Heading\n\nText `=x`.\n", path: "l.md")
        let matter = try #require(lesson.frontMatter)
        #expect(matter.order == 2)
        #expect(matter.lang == "vi")
        #expect(matter.title == "Khởi tạo: # 1")
        #expect(matter.problems.isEmpty)
        // No thematic break, no setext heading made of the settings.
        guard case .heading(1, _, _) = lesson.blocks.first else {
            Issue.record("expected the heading first, got \(lesson.blocks)")
            return
        }
        #expect(lesson.blocks.count == 2)
        #expect(lesson.title == "Heading")
        // Lines keep their numbers.
        #expect(lesson.references.first?.location.line == 8)
    }

    @Test func unknownKeysAndBadValuesAreLocated() throws {
        let lesson = LessonLoader.parse("---\nlnag: vi\norder: soon\n  nested: 1\n---\nText.\n", path: "l.md")
        let problems = try #require(lesson.frontMatter?.problems)
        #expect(problems.count == 3)
        #expect(problems[0].location == SourceLocation(path: "l.md", line: 2, column: 1))
        #expect(!problems[0].isError && problems[0].message.contains("did you mean 'lang'"))
        #expect(problems[1].location == SourceLocation(path: "l.md", line: 3, column: 8))
        #expect(problems[1].isError && problems[1].message.contains("must be a number"))
        // Nested under a key this tool reads: an error.
        #expect(problems[2].location == SourceLocation(path: "l.md", line: 4, column: 3))
        #expect(problems[2].isError)
    }

    /// Other people's lessons carry a site generator's settings (Jekyll,
    /// Hugo, MkDocs): lists and nested values under keys this tool does not
    /// read are warned about once and otherwise left alone, not errors.
    @Test func anotherToolsKeysMayHoldAnyYAML() throws {
        let text = "---\ntitle: T\nlayout: post\ntags: [a, b]\ncategories:\n  - x\n  - y\nauthor: {name: A}\norder: 2\n---\n# H\n"
        let lesson = LessonLoader.parse(text, path: "l.md")
        let matter = try #require(lesson.frontMatter)
        #expect(matter.problems.map(\.location.line) == [3, 4, 5, 8])
        #expect(matter.problems.allSatisfy { !$0.isError && $0.message.hasPrefix("unknown front-matter key") })
        #expect(matter.order == 2)
        #expect(matter.title == "T")
    }

    @Test func aRuleThatIsNotAtTheTopIsARule() {
        let lesson = LessonLoader.parse("Text.\n\n---\n\nmore\n", path: "l.md")
        #expect(lesson.frontMatter == nil)
        #expect(lesson.blocks.contains(.thematicBreak))
        // No closing line: not front matter either.
        #expect(LessonLoader.parse("---\nText.\n", path: "l.md").frontMatter == nil)
        #expect(LessonLoader.parse("---\nNote: a rule, then a sentence with a colon.\n", path: "l.md").frontMatter == nil)
    }

    /// Settings with the closing line forgotten would silently become a rule
    /// and a paragraph, and the lesson would lose its place in the order.
    @Test func frontMatterWithoutItsClosingLineIsALocatedError() throws {
        let lesson = LessonLoader.parse("---\norder: 3\nlang: vi\n# Heading\n\nText.\n", path: "l.md")
        let problems = try #require(lesson.frontMatter?.problems)
        #expect(problems.count == 1)
        #expect(problems.first?.location == SourceLocation(path: "l.md", line: 1, column: 1))
        #expect(problems.first?.isError == true)
        #expect(problems.first?.message.contains("no closing `---` line") == true)
        #expect(lesson.frontMatter?.order == nil)
    }

    @Test func aLessonSeedIsAWholeNumberBelowTwoToThe53() throws {
        let good = LessonLoader.parse("---\nseed: 42\n---\nText.\n", path: "l.md")
        #expect(good.frontMatter?.seed == 42)
        #expect(good.frontMatter?.problems.isEmpty == true)
        for bad in ["-1", "4.5", "many", "9007199254740992"] {
            let lesson = LessonLoader.parse("---\nseed: \(bad)\n---\nText.\n", path: "l.md")
            let problems = try #require(lesson.frontMatter?.problems)
            #expect(problems.count == 1 && problems[0].isError, "\(bad)")
            #expect(problems.first?.location == SourceLocation(path: "l.md", line: 2, column: 7))
            #expect(problems.first?.message.contains("'seed' must be a whole number from 0 to 9007199254740991") == true)
            #expect(lesson.frontMatter?.seed == nil)
        }
    }
}
