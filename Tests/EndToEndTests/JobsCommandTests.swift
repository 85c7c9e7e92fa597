import Foundation
import LessonTestSupport
import Testing

/// `--jobs N`: blocks of several lessons at once, the same pages and output
/// for any N.
@Suite struct JobsCommandTests {
    /// Lessons without timing values (times differ from run to run whatever N is).
    static let lessons: [String: String] = {
        var files: [String: String] = [:]
        for n in 1...4 {
            files["lessons/s\(n).md"] = """
            # Lesson \(n)

            ```experiment softmax
            id: a
            logits: [\(n), 1, 0.5]
            label: 0
            ```

            ```experiment softmax
            id: b
            seeds: 3
            logits: [[\(n), 1], [0, 2]]
            label: [0, 1]
            expect:
              - "loss > a.loss"
            ```

            ```experiment bias-variance
            id: bv
            data: polynomial
            degrees: [1, 3]
            train_size: 20
            resamples: 3
            test_points: 11
            ```

            Loss `=a.loss`, `=b.loss.mean`, bias `=bv.decomposition[0].bias2:.3g`, missing `=a.nope`.
            """
        }
        files["lessons/broken.md"] = "# Broken\n\n```experiment softmx\nlogits: [1]\n```\n"
        return files
    }()

    @Test func pagesAndMessagesAreTheSameForAnyNumberOfJobs() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        try LessonBinary.write(Self.lessons, into: dir)
        var outputs: [(stdout: String, stderr: String, files: [String: Data])] = []
        for jobs in [1, 2, 5] {
            let r = try LessonBinary.run(["render", "lessons", "--out", "out\(jobs)", "--no-cache", "--jobs", "\(jobs)",
                                          "--junit", "j\(jobs).xml"], in: dir)
            #expect(r.status == 1, "\(r.stderr)")
            var files: [String: Data] = [:]
            let root = dir.appendingPathComponent("out\(jobs)")
            for case let relative as String in FileManager.default.enumerator(atPath: root.path)! {
                var isDirectory: ObjCBool = false
                let url = root.appendingPathComponent(relative)
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files[relative] = try Data(contentsOf: url)
                }
            }
            // Progress lines carry times, and a run of 10 s or more has a
            // heartbeat line ("… 0:10 elapsed"); the diagnostics do not.
            let diagnostics = r.stderr.split(separator: "\n").filter { !$0.contains(" s)") && !$0.hasPrefix("… ") }.joined(separator: "\n")
            outputs.append((r.stdout.replacingOccurrences(of: "out\(jobs)/", with: "out/"), diagnostics, files))
        }
        #expect(outputs[0].files.count > 5)
        for other in outputs.dropFirst() {
            #expect(other.stdout == outputs[0].stdout)
            #expect(other.stderr == outputs[0].stderr)
            #expect(other.files.keys.sorted() == outputs[0].files.keys.sorted())
            for (name, data) in outputs[0].files { #expect(other.files[name] == data, "\(name) differs") }
        }
        #expect(outputs[0].stderr.contains("broken.md:3:15: error: unknown experiment kind 'softmx'"))
    }

    @Test(arguments: ["0", "-1", "x"])
    func badJobCountsAreUsageErrors(jobs: String) throws {
        let r = try LessonBinary.run(["check", "--jobs", jobs, LessonBinary.fixtures.appendingPathComponent("mixed/good.md").path])
        #expect(r.status == 64, "\(r.stderr)")
    }
}
