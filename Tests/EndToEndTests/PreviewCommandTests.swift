import Foundation
import LessonTestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `lesson preview` serves the pages and re-renders when a lesson is saved.
@Suite(.serialized) struct PreviewCommandTests {
    func get(_ url: String) -> (Int, String)? {
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Int, String)?
        let task = URLSession.shared.dataTask(with: URL(string: url)!) { data, response, _ in
            if let http = response as? HTTPURLResponse {
                result = (http.statusCode, String(decoding: data ?? Data(), as: UTF8.self))
            }
            semaphore.signal()
        }
        task.resume()
        _ = semaphore.wait(timeout: .now() + 5)
        return result
    }

    @Test func servesPagesAndBumpsTheVersionOnSave() throws {
        let binary = try #require(LessonCommandTests.binary)
        let scratch = try ScratchFolder("preview")
        defer { scratch.remove() }
        let dir = scratch.url
        let lesson = URL(fileURLWithPath: try scratch.write("# A\n\n```experiment softmax\nlogits: [1, 2]\nlabel: 1\n```\n", to: "a.md"))
        // Port 0: the system picks a free one, and the preview says which
        // (no guess that another process on the machine may hold).
        let process = Process()
        process.executableURL = binary
        process.arguments = ["preview", dir.path, "--port", "0", "--out", dir.appendingPathComponent("out").path,
                             // Stopped by the test; this only ends a preview the test lost.
                             "--no-cache", "--stop-after", "600"]
        let errors = Pipe()
        process.standardError = errors
        let announced = PortLine()
        errors.fileHandleForReading.readabilityHandler = { handle in announced.append(handle.availableData) }
        try process.run()
        defer {
            if process.isRunning { process.terminate() }
            errors.fileHandleForReading.readabilityHandler = nil
        }
        var announcedPort: Int?
        for _ in 0..<1_200 where announcedPort == nil {
            Thread.sleep(forTimeInterval: 0.1)
            announcedPort = announced.port
        }
        let port = try #require(announcedPort, "the preview never said where it listens: \(announced.text)")
        #expect(port > 0)
        var page: (Int, String)?
        // Polls until the server answers: as long as a busy machine needs (up
        // to two minutes), no longer than a quiet one does.
        // It listens before the first render; until then the page says so.
        for _ in 0..<1_200 where page == nil || page!.1.contains("Rendering the lessons") {
            Thread.sleep(forTimeInterval: 0.1)
            page = get("http://127.0.0.1:\(port)/a.html")
        }
        let (status, html) = try #require(page)
        #expect(!html.contains("Rendering the lessons"))
        #expect(status == 200)
        #expect(html.contains("/__version"))
        #expect(get("http://127.0.0.1:\(port)/%2e%2e/etc/passwd")?.0 == 403)
        // It wrote pages: the summary says so, as render's does, not "checked"
        // (printed before the page stops saying it is rendering; the pipe may lag).
        for _ in 0..<100 where !announced.text.contains("rendered 1 lesson") { Thread.sleep(forTimeInterval: 0.1) }
        #expect(announced.text.contains("rendered 1 lesson into \(dir.appendingPathComponent("out").path)/ (1 of 1 block passed)"), "\(announced.text)")
        #expect(!announced.text.contains("checked"))
        let before = get("http://127.0.0.1:\(port)/__version")?.1
        try "# A\n\nChanged.\n".write(to: lesson, atomically: true, encoding: .utf8)
        var after = before
        for _ in 0..<600 where after == before {
            Thread.sleep(forTimeInterval: 0.2)
            after = get("http://127.0.0.1:\(port)/__version")?.1
        }
        #expect(after != before)
        #expect(get("http://127.0.0.1:\(port)/a.html")?.1.contains("Changed.") == true)
        process.terminate()
        process.waitUntilExit()
    }
}

/// The preview's stderr as it arrives, and the port of its
/// "previewing at http://127.0.0.1:PORT/" line once it has come.
final class PortLine: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ chunk: Data) {
        lock.lock()
        data.append(chunk)
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }

    var port: Int? {
        guard let range = text.range(of: "previewing at http://127.0.0.1:") else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isNumber }
        guard text[range.upperBound...].dropFirst(digits.count).first == "/" else { return nil }
        return Int(digits)
    }
}
