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
}
