import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LessonTestSupport
import Testing
@testable import LessonReport

/// What browsers do to a preview server: connections opened ahead of time
/// and left idle, `HEAD` requests, readers that leave mid-page, odd paths.
@Suite struct PreviewServerClientTests {
    /// Connects to the server; every read gives up after `seconds`, so a
    /// server that stalls fails the test instead of hanging it.
    func connect(_ port: UInt16, seconds: Int = 20) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return fd
    }

    /// The whole response to `request`, or what came before a read timed out.
    func exchange(_ port: UInt16, _ request: String) -> String {
        let fd = connect(port)
        defer { close(fd) }
        _ = Array(request.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var response = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            response += buffer[0..<n]
        }
        return String(decoding: response, as: UTF8.self)
    }

    /// Writes `files` into `scratch`, the folder a server will serve, and returns its path.
    func servedFolder(_ files: [String: Data], in scratch: ScratchFolder) throws -> String {
        for (name, data) in files { try scratch.write([UInt8](data), to: name) }
        return scratch.path
    }

    /// Chrome and Firefox open connections they may never use; with one
    /// request at a time, such a connection stalled every page and the reload.
    @Test func anIdleConnectionDoesNotHoldUpOthers() throws {
        let scratch = try ScratchFolder("preview")
        defer { scratch.remove() }
        let root = try servedFolder(["index.html": Data("<p>hi</p>".utf8)], in: scratch)
        let server = PreviewServer(root: root)
        try server.start(port: 0)
        defer { server.stop() }
        let idle = connect(server.port)
        defer { close(idle) }
        let response = exchange(server.port, "GET /index.html HTTP/1.0\r\n\r\n")
        #expect(response.hasPrefix("HTTP/1.1 200 OK"), "\(response)")
        #expect(response.contains("<p>hi</p>"))
    }

    @Test func headSaysTheLengthOfWhatGetWouldSend() throws {
        let scratch = try ScratchFolder("preview")
        defer { scratch.remove() }
        let root = try servedFolder(["index.html": Data("<p>hi</p>".utf8)], in: scratch)
        let server = PreviewServer(root: root)
        try server.start(port: 0)
        defer { server.stop() }
        let get = exchange(server.port, "GET / HTTP/1.0\r\n\r\n")
        let head = exchange(server.port, "HEAD / HTTP/1.0\r\n\r\n")
        let body = try #require(get.components(separatedBy: "\r\n\r\n").last)
        #expect(head.contains("Content-Length: \(body.utf8.count)\r\n"), "\(head)")
        #expect(head.hasSuffix("\r\n\r\n"))
    }

    /// A reader that closes mid-page is EPIPE for that connection, not
    /// SIGPIPE for the process; the next request is served.
    @Test func aReaderThatLeavesMidPageDoesNotStopTheServer() throws {
        let scratch = try ScratchFolder("preview")
        defer { scratch.remove() }
        let root = try servedFolder(["big.html": Data(repeating: UInt8(ascii: "x"), count: 16 << 20)], in: scratch)
        let server = PreviewServer(root: root)
        try server.start(port: 0)
        defer { server.stop() }
        for _ in 0..<3 {
            let fd = connect(server.port)
            _ = Array("GET /big.html HTTP/1.0\r\n\r\n".utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            var buffer = [UInt8](repeating: 0, count: 1_024)
            _ = read(fd, &buffer, buffer.count)
            close(fd)
        }
        #expect(exchange(server.port, "GET /__version HTTP/1.0\r\n\r\n").hasPrefix("HTTP/1.1 200 OK"))
    }

    /// `/index.html%00.txt` was cut at the NUL by the file system and served
    /// `index.html`.
    @Test func aNulInThePathIsNotFound() throws {
        let scratch = try ScratchFolder("preview")
        defer { scratch.remove() }
        let server = PreviewServer(root: try servedFolder(["index.html": Data("<p>hi</p>".utf8)], in: scratch))
        #expect(server.file(for: "/index.html%00.txt").0 == "404 Not Found")
        #expect(server.file(for: "/index.html").0 == "200 OK")
    }
}
