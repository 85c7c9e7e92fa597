import Foundation
import LessonTestSupport
import Testing
@testable import LessonReport

/// The preview of a course that may come from a pull request (issue 21,
/// medium 11 and the low on links inside the folder).
@Suite struct PreviewServerHostileTests {
    let client = PreviewServerClientTests()

    /// DNS rebinding: a page on `evil.example` whose name now points at
    /// 127.0.0.1 sends its own name as `Host`; only loopback names are served.
    @Test func onlyLoopbackHostNamesAreServed() throws {
        let scratch = try ScratchFolder("preview")
        defer { scratch.remove() }
        let root = try client.servedFolder(["index.html": Data("<p>hi</p>".utf8)], in: scratch)
        let server = PreviewServer(root: root)
        try server.start(port: 0)
        defer { server.stop() }
        for host in ["localhost:\(server.port)", "127.0.0.1:\(server.port)", "[::1]:\(server.port)", "LOCALHOST"] {
            let response = client.exchange(server.port, "GET /index.html HTTP/1.1\r\nHost: \(host)\r\n\r\n")
            #expect(response.hasPrefix("HTTP/1.1 200 OK"), "\(host): \(response)")
        }
        for host in ["evil.example:\(server.port)", "evil.example", "127.0.0.1.evil.example", "localhost.evil:80", "localhost:80x"] {
            let response = client.exchange(server.port, "GET /index.html HTTP/1.1\r\nHost: \(host)\r\n\r\n")
            #expect(response.hasPrefix("HTTP/1.1 421"), "\(host): \(response)")
            #expect(!response.contains("<p>hi</p>"))
        }
        let twice = client.exchange(server.port, "GET /__version HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n\r\n")
        #expect(twice.hasPrefix("HTTP/1.1 421"), "\(twice)")
    }

    /// A link in the served folder, in or out of it, is not followed.
    @Test func linksAreNotServed() throws {
        let scratch = try ScratchFolder("preview")
        defer { scratch.remove() }
        let root = try client.servedFolder(["index.html": Data("<p>hi</p>".utf8)], in: scratch)
        let elsewhere = try ScratchFolder("secret")
        defer { elsewhere.remove() }
        let outside = URL(fileURLWithPath: try elsewhere.write("TOKEN", to: "secret"))
        try FileManager.default.createSymbolicLink(atPath: root + "/env.html", withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: root + "/dir", withDestinationPath: "/etc")
        try FileManager.default.createSymbolicLink(atPath: root + "/same.html", withDestinationPath: "index.html")
        let server = PreviewServer(root: root)
        for path in ["/env.html", "/dir/hostname", "/same.html"] {
            #expect(server.file(for: path).0 == "404 Not Found", "\(path)")
        }
        #expect(server.file(for: "/index.html").0 == "200 OK")
    }

    /// Hidden files are refused at every `/` byte: `/.\u{301}x.html` begins
    /// with the character `.\u{301}`, which `hasPrefix(".")` did not see.
    @Test func hiddenNamesJoinedToAMarkAreRefused() throws {
        let scratch = try ScratchFolder("preview")
        defer { scratch.remove() }
        let root = try client.servedFolder([".\u{301}secret.html": Data("TOKEN".utf8), "index.html": Data("<p>hi</p>".utf8)], in: scratch)
        try FileManager.default.createDirectory(atPath: root + "/x\u{6DD}", withIntermediateDirectories: false)
        try Data("<p>in</p>".utf8).write(to: URL(fileURLWithPath: root + "/x\u{6DD}/a.html"))
        let server = PreviewServer(root: root)
        for path in ["/.\u{301}secret.html", "/.%CC%81secret.html", "/x\u{6DD}/../.\u{301}secret.html"] {
            #expect(server.file(for: path).0 == "403 Forbidden", "\(path)")
        }
        #expect(server.file(for: "/x%DB%9D/a.html").0 == "200 OK")
        #expect(server.file(for: "/x\u{6DD}/").0 == "404 Not Found")
    }
}
