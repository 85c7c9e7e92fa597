import Foundation
import LessonTestSupport
import Testing
@testable import NeuralEngine

/// Data files are bounded: decompressed size, line length, rows; and no
/// message quotes more than a short prefix of what a file holds.
@Suite struct DataFileBoundsTests {
    /// `megabytes` MB of zeros, gzip-compressed by the system's gzip (about 1 kB a MB).
    func bomb(megabytes: Int, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("bomb.csv.gz").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "head -c \(megabytes * 1_000_000) /dev/zero | gzip -c > '\(path)'"]
        try process.run()
        process.waitUntilExit()
        return path
    }

    @Test func aGzipBombStopsAtTheLimit() throws {
        let scratch = try ScratchFolder("NeuralEngineTests")
        defer { scratch.remove() }
        let path = try bomb(megabytes: 100, in: scratch.url)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size < 200_000)
        #expect {
            _ = try Dataset<Float>.digits(contentsOf: path)
        } throws: { error in
            let message = "\(error)"
            return message.contains("decompresses to more than 16 MiB") && message.count < 300
        }
        #expect(throws: DataError.self) { _ = try DataFile.read(path, maximumBytes: 1 << 20) }
        // Under the limit the same file reads in full.
        let small = try bomb(megabytes: 1, in: scratch.url)
        #expect(try DataFile.read(small, maximumBytes: 2 << 20).count == 1_000_000)
    }

    @Test func aLongLineIsQuotedByAShortPrefix() throws {
        let scratch = try ScratchFolder("NeuralEngineTests")
        defer { scratch.remove() }
        let line = "root:x:0:0:root:/root:/bin/bash" + String(repeating: "A", count: 100_000) + "\n"
        let path = try scratch.write(Array(line.utf8), to: "passwd.csv")
        #expect {
            _ = try Dataset<Float>.digits(contentsOf: path)
        } throws: { error in
            let message = "\(error)"
            return message.contains("line is longer than 1024 bytes") && message.count < 300 && !message.contains("/bin/bash")
        }
        let short = try scratch.write(Array("root:x:0:0:root:/root:/bin/bash,1\n".utf8), to: "short.csv")
        #expect {
            _ = try Dataset<Float>.digits(contentsOf: short)
        } throws: { error in
            let message = "\(error)"
            return message.contains("field 1 is 'root:x:0:0:root:…', expected an integer")
        }
    }

    @Test func rowsAreBounded() throws {
        let scratch = try ScratchFolder("NeuralEngineTests")
        defer { scratch.remove() }
        let row = Array(repeating: "0", count: 64).joined(separator: ",") + ",1\n"
        let text = String(repeating: row, count: Dataset<Float>.digitsMaximumRows + 1)
        let path = try scratch.write(Array(text.utf8), to: "many.csv")
        #expect {
            _ = try Dataset<Float>.digits(contentsOf: path)
        } throws: { error in
            "\(error)".contains("has more than 50000 images")
        }
    }

    @Test func aFolderIsACleanError() throws {
        let scratch = try ScratchFolder("NeuralEngineTests")
        defer { scratch.remove() }
        #expect {
            _ = try DataFile.read(scratch.path)
        } throws: { error in
            "\(error)" == "\(scratch.path): is a folder, not a file"
        }
    }

    @Test func excerpts() {
        #expect(DataError.excerpt(ArraySlice(Array("short".utf8))) == "short")
        #expect(DataError.excerpt(ArraySlice(Array("0123456789abcdefXYZ".utf8))) == "0123456789abcdef…")
        #expect(DataError.excerpt(ArraySlice(Array("a\u{1B}[31mb".utf8))) == "a?[31mb")
    }
}
