import Foundation
import LessonMarkdown
import LessonTestSupport
import NeuralEngine
import Testing
@testable import LessonRunner
import LessonResults

/// What the preview watches: the lesson and the data files its blocks read.
@Suite struct FilesReadTests {
    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("lessons").path

    @Test func theLessonAndTheDataFilesItsBlocksName() throws {
        let scratch = try ScratchFolder("files-read")
        defer { scratch.remove() }
        let folder = scratch.path
        try scratch.folder("data")
        try Data("0,1\n".utf8).write(to: URL(fileURLWithPath: folder + "/data/mine.csv"))
        let path = folder + "/watched.md"
        let source = """
        ```experiment train
        data: digits
        file: mine.csv
        epochs: 1
        ```

        ```experiment softmax
        logits: [1, 2]
        label: 0
        ```
        """
        let plan = Planner.plan(LessonLoader.parse(source, path: path))
        let lesson = ExecutedLesson(plan: plan, blocks: [], references: [], diagnostics: [], seconds: 0)
        #expect(lesson.filesRead.first == path)
        #expect(lesson.filesRead.count == 2, "\(lesson.filesRead) \(plan.blocks.flatMap(\.diagnostics))")
        #expect(lesson.filesRead.last?.hasSuffix("data/mine.csv") == true)
    }

    /// The digits built into the program are no file: nothing to watch.
    @Test func theBuiltInDigitsAreNotWatched() {
        let path = Self.lessons + "/watched.md"
        let plan = Planner.plan(LessonLoader.parse("```experiment train\ndata: digits\nepochs: 1\n```\n", path: path))
        let lesson = ExecutedLesson(plan: plan, blocks: [], references: [], diagnostics: [], seconds: 0)
        #expect(plan.blocks.first?.prepared?.dataFiles == [BuiltInData.digitsPath], "\(plan.blocks.flatMap(\.diagnostics))")
        #expect(lesson.filesRead == [path])
    }

    /// Every kind whose examples a data recipe draws reads the recipe's file
    /// (``DataBacked``): a changed file is a changed cache key and a page to remake.
    @Test(arguments: ["train", "batchnorm-modes", "dropout-ensemble", "gradient-check", "bias-variance"])
    func everyKindWithADataRecipeReadsItsFile(kind: String) throws {
        let scratch = try ScratchFolder("files-read")
        defer { scratch.remove() }
        try scratch.folder("data")
        try Data("0,1\n".utf8).write(to: URL(fileURLWithPath: scratch.path + "/data/mine.csv"))
        let source = "```experiment \(kind)\ndata: digits\nfile: mine.csv\n```\n"
        let plan = Planner.plan(LessonLoader.parse(source, path: scratch.path + "/lesson.md"))
        let files = plan.blocks.first?.prepared?.dataFiles ?? []
        #expect(files.count == 1 && files[0].hasSuffix("data/mine.csv"), "\(files) \(plan.blocks.flatMap(\.diagnostics))")
    }
}
