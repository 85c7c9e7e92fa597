import Foundation
import LessonTestSupport
import Testing
import Yams
@testable import LessonRunner

/// `lesson init`'s files: settings that load, workflows that name scripts it writes.
@Suite struct CourseScaffoldTests {
    @Test func writesACourseWhoseSettingsLoad() throws {
        let scratch = try ScratchFolder("scaffold")
        defer { scratch.remove() }
        // A course folder that does not exist yet, as `lesson init DIR` is given.
        let dir = scratch.path + "/my-course"
        let written = try CourseScaffold.write(into: dir)
        #expect(written.contains("course.yml") && written.contains("lessons/first-lesson.md") && written.contains(".gitignore"))
        let (settings, problems) = CourseSettings.load(path: dir + "/course.yml")
        #expect(problems.isEmpty, "\(problems)")
        #expect(settings?.title == "My course")
        #expect(settings?.lessons == ["lessons"] && settings?.data == ["data"] && settings?.output == "site")
        for script in ["ci/install-lesson.sh", "ci/check.sh", "ci/render.sh"] {
            #expect(FileManager.default.isExecutableFile(atPath: dir + "/" + script), "\(script)")
        }
        let ignored = try String(contentsOfFile: dir + "/.gitignore", encoding: .utf8)
        #expect(ignored.contains("/site/") && ignored.contains("/.lesson-cache/"))
    }

    /// Every `run:` step of both workflows calls a script the course has, and
    /// the cache is kept per shard, restored by shard first and then any.
    @Test func workflowsRunTheScriptsAndKeepACachePerShard() throws {
        let files = try CourseScaffold.files(title: "T")
        let paths = Set(files.map(\.path))
        for name in ["check", "publish"] {
            let text = try #require(files.first { $0.path == ".github/workflows/\(name).yml" }?.text)
            let workflow = try #require(try Yams.load(yaml: text) as? [String: Any])
            let jobs = try #require(workflow["jobs"] as? [String: Any])
            for case let job as [String: Any] in jobs.values {
                for case let step as [String: Any] in (job["steps"] as? [Any]) ?? [] {
                    guard let run = step["run"] as? String else { continue }
                    let script = String(run.split(separator: " ")[0])
                    #expect(paths.contains(script), "\(name): \(run)")
                }
            }
        }
        let check = try #require(files.first { $0.path == ".github/workflows/check.yml" }?.text)
        #expect(check.contains("key: lesson-cache-shard${{ matrix.shard }}-"))
        #expect(check.contains("restore-keys: |\n            lesson-cache-shard${{ matrix.shard }}-\n            lesson-cache-\n"))
        #expect(check.contains("--junit") == false && check.contains("ci/check.sh"))
    }

    @Test func refusesAFolderThatHasAnyOfTheFiles() throws {
        let scratch = try ScratchFolder("scaffold")
        defer { scratch.remove() }
        // A course folder that does not exist yet, as `lesson init DIR` is given.
        let dir = scratch.path + "/my-course"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "mine\n".write(toFile: dir + "/.gitignore", atomically: true, encoding: .utf8)
        #expect(throws: LessonScaffold.Problem.self) { try CourseScaffold.write(into: dir) }
        #expect(try String(contentsOfFile: dir + "/.gitignore", encoding: .utf8) == "mine\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/course.yml"))
    }
}
