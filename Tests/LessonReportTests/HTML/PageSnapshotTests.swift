import Foundation
import LessonMarkdown
import LessonRunner
import LessonTestSupport
import Testing
@testable import LessonReport

/// Whole pages of the fixture lessons in `Snapshots/pages`, compared with
/// the HTML kept beside them (normalized: ``HTMLSnapshot``). A change to the
/// markup shows here as a diff to review; `make snapshots` rewrites them.
@Suite struct PageSnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Snapshots/pages")

    static func page(_ name: String) throws -> String {
        let source = try String(contentsOf: directory.appendingPathComponent("\(name).md"), encoding: .utf8)
        let executed = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(source, path: "lessons/\(name).md")))
        return HTMLSnapshot.normalized(PageRenderer.render(executed, options: RenderOptions(), pageName: "\(name).html"))
    }

    @Test(arguments: ["prose", "block"])
    func matchesItsSnapshot(name: String) throws {
        try Snapshot.assertMatches(try Self.page(name), named: "\(name).html", in: Self.directory)
    }

    /// Rendering twice gives the same page: the snapshot is not of a moment.
    @Test func aPageIsTheSameEveryTime() throws {
        #expect(try Self.page("block") == (try Self.page("block")))
    }

    /// The normalization keeps the words and the markup: only numbers with
    /// decimals, exponents, the version and compressed payloads change.
    @Test func normalizingKeepsWhatAReaderReads() {
        let html = #"<td>0.1464</td><td>32</td><dd>5.808×10⁻¹²</dd><p>Table 1.2 at 12.5 px, LessonRunner 0.1.0</p><template data-gzip="H4sI"></template>"#
        #expect(HTMLSnapshot.normalized(html)
                == #"<td>D.D</td><td>32</td><dd>D.D×10ˣ</dd><p>Table 1.2 at 12.5 px, LessonRunner X.Y.Z</p><template data-gzip="…"></template>"#)
    }
}
