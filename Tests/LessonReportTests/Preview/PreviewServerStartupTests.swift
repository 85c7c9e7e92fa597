import Foundation
import Testing
@testable import LessonReport

/// The preview listens before the first render: a page asked for meanwhile
/// says the lessons are rendering, and every page carries the version it was
/// served at, so a render that ends before the page's first poll reloads it.
@Suite struct PreviewServerStartupTests {
    func folder(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("preview-start-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: root.appendingPathComponent(name)) }
        return root.path
    }

    @Test func aPageNotWrittenYetIsTheRenderingPageUntilTheFirstRenderEnds() throws {
        let server = PreviewServer(root: try folder([:]))
        defer { try? FileManager.default.removeItem(atPath: server.root) }
        server.isRendering = true
        let (status, type, body) = server.file(for: "/")
        #expect(status == "200 OK" && type.hasPrefix("text/html"))
        let page = String(decoding: body, as: UTF8.self)
        #expect(page.contains("Rendering the lessons") && page.contains("var v=\"0\""))
        // Only pages: a missing stylesheet is still missing.
        #expect(server.file(for: "/assets/style.css").0 == "404 Not Found")
        server.isRendering = false
        #expect(server.file(for: "/").0 == "404 Not Found")
    }

    @Test func theReloadBaselineIsTheVersionThePageWasServedAt() throws {
        let server = PreviewServer(root: try folder(["a.html": "<html><body><p>a</p></body></html>"]))
        defer { try? FileManager.default.removeItem(atPath: server.root) }
        server.version = 3
        let page = String(decoding: server.file(for: "/a.html").2, as: UTF8.self)
        #expect(page.contains("var v=\"3\""))
        #expect(page.contains("if(t!==v){location.reload()}"))
        #expect(page.hasSuffix("</body></html>"))
    }
}
