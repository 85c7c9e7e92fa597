import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LessonTestSupport
import Testing

/// `--junit`, `--shard`, the cache commands and an unusable `--cache-dir`,
/// through the built binary.
@Suite struct CICommandTests {
    var mixed: String { LessonBinary.fixtures.appendingPathComponent("mixed").path }

    @Test func junitIsReadByXMLDocument() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        let file = dir.appendingPathComponent("reports/junit.xml")
        let r = try LessonBinary.run(["check", mixed, "--no-cache", "--junit", file.path])
        #expect(r.status == 1)
        let document = try XMLDocument(contentsOf: file, options: [])
        let cases = try document.nodes(forXPath: "/testsuites/testsuite/testcase").compactMap { $0 as? XMLElement }
        let names = cases.map { "\($0.attribute(forName: "classname")?.stringValue ?? "")#\($0.attribute(forName: "name")?.stringValue ?? "")" }
        #expect(names == ["\(mixed)/bad.md#softmx_1", "\(mixed)/bad.md#typo", "\(mixed)/bad.md#wrong", "\(mixed)/bad.md#fine",
                          "\(mixed)/bad.md#quoted", "\(mixed)/bad.md#lesson", "\(mixed)/good.md#sm"])
        let failures = try document.nodes(forXPath: "//testcase[@name='wrong']/failure").compactMap { $0 as? XMLElement }
        #expect(failures.count == 1)
        #expect(failures.first?.attribute(forName: "message")?.stringValue == "\(mixed)/bad.md:20:5: expectation failed: loss < 0.01")
        #expect(failures.first?.stringValue?.contains("note: loss = 1.313") == true)
        #expect(try document.nodes(forXPath: "//testcase[@name='sm']/failure").isEmpty)
    }

    /// `--junit` reads its path as every path is read: `~` (which a shell
    /// leaves alone in `--junit=~/x`) is the home folder for the checks as for
    /// the write, and a trailing `/` names a folder (it wrote a file `reports`).
    @Test func junitPathsReadLikeEveryOtherPath() throws {
        let course = try ScratchCourse(["a.md": "# A\n\nText.\n"])
        defer { course.remove() }
        let dir = course.url
        let home = ["HOME": dir.appendingPathComponent("home").path]
        let slash = try LessonBinary.run(["check", "a.md", "--no-cache", "--junit", "reports/"], in: dir, environment: home)
        #expect(slash.status == 64 && slash.stderr.contains("--junit 'reports/' ends in '/', so it names a folder; give a file name such as reports/junit.xml"), "\(slash.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("reports").path))
        // The slash joined to the mark before it is a trailing slash too.
        let joined = try LessonBinary.run(["check", "a.md", "--no-cache", "--junit", "r\u{6DD}/"], in: dir, environment: home)
        #expect(joined.status == 64 && joined.stderr.contains("ends in '/', so it names a folder"), "\(joined.stderr)")
        let tilde = try LessonBinary.run(["check", "a.md", "--no-cache", "--junit=~/ci//junit.xml"], in: dir, environment: home)
        #expect(tilde.status == 0, "\(tilde.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("home/ci/junit.xml").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("~").path))
    }

    @Test func theShardsTogetherCheckEveryLessonOnce() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        var files: [String: String] = [:]
        for n in 1...5 {
            files["lessons/l\(n).md"] = "# L\(n)\n\n```experiment softmax\nid: s\nlogits: [\(n), 1, 0]\nlabel: 0\n```\n"
        }
        try LessonBinary.write(files, into: dir)
        // The second round reads the durations the first one recorded, as CI jobs sharing a cache would.
        for round in 1...2 {
            var checked: [String] = []
            for k in 1...3 {
                let r = try LessonBinary.run(["check", "lessons", "--shard", "\(k)/3", "--cache-dir", "cache-\(round)",
                                              "--junit", "j\(k).xml"], in: dir)
                #expect(r.status == 0, "\(r.stderr)")
                let document = try XMLDocument(contentsOf: dir.appendingPathComponent("j\(k).xml"), options: [])
                checked += try document.nodes(forXPath: "//testcase/@classname").compactMap(\.stringValue)
            }
            #expect(checked.sorted() == (1...5).map { "lessons/l\($0).md" }, "round \(round)")
            if round == 1 {
                // A full run records every lesson's duration; the shards then balance on them.
                let full = try LessonBinary.run(["check", "lessons", "--cache-dir", "cache-2", "--force"], in: dir)
                #expect(full.status == 0)
                let durations = try Data(contentsOf: dir.appendingPathComponent("cache-2/durations.json"))
                #expect(try JSONDecoder().decode([String: Double].self, from: durations).count == 5)
            }
        }
    }

    @Test func theCacheCommandsAndAnUnusableCacheFolder() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        let cache = dir.appendingPathComponent("cache").path
        let good = mixed + "/good.md"
        let first = try LessonBinary.run(["check", good, "--cache-dir", cache])
        #expect(first.status == 0)
        let again = try LessonBinary.run(["check", good, "--cache-dir", cache])
        #expect(again.stderr.contains("good.md: 1 block passed, all from cache"), "\(again.stderr)")
        let stats = try LessonBinary.run(["cache", "stats", "--cache-dir", cache])
        #expect(stats.status == 0)
        #expect(stats.stdout.contains("entries: 1 ("), "\(stats.stdout)")
        #expect(stats.stdout.contains("used by the last run: 1"))
        #expect(stats.stdout.contains("runs recorded: 2 (prune keeps what 2 of them used: the last 10 runs, and every run of the last 7 days)"), "\(stats.stdout)")
        #expect(stats.stdout.hasPrefix("cache: \(cache)\n"), "\(stats.stdout)")
        let elsewhere = try LessonBinary.run(["cache", "stats", "--cache-dir", cache + "-typo"])
        #expect(elsewhere.stdout.hasPrefix("cache: \(cache)-typo (does not exist)\n"), "\(elsewhere.stdout)")

        // A damaged entry is a miss: the block runs again, nothing crashes.
        let entry = try #require(try FileManager.default.contentsOfDirectory(atPath: cache).first { $0.hasSuffix(".entry") })
        try FileManager.default.createDirectory(atPath: dir.path + "/unrecorded", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: cache + "/" + entry, toPath: dir.path + "/unrecorded/" + entry)
        try Data("lesson-cache 2 3 0\nabc".utf8).write(to: URL(fileURLWithPath: cache + "/" + entry))
        let damaged = try LessonBinary.run(["check", good, "--cache-dir", cache])
        #expect(damaged.status == 0)
        #expect(!damaged.stderr.contains("from cache"), "\(damaged.stderr)")

        try Data().write(to: URL(fileURLWithPath: cache + "/stale.entry"))
        // --dry-run lists what would go and removes nothing.
        // --dry-run lists every entry: what would go, what stays, and the run that last used it.
        let dry = try LessonBinary.run(["cache", "prune", "--dry-run", "--cache-dir", cache])
        let lines = dry.stdout.split(separator: "\n")
        #expect(lines.count == 3 && lines[0].hasPrefix("remove  stale  0 bytes  last used ") && lines[0].hasSuffix(", by no recorded run  (unusable)"), "\(dry.stdout)")
        #expect(lines[1].hasPrefix("keep    ") && lines[1].contains(" last used by the run of ") && lines[1].hasSuffix(" (lesson check, 1 lesson)"), "\(dry.stdout)")
        #expect(lines.last == "would remove 1 of 2 entries (0 bytes): used by none of the 3 runs kept (the last 10 runs, and every run of the last 7 days); nothing was removed")
        #expect(FileManager.default.fileExists(atPath: cache + "/stale.entry"))
        let prune = try LessonBinary.run(["cache", "prune", "--cache-dir", cache])
        #expect(prune.stdout == "removed 1 of 2 entries (0 bytes): used by none of the 3 runs kept (the last 10 runs, and every run of the last 7 days)\n", "\(prune.stdout)\(prune.stderr)")
        let prune2 = try LessonBinary.run(["cache", "prune", "--older-than", "0s", "--cache-dir", cache])
        #expect(prune2.stdout.hasPrefix("removed 1 of 1 entry "), "\(prune2.stdout)")

        // A cache never used, or not there: nothing to do, said plainly.
        for (folder, said) in [(cache + "-never", "nothing to prune in \(cache)-never (it does not exist)\n"), (dir.path, "nothing to prune in \(dir.path)\n")] {
            let nothing = try LessonBinary.run(["cache", "prune", "--dry-run", "--cache-dir", folder])
            #expect(nothing.status == 0 && nothing.stdout == said && nothing.stderr.isEmpty, "\(nothing.stdout)\(nothing.stderr)")
        }
        // Entries with no run's record (a folder copied in by hand): an error, but not one of usage.
        let unrecorded = try LessonBinary.run(["cache", "prune", "--dry-run", "--cache-dir", dir.path + "/unrecorded"])
        #expect(unrecorded.status == 1 && unrecorded.stderr.contains("no run has recorded which entries of") && !unrecorded.stderr.contains("Usage")
            && !unrecorded.stderr.contains("writable"), "\(unrecorded.stderr)")

        let file = dir.appendingPathComponent("file").path
        try #require(FileManager.default.createFile(atPath: file, contents: Data()))
        let unusable = try LessonBinary.run(["check", good, "--cache-dir", file])
        #expect(unusable.status == 64)
        #expect(unusable.stderr.contains("--cache-dir '\(file)' cannot be used: it is a file, not a folder"), "\(unusable.stderr)")
    }
}
