import Foundation
import LessonTestSupport
import Testing
@testable import LessonReport

/// `stop()` and the serving thread no longer share the socket unguarded.
@Suite struct PreviewServerStopTests {
    func get(_ port: UInt16, _ path: String) -> String? {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)"), let data = try? Data(contentsOf: url) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func startServeStopManyTimes() throws {
        let scratch = try ScratchFolder("preview")
        defer { scratch.remove() }
        let root = scratch.url
        try Data("<p>hi</p>".utf8).write(to: root.appendingPathComponent("index.html"))
        for round in 0..<20 {
            let server = PreviewServer(root: root.path)
            try server.start(port: 0)
            if round % 4 == 0 {
                #expect(get(server.port, "/index.html")?.contains("hi") == true)
            }
            server.stop()
            server.stop()  // twice is harmless
        }
    }
}
