import Foundation
import LessonMarkdown
import Testing
@testable import LessonRunner

/// What the preview watches: the lesson and the data files its blocks read.
@Suite struct FilesReadTests {
    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("lessons").path

    @Test func theLessonAndTheDataFilesItsBlocksName() {
        let path = Self.lessons + "/watched.md"
        let source = """
        ```experiment train
        data: digits
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
        #expect(lesson.filesRead.last?.hasSuffix("data/digits.csv.gz") == true)
    }
}
