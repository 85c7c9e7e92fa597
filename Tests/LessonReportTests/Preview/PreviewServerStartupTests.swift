import Foundation
import LessonTestSupport
import Testing
@testable import LessonReport

/// The preview listens before the first render: a page asked for meanwhile
/// says the lessons are rendering, and every page carries the version it was
/// served at, so a render that ends before the page's first poll reloads it.
@Suite struct PreviewServerStartupTests {
    @Test func aPageNotWrittenYetIsTheRenderingPageUntilTheFirstRenderEnds() throws {
        let scratch = try ScratchFolder("preview-start")
        defer { scratch.remove() }
        let server = PreviewServer(root: try scratch.write([:]))
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
        let scratch = try ScratchFolder("preview-start")
        defer { scratch.remove() }
        let server = PreviewServer(root: try scratch.write(["a.html": "<html><body><p>a</p></body></html>"]))
        server.version = 3
        let page = String(decoding: server.file(for: "/a.html").2, as: UTF8.self)
        #expect(page.contains("var v=\"3\""))
        #expect(page.contains("if(t!==v){location.reload()}"))
        #expect(page.hasSuffix("</body></html>"))
    }
}
