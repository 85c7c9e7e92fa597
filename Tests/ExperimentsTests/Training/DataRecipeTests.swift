import Foundation
import Testing
@testable import Experiments

/// The data keys as a teacher outside this repository writes them.
@Suite struct DataRecipeTests {
    /// A course made by `lesson init` has no lessons/data/ folder: the note
    /// must point at what works in any course, the digits built into lesson.
    @Test func aMissingDigitsFileSuggestsTheBuiltInCopy() throws {
        let course = FileManager.default.temporaryDirectory
            .appendingPathComponent("DataRecipeTests-\(ProcessInfo.processInfo.processIdentifier)").path
        try FileManager.default.createDirectory(atPath: course, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: course) }
        let reader = SpecReader(body: "data: digits\nfile: mydigits.csv\n", kind: TrainKind.name,
                                descriptors: CommonKeys.descriptors + TrainKind.keys)
        _ = DataRecipe.decode(reader, context: DecodeContext(lessonDirectory: course), allowed: [.digits, .moons])
        let issue = try #require(reader.issues.first { $0.message.contains("'mydigits.csv'") })
        #expect(issue.line == 2)
        #expect(issue.notes.contains("leave out 'file' to use the digits built into lesson (digits.csv.gz)"), "\(issue.notes)")
        #expect(!issue.notes.contains { $0.contains("lessons/data/") }, "\(issue.notes)")
    }
}
