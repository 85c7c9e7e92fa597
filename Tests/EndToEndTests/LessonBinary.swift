import Foundation
import LessonTestSupport
import Testing

/// Runs the built `lesson` binary for every end-to-end suite.
enum LessonBinary {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures")

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL? {
        for configuration in ["debug", "release"] {
            let url = packageRoot.appendingPathComponent(".build/\(configuration)/lesson")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// Runs `lesson` with `arguments`, or `executable` (a wrapper such as
    /// `runuser`, whose arguments name the binary).
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
                    executable: URL? = nil) throws -> Result {
        let lesson = try #require(binary, "build the `lesson` product first")
        let process = Process()
        process.executableURL = executable ?? lesson
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        // Files rather than pipes: a chatty child never blocks on a full pipe.
        let scratch = try ScratchFolder("lesson-out")
        defer { scratch.remove() }
        let outURL = scratch.url.appendingPathComponent("stdout"), errURL = scratch.url.appendingPathComponent("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(status: process.terminationStatus, stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// A scratch folder the caller removes itself, for the few tests that
    /// must undo something first (permissions, paths too long for
    /// `removeItem`); the others use a ``ScratchFolder`` and `remove()`.
    static func temporaryDirectory() throws -> URL {
        try ScratchFolder("lesson-e2e").url
    }

    /// A folder of copies of fixture lessons (and their `data/`), to run on.
    static func write(_ files: [String: String], into directory: URL) throws {
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }
}
