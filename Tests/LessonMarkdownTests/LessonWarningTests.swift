import Testing
import LessonMarkdown

/// What the loader keeps but tells the author about.
@Suite struct LessonWarningTests {
    @Test func deepNestingKeepsTheTextAndWarnsWhereItStarts() {
        let source = "Intro.\n\n" + String(repeating: ">", count: 300) + " deep text\n"
        let lesson = LessonLoader.parse(source, path: "deep.md")
        #expect(lesson.warnings.count == 1)
        let warning = lesson.warnings.first
        #expect(warning?.location.line == 3)
        #expect(warning?.message.contains("nested more than 256 levels") == true)
        #expect("\(lesson.blocks)".contains("deep text"))
    }

    @Test func deepListsWarnToo() {
        let lesson = LessonLoader.parse(String(repeating: "- ", count: 200) + "listed\n", path: "deep.md")
        #expect(lesson.warnings.count == 1)
        #expect("\(lesson.blocks)".contains("listed"))
    }

    /// Flattening keeps text, but an experiment block in there still runs:
    /// it is kept as a block at the deepest level the tree keeps.
    @Test(arguments: [false, true])
    func anExperimentBlockNestedTooDeepStillRuns(inList: Bool) {
        let deep = inList
            ? String(repeating: "- ", count: 2_000) + "before\n\n" + String(repeating: "  ", count: 2_000) + "```experiment softmax\n"
                + String(repeating: "  ", count: 2_000) + "id: deep\n" + String(repeating: "  ", count: 2_000) + "```\n\n"
                + String(repeating: "  ", count: 2_000) + "after\n"
            : String(repeating: "> ", count: 10_000) + "```experiment softmax\n" + String(repeating: "> ", count: 10_000)
                + "id: deep\n" + String(repeating: "> ", count: 10_000) + "```\n"
        let lesson = LessonLoader.parse("# T\n\n" + deep + "\nText `=deep.loss`.\n", path: "deep.md")
        #expect(lesson.experiments.count == 1)
        #expect(lesson.experiments.first?.kind == "softmax")
        #expect(lesson.experiments.first?.body.contains("id: deep") == true)
        #expect(lesson.experiments.first?.location.line == (inList ? 5 : 3))
        #expect(lesson.warnings.allSatisfy { $0.message.contains("nested more than 256") })
        let blocks = "\(lesson.blocks)"
        #expect(blocks.contains(".experiment("))
        if inList { #expect(blocks.contains("before") && blocks.contains("after")) }
    }

    /// `<div>` and the fence with no blank line between: cmark makes the
    /// fence part of the HTML, which is dropped. The author hears where.
    @Test func anExperimentFenceInsideHTMLWarns() {
        let lesson = LessonLoader.parse("# T\n\n<div class=\"box\">\n  ```experiment softmax\nlogits: [1, 2]\n```\n</div>\n", path: "html.md")
        #expect(lesson.experiments.isEmpty)
        #expect(lesson.warnings.count == 1)
        #expect(lesson.warnings.first?.location == SourceLocation(path: "html.md", line: 4, column: 3))
        #expect(lesson.warnings.first?.message.contains("inside an HTML block, so it is not run") == true)
        #expect(lesson.warnings.first?.isError == true)
        // A comment that hides a block, or a <pre> that shows one, is meant.
        for quiet in ["<!--\n```experiment softmax\nx\n```\n-->\n", "<pre>\n```experiment softmax\n```\n</pre>\n",
                      "<div>\n\n```experiment softmax\nlogits: [1, 2]\n```\n\n</div>\n"] {
            #expect(LessonLoader.parse(quiet, path: "ok.md").warnings.isEmpty, "\(quiet)")
        }
    }

    @Test func shallowNestingSaysNothing() {
        let lesson = LessonLoader.parse(String(repeating: ">", count: 100) + " fine\n", path: "ok.md")
        #expect(lesson.warnings.isEmpty)
    }

    @Test(arguments: [
        ("Experiment softmax", "experiment softmax"),
        ("EXPERIMENT softmax", "experiment softmax"),
        ("experiment-softmax", "experiment softmax"),
        ("experiment_softmax", "experiment softmax"),
        ("experiment:softmax", "experiment softmax"),
        ("experiments softmax", "experiment softmax"),
        ("experiments-softmax", "experiment softmax"),
        ("expermient softmax", "experiment softmax"),
        ("Experimnet bias-variance", "experiment bias-variance"),
        // Found by a new user: the suggestion kept the kind's capital, an unknown kind.
        ("Experiment Softmax", "experiment softmax"),
        ("Experiment-Softmax", "experiment softmax"),
        // Found in review: with nothing after the separator the kind is the next word, in lower case too.
        ("Experiment: Softmax", "experiment softmax"),
        ("experiment-: Softmax", "experiment softmax"),
    ])
    func nearMissInfoStringsWarnWithTheRightSpelling(info: String, right: String) {
        let lesson = LessonLoader.parse("Text.\n\n  ```\(info)\nlogits: [1, 2]\n```\n", path: "near.md")
        #expect(lesson.experiments.isEmpty)
        #expect(lesson.warnings.count == 1)
        let warning = lesson.warnings.first
        #expect(warning?.location.line == 3)
        #expect(warning?.location.column == 6)
        #expect(warning?.message.contains("'\(right)'") == true, "\(String(describing: warning))")
    }

    @Test(arguments: ["swift", "yaml", "", "python experiment", "experimental-ish", "text"])
    func otherInfoStringsAreJustCode(info: String) {
        let lesson = LessonLoader.parse("```\(info)\nx\n```\n", path: "code.md")
        #expect(lesson.warnings.isEmpty, "\(lesson.warnings)")
    }

    @Test func aRealExperimentFenceSaysNothing() {
        let lesson = LessonLoader.parse("~~~experiment softmax\nlogits: [1]\n~~~\n", path: "ok.md")
        #expect(lesson.warnings.isEmpty)
        #expect(lesson.experiments.count == 1)
    }

    /// `<!-- default d -->With 40 % …` at the start of a line: Markdown takes
    /// the whole line into the comment's HTML block, and the text vanished.
    @Test func textAfterADefaultMarkerOnItsLineIsAnError() throws {
        let lesson = LessonLoader.parse("# T\n\nBefore.\n\n<!-- default d -->With 40 % replaced, it\nhelped.<!-- /default -->\n", path: "m.md")
        let warning = try #require(lesson.warnings.first)
        #expect(lesson.warnings.count == 1)
        #expect(warning.isError)
        #expect(warning.location == SourceLocation(path: "m.md", line: 5, column: 1))
        #expect(warning.message.hasPrefix("the text after '<!-- default d -->' on its line is taken into the HTML comment, so it is not shown"))
        for fine in ["<!-- default d -->\nWith 40 %.\n\n<!-- /default -->\n", "With <!-- default d -->40 %<!-- /default -->.\n",
                     "<!-- a note -->text\n", "<!-- default d -->   \nText.\n"] {
            #expect(LessonLoader.parse(fine, path: "ok.md").warnings.isEmpty, "\(fine)")
        }
    }
}
