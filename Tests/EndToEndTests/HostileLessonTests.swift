import Foundation
import Testing

/// Hostile lessons through the built binary: what a user sees.
@Suite(.serialized) struct HostileLessonTests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func lesson(_ arguments: [String], in directory: URL) throws -> Result {
        let process = Process()
        process.executableURL = try #require(LessonCommandTests.binary, "build the `lesson` product first")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    func folder(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files {
            let file = url.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        return url
    }

    @Test func scriptLinksBecomeEmptyHrefs() throws {
        let dir = try folder(["links.md": """
        # Links

        [tab](java&#x09;script:alert(1)) [cr](java&#x0D;script:alert(2)) [lf](java&#x0A;script:alert(3))
        [ctl](&#x01;javascript:alert(4)) ![img](java&#x09;script:alert(5)) <javascript:alert(6)>
        [ok](</my uri>) [ok2](foo\\bar)

        """])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try lesson(["render", "links.md", "--out", "out", "--no-cache"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: dir.appendingPathComponent("out/links.html"), encoding: .utf8)
        // The autolink's text may say it; no attribute may hold it.
        for attribute in html.components(separatedBy: "href=\"").dropFirst() + html.components(separatedBy: "src=\"").dropFirst() {
            #expect(!attribute.prefix { $0 != "\"" }.lowercased().contains("script"), "\(attribute.prefix(60))")
        }
        #expect(html.contains("<a href=\"\">tab</a>"))
        #expect(html.contains("href=\"/my%20uri\""))
        #expect(html.contains("href=\"foo%5Cbar\""))
    }

    @Test func nearMissesAndDeepNestingAreLocatedWarnings() throws {
        let dir = try folder(["near.md": """
        # Near misses

        ```Experiment softmax
        logits: [1, 2]
        ```

        ~~~experiment-softmax
        logits: [1, 2]
        ~~~

        """ + String(repeating: ">", count: 300) + " deep text\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try lesson(["check", "near.md", "--no-cache"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("near.md:3:4: warning: the info string 'Experiment softmax' is not an experiment block"), "\(r.stderr)")
        #expect(r.stderr.contains("write 'experiment softmax' to run it"))
        #expect(r.stderr.contains("near.md:7:4: warning: the info string 'experiment-softmax'"), "\(r.stderr)")
        #expect(r.stderr.contains("near.md:10:257: warning: content nested more than 256 levels"), "\(r.stderr)")
        #expect(r.stderr.contains("nested more than 256 levels"))
    }
}
