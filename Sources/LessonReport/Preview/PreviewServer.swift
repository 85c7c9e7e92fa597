import Foundation
import LessonSupport
#if canImport(Glibc)
import Glibc
#endif

/// A tiny static HTTP server for `lesson preview`, bound to 127.0.0.1 only.
///
/// It serves the rendered folder and injects a script into HTML pages that
/// polls `/__version` and reloads when the lessons were re-rendered. Plain
/// POSIX sockets keep the dependency list short. Each connection is served
/// on its own thread: browsers open connections ahead of time and leave them
/// idle, and one such connection must not hold up the page (or its reload
/// polling) for everyone.
public final class PreviewServer: @unchecked Sendable {
    public let root: String
    public private(set) var port: UInt16 = 0
    private var socketDescriptor: Int32 = -1
    private let lock = NSLock()
    private var versionValue = 0
    private var renderingValue = false

    public init(root: String) {
        self.root = root
    }

    /// While true (the first render), a page not written yet is a
    /// "rendering" page that reloads itself when the render is done: the
    /// server listens before the lessons run, so the URL works at once.
    public var isRendering: Bool {
        get { lock.withLock { renderingValue } }
        set { lock.withLock { renderingValue = newValue } }
    }

    /// Bumped after each re-render; the page reloads when it changes.
    public var version: Int {
        get { lock.withLock { versionValue } }
        set { lock.withLock { versionValue = newValue } }
    }

    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Binds and starts serving on a background thread. Port 0 picks a free port.
    public func start(port requested: UInt16) throws {
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw StartError(description: "cannot create a socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = requested.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw StartError(description: "cannot listen on 127.0.0.1:\(requested): \(message)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: actual.sin_port)
        lock.withLock { socketDescriptor = fd }
        let thread = Thread { [self] in serve(fd) }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Stops accepting. Only shuts the socket down (which wakes `accept`);
    /// the serving thread closes it, so its number cannot be reused by
    /// another file while that thread may still use it.
    public func stop() {
        let fd = lock.withLock {
            defer { socketDescriptor = -1 }
            return socketDescriptor
        }
        if fd >= 0 {
            shutdown(fd, Int32(SHUT_RDWR))
        }
    }

    /// Whether `fd` is still the socket to serve (not stopped).
    private func isServing(_ fd: Int32) -> Bool {
        lock.withLock { socketDescriptor == fd }
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        while isServing(fd) {
            let client = accept(fd, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            // A client that stops talking is dropped rather than kept forever.
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            #if canImport(Darwin)
            // No MSG_NOSIGNAL on macOS: the socket itself is told not to raise SIGPIPE.
            var noSignal: Int32 = 1
            setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &noSignal, socklen_t(MemoryLayout<Int32>.size))
            #endif
            let thread = Thread { [self] in
                handle(client)
                close(client)
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    private func handle(_ client: Int32) {
        var request = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while request.count < 16_384 {
            let n = read(client, &buffer, buffer.count)
            if n <= 0 { break }
            request += buffer[0..<n]
            if request.count >= 4, request.suffix(4) == [13, 10, 13, 10] { break }
        }
        let line = String(decoding: request.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self)
        let parts = line.split(separator: " ")
        guard parts.count >= 2, parts[0] == "GET" || parts[0] == "HEAD" else {
            respond(client, status: "405 Method Not Allowed", type: "text/plain", body: Data("only GET\n".utf8))
            return
        }
        guard Self.isLoopbackHost(request) else {
            // DNS rebinding: a page on another site, its name now pointing at
            // 127.0.0.1, would otherwise read the preview.
            respond(client, status: "421 Misdirected Request", type: "text/plain", body: Data("only served as localhost or 127.0.0.1\n".utf8))
            return
        }
        let target = String(parts[1].split(separator: "?").first ?? "/")
        if target == "/__version" {
            respond(client, status: "200 OK", type: "text/plain", body: Data(String(version).utf8))
            return
        }
        let (status, type, body) = file(for: target)
        respond(client, status: status, type: type, body: body, headOnly: parts[0] == "HEAD")
    }

    /// Maps a URL path to a file under `root`, refusing anything that would
    /// leave it.
    func file(for target: String) -> (String, String, Data) {
        var path = target.removingPercentEncoding ?? target
        // `/a.html%00.txt` would be cut at the NUL by the file system calls.
        guard !path.contains("\0") else { return ("404 Not Found", "text/plain", Data("not found\n".utf8)) }
        if path.hasByteSuffix("/") { path += "index.html" }
        // By bytes: `/.\u{301}x` begins with the character `.\u{301}`, and a
        // hidden file was served; a `/` joined to a mark was no split at all.
        let components = path.slashSeparatedParts
        guard !components.contains(where: { $0.hasBytePrefix(".") }) else {
            return ("403 Forbidden", "text/plain", Data("forbidden\n".utf8))
        }
        let full = (root as NSString).appendingPathComponent(components.joined(separator: "/"))
        // The output folder's rule: no symbolic link on the way (a link
        // planted in a committed folder could lead anywhere), regular files only.
        guard (try? Confinement.checkOutput(full, root: root)) != nil,
              var data = Confinement.contents(full, limit: Self.fileLimit, followLinks: false) else {
            if isRendering, path.hasFileSuffix(".html") {
                return ("200 OK", "text/html; charset=utf-8", Data(Self.renderingPage(version: version).utf8))
            }
            return ("404 Not Found", "text/plain", Data("not found\n".utf8))
        }
        let ext = (full as NSString).pathExtension.lowercased()
        let types = ["html": "text/html; charset=utf-8", "css": "text/css", "js": "text/javascript",
                     "woff2": "font/woff2", "svg": "image/svg+xml", "png": "image/png", "json": "application/json"]
        if ext == "html", let html = String(data: data, encoding: .utf8) {
            data = Data(html.replacingOccurrences(of: "</body>", with: Self.reloadScript(version: version) + "</body>").utf8)
        }
        return ("200 OK", types[ext] ?? "application/octet-stream", data)
    }

    /// The largest file served.
    static let fileLimit = 256 << 20

    /// Whether the request's `Host` is a loopback name (`localhost`,
    /// `127.0.0.1`, `[::1]`, with any port), or absent (HTTP/1.0).
    static func isLoopbackHost(_ request: [UInt8]) -> Bool {
        let text = String(decoding: request, as: UTF8.self)
        var host: Substring?
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }).dropFirst() {
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            if line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "host" {
                if host != nil { return false }
                host = Substring(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces).lowercased())
            }
        }
        guard let host else { return true }
        var name = host
        if name.hasPrefix("[") {
            guard let close = name.firstIndex(of: "]") else { return false }
            let rest = name[name.index(after: close)...]
            guard rest.isEmpty || (rest.hasPrefix(":") && rest.dropFirst().allSatisfy(\.isNumber)) else { return false }
            name = name[...close]
        } else if let colon = name.firstIndex(of: ":") {
            guard name[name.index(after: colon)...].allSatisfy(\.isNumber) else { return false }
            name = name[..<colon]
        }
        return ["localhost", "127.0.0.1", "[::1]"].contains(String(name))
    }

    /// - Parameter headOnly: for `HEAD`: the headers of `body`, without it.
    private func respond(_ client: Int32, status: String, type: String, body: Data, headOnly: Bool = false) {
        var head = "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\n"
        head += "Cache-Control: no-store\r\nConnection: close\r\n\r\n"
        let bytes = [UInt8](head.utf8) + (headOnly ? [] : [UInt8](body))
        let total = bytes.count
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < total {
                // MSG_NOSIGNAL: a reader that went away is EPIPE here, not SIGPIPE for the process.
                #if os(Linux)
                let n = send(client, base + offset, total - offset, Int32(MSG_NOSIGNAL))
                #else
                let n = send(client, base + offset, total - offset, 0)
                #endif
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// Polls `/__version` and reloads when it differs from the version the
    /// page was served at: the baseline is written into the page, so a
    /// render that finishes between the page load and its first poll still
    /// reloads it (a baseline taken from the first poll missed it).
    static func reloadScript(version: Int) -> String {
        """
        <script>(function(){var v="\(version)";setInterval(function(){fetch("/__version").then(function(r){return r.text()}).then(function(t){if(t!==v){location.reload()}}).catch(function(){})},700)})();</script>

        """
    }

    /// What a page asked for during the first render is, until it exists.
    static func renderingPage(version: Int) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Rendering…</title></head>
        <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
        <h1>Rendering the lessons…</h1>
        <p>The first render runs every experiment block that is not cached yet. This page reloads by itself when it is done; the terminal shows the progress.</p>
        \(reloadScript(version: version))</body></html>
        """
    }
}
