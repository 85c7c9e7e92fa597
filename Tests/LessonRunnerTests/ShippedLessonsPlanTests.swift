import Foundation
import LessonMarkdown
import Testing
@testable import LessonRunner

/// The shipped lessons plan without an error: every key known, every value in
/// range and every block inside its work budget with all its seeds — checked
/// without running anything, so a budget change that would refuse a shipped
/// block fails here in milliseconds rather than in `lesson check`.
@Suite struct ShippedLessonsPlanTests {
    static let lessons = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lessons")

    @Test func everyShippedBlockPlansWithinItsBudget() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.lessons.path).filter { $0.hasSuffix(".md") }.sorted()
        #expect(files.count >= 12)
        var blocks = 0
        for file in files {
            let path = Self.lessons.appendingPathComponent(file).path
            let source = try String(contentsOfFile: path, encoding: .utf8)
            let plan = Planner.plan(LessonLoader.parse(source, path: path))
            for block in plan.blocks {
                blocks += 1
                let errors = block.diagnostics.filter { $0.severity == .error }
                #expect(errors.isEmpty, "\(file) block \(block.id): \(errors.map(\.message))")
                #expect(block.prepared != nil, "\(file) block \(block.id) is not ready to run")
            }
        }
        #expect(blocks >= 40)
    }
}
