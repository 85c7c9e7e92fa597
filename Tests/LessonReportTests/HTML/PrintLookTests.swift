import Testing
@testable import LessonReport
@testable import LessonRunner
import LessonResults

@Suite struct PrintLookTests {
    @Test func aCSSStringCannotCloseItsStyleOrItsQuotes() {
        #expect(PrintLook.cssString("Plain") == "\"Plain\"")
        let hostile = PrintLook.cssString("a\"b\\c</style><script>x\ny")
        #expect(!hostile.dropFirst().dropLast().contains("\""))
        #expect(!hostile.contains("<") && !hostile.contains(">") && !hostile.contains("\n"))
        #expect(hostile == "\"a\\22 b\\5c c\\3c /style\\3e \\3c script\\3e x\\a y\"")
    }

    @Test func theRunningHeaderNamesCourseLessonVersionAndDate() {
        let options = RenderOptions(renderDate: "2026-12-06", courseTitle: "Deep learning")
        let header = PrintLook.runningHeader(lesson: "Dropout", number: 4, words: .english, options: options)
        #expect(header.hasPrefix("<style media=\"print\">@page { @top-left { content: \"Deep learning · Lesson 4: Dropout\"; }"))
        #expect(header.contains("@top-right { content: \"LessonRunner \(LessonRunnerVersion.string) · 2026-12-06\"; }"))
        // Without a course or a date, neither is invented.
        let bare = PrintLook.runningHeader(lesson: "Dropout", number: nil, words: .english, options: RenderOptions())
        #expect(bare.contains("content: \"Dropout\";") && bare.contains("content: \"LessonRunner \(LessonRunnerVersion.string)\";"))
        // A named page (one lesson of the whole course's printout), in the lesson's words.
        let named = PrintLook.runningHeader(lesson: "Khởi tạo", number: 7, words: .vietnamese, options: RenderOptions(), pageName: "lesson-7")
        #expect(named.contains("@page lesson-7 { @top-left { content: \"Bài 7: Khởi tạo\"; }"))
    }

    @Test func theRenderDateFollowsSourceDateEpoch() {
        #expect(RenderOptions.today(environment: ["SOURCE_DATE_EPOCH": "1796515200"]) == "2026-12-06")
        #expect(RenderOptions.today(environment: [:]).count == 10)
    }
}
