import Foundation
import LessonResults
import Testing
@testable import LessonReport

/// KaTeX's stylesheet and fonts: what the pages load, and the warnings when
/// they are missing, each cause told once.
@Suite struct AssetsTests {
    /// Found in review: with KaTeX missing, every lesson with math says so,
    /// and the assets said it once more, so `--warnings-as-errors` counted
    /// n + 1 warnings for one cause.
    @Test func katexMissingIsOneWarningWhenNoLessonSaysIt() {
        let missing = ["/nonexistent/katex"]
        let alone = Assets.files(katexFolders: missing).warnings
        #expect(alone.map(\.code) == [.mathUnavailable])
        #expect(alone.first?.message.contains("math will show as TeX source") == true)
        #expect(Assets.files(katexFolders: missing, katexMissingIsSaid: true).warnings.isEmpty)
    }

    /// The fonts' warning carries `math-unavailable`: `lesson explain` must
    /// be true of it too.
    @Test func theExplanationOfMathUnavailableCoversMissingFonts() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("assets-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: scratch + "/katex.min.js"))
        let warnings = Assets.files(katexFolders: [scratch]).warnings
        #expect(warnings.map(\.code) == [.mathUnavailable])
        #expect(warnings.first?.message.contains("fallback fonts") == true)
        #expect(DiagnosticCode.mathUnavailable.explanation.contains("fonts are missing, so typeset math uses fallback fonts"))
    }
}
