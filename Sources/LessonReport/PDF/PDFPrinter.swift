import Foundation
import LessonSupport

/// Prints rendered pages to PDF with headless Chromium (Debian's
/// `chromium`, which the browser check already installs): the page's own
/// print stylesheet decides paper, margins, the running header and page
/// numbers, so a PDF is what the reader's browser would print.
public struct PDFPrinter: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The Chromium executable.
    public var chromium: String
    /// How long one page may take to print.
    public var timeout: TimeInterval = 180

    public init(chromium: String) {
        self.chromium = chromium
    }

    /// The first of `chromium`, `chromium-browser`, `google-chrome` on `PATH`.
    public static func findChromium(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return folder + "/" + name
            }
        }
        return nil
    }

    /// Prints the page at `page` (a path) into `pdf`, written atomically
    /// (and only inside `root`, when given: never through a link out of it).
    public func print(page: String, to pdf: String, within root: String? = nil) throws {
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("lesson-pdf-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)").path
        try fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: scratch) }
        let printed = scratch + "/page.pdf"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        // A profile of its own, so it runs beside an open browser; no
        // sandbox, which needs user namespaces a container or root lacks;
        // Chromium's own header and footer off: the page's @page boxes say more.
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--user-data-dir=" + scratch + "/profile",
            "--no-pdf-header-footer", "--generate-pdf-document-outline", "--print-to-pdf=" + printed,
            URL(fileURLWithPath: page).absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        do { try process.run() } catch {
            throw Failure(description: "cannot start \(chromium): \(error.localizedDescription)")
        }
        // Read stderr while it runs (a full pipe would stall Chromium).
        let output = ErrorOutput()
        let read = DispatchGroup()
        DispatchQueue.global().async(group: read) { output.data = errors.fileHandleForReading.readDataToEndOfFile() }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            read.wait()
            throw Failure(description: "Chromium did not print \(page) within \(Int(timeout)) s")
        }
        read.wait()
        guard let data = fm.contents(atPath: printed), data.starts(with: Array("%PDF".utf8)) else {
            let message = String(decoding: output.data, as: UTF8.self)
                .split(separator: "\n").filter { !$0.contains("dbus") }.suffix(3).joined(separator: "; ")
            throw Failure(description: "Chromium printed no PDF for \(page) (exit status \(process.terminationStatus))"
                          + (message.isEmpty ? "" : ": " + message))
        }
        try AtomicFile.write(data, to: pdf, within: root)
    }

    private final class ErrorOutput: @unchecked Sendable {
        var data = Data()
    }
}
