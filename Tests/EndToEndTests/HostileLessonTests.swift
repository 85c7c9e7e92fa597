import Foundation
import LessonTestSupport
import Testing

/// Hostile lessons through the built binary: what a user sees.
@Suite(.serialized) struct HostileLessonTests {
    /// The built binary, run through ``LessonBinary`` (output to files, so a
    /// chatty run never blocks on a full pipe).
    func lesson(_ arguments: [String], in directory: URL) throws -> LessonBinary.Result {
        try LessonBinary.run(arguments, in: directory)
    }

    /// A refused link is its text: `href=""` was a link to the page itself (issue 21, low).
    @Test func scriptLinksBecomeText() throws {
        let scratch = try ScratchFolder("hostile")
        defer { scratch.remove() }
        let dir = scratch.url
        try LessonBinary.write(["links.md": """
        # Links

        [tab](java&#x09;script:alert(1)) [cr](java&#x0D;script:alert(2)) [lf](java&#x0A;script:alert(3))
        [ctl](&#x01;javascript:alert(4)) ![img](java&#x09;script:alert(5)) <javascript:alert(6)>
        [ok](</my uri>) [ok2](foo\\bar)

        """], into: dir)
        let r = try lesson(["render", "links.md", "--out", "out", "--no-cache"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: dir.appendingPathComponent("out/links.html"), encoding: .utf8)
        // The autolink's text may say it; no attribute may hold it.
        for attribute in html.components(separatedBy: "href=\"").dropFirst() + html.components(separatedBy: "src=\"").dropFirst() {
            #expect(!attribute.prefix { $0 != "\"" }.lowercased().contains("script"), "\(attribute.prefix(60))")
        }
        #expect(!html.contains("href=\"\""))
        #expect(html.contains("<p>tab cr lf"), "\(html)")
        #expect(html.contains("href=\"/my%20uri\""))
        #expect(html.contains("href=\"foo%5Cbar\""))
    }

    @Test func nearMissesAndDeepNestingAreLocatedWarnings() throws {
        let scratch = try ScratchFolder("hostile")
        defer { scratch.remove() }
        let dir = scratch.url
        try LessonBinary.write(["near.md": """
        # Near misses

        ```Experiment softmax
        logits: [1, 2]
        ```

        ~~~experiment-softmax
        logits: [1, 2]
        ~~~

        """ + String(repeating: ">", count: 300) + " deep text\n"], into: dir)
        let r = try lesson(["check", "near.md", "--no-cache"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("near.md:3:4: warning: the info string 'Experiment softmax' is not an experiment block"), "\(r.stderr)")
        #expect(r.stderr.contains("write 'experiment softmax' to run it"))
        #expect(r.stderr.contains("near.md:7:4: warning: the info string 'experiment-softmax'"), "\(r.stderr)")
        #expect(r.stderr.contains("near.md:10:257: warning: content nested more than 256 levels"), "\(r.stderr)")
        #expect(r.stderr.contains("nested more than 256 levels"))
    }

    @Test func dataFilesStayInsideTheLessonAndAreBounded() throws {
        let scratch = try ScratchFolder("hostile")
        defer { scratch.remove() }
        let dir = scratch.url
        try LessonBinary.write(["lesson/data.md": """
        ```experiment dropout-ensemble
        data: digits
        file: /etc/passwd
        ```

        ```experiment dropout-ensemble
        data: digits
        file: ../../../../../../etc/passwd
        ```

        ```experiment dropout-ensemble
        data: digits
        file: bomb.csv.gz
        ```

        ```experiment dropout-ensemble
        data: digits
        file: data
        ```

        """], into: dir)
        let lessonDirectory = dir.appendingPathComponent("lesson")
        try FileManager.default.createDirectory(at: lessonDirectory.appendingPathComponent("data"), withIntermediateDirectories: true)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "head -c 100000000 /dev/zero | gzip -c > lesson/bomb.csv.gz"]
        gzip.currentDirectoryURL = dir
        try gzip.run()
        gzip.waitUntilExit()
        let r = try lesson(["check", "lesson/data.md", "--no-cache"], in: dir)
        #expect(r.status == 1)
        let rule = "a data file must be inside the lesson's folder (or a folder below it), after following symbolic links"
        #expect(r.stderr.contains("lesson/data.md:3:7: error: the data file '/etc/passwd' is an absolute path; \(rule)"), "\(r.stderr)")
        #expect(r.stderr.contains("lesson/data.md:8:7: error: the data file '../../../../../../etc/passwd' leads outside the lesson's folder; \(rule)"))
        #expect(r.stderr.contains("lesson/data.md:11:1: error: experiment 'dropout_ensemble_3' failed: cannot read the digits file: "), "\(r.stderr)")
        #expect(r.stderr.contains("decompresses to more than 16 MiB"))
        #expect(r.stderr.contains("lesson/data.md:18:7: error: the data file 'data' is a folder, not a file"))
        #expect(!r.stderr.contains("root:") && !r.stderr.contains("NSCocoaErrorDomain"))
        #expect(r.stderr.count < 4_000)
    }

    @Test func aBlockPastTheTimeLimitStopsAlone() throws {
        let scratch = try ScratchFolder("hostile")
        defer { scratch.remove() }
        let dir = scratch.url
        try LessonBinary.write(["slow.md": """
        ```experiment bias-variance
        id: slow
        data: moons
        train_size: 40
        validation_size: 40
        hidden: [2]
        epochs: 5
        ```

        ```experiment softmax
        id: quick
        logits: [2, 1, 0.1]
        label: 0
        ```

        """], into: dir)
        let r = try lesson(["check", "slow.md", "--no-cache", "--block-time-limit", "0"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("slow.md:1:1: error: experiment 'slow' was stopped after 0 s, the time limit set with --block-time-limit 0"), "\(r.stderr)")
        #expect(r.stderr.contains("the default limit is 120 s; raise --block-time-limit, or make the block smaller"), "\(r.stderr)")
        #expect(!r.stderr.contains("estimate"), "a limit the user set is not the estimate's fault: \(r.stderr)")
        #expect(r.stdout.contains("2 blocks: 1 passed, 1 failed"), "\(r.stdout)")
        let bad = try lesson(["check", "slow.md", "--block-time-limit", "-1"], in: dir)
        #expect(bad.status == 64)
    }

    /// The `.tmp` files under `directory`, at any depth (assets are written first).
    func temporaryFiles(in directory: URL) -> [String] {
        let all = FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? []
        return all.filter { $0.hasSuffix(".tmp") }.sorted()
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func anInterruptedRenderLeavesNoTemporaryFile(signal: Int32) throws {
        let scratch = try ScratchFolder("hostile")
        defer { scratch.remove() }
        let dir = scratch.url
        try LessonBinary.write(["a.md": "# A\n\nText.\n"], into: dir)
        let out = dir.appendingPathComponent("out")
        try interrupt(["render", "a.md", "--out", out.path, "--no-cache"], in: dir, whileWritingIn: out, with: signal)
    }

    /// A formula is written to the cache before any page: interrupted while
    /// that file is half-written, the run leaves nothing in the cache either.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/share/javascript/katex/katex.min.js")))
    func anInterruptedRenderLeavesNoTemporaryFileInTheCache() throws {
        let scratch = try ScratchFolder("hostile")
        defer { scratch.remove() }
        let dir = scratch.url
        try LessonBinary.write(["a.md": "# A\n\nThe square $x^2$.\n"], into: dir)
        let cache = dir.appendingPathComponent("cache")
        try interrupt(["render", "a.md", "--out", dir.appendingPathComponent("out").path, "--cache-dir", cache.path],
                      in: dir, whileWritingIn: cache, with: SIGINT)
    }

    /// Runs `lesson arguments` with every temporary file held before its
    /// rename, sends `signal` once one appears under `watched`, and checks
    /// that the process ended by that signal and left no temporary file.
    func interrupt(_ arguments: [String], in dir: URL, whileWritingIn watched: URL, with signal: Int32) throws {
        let binary = try #require(LessonBinary.binary, "build the `lesson` product first")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = dir
        var environment = ProcessInfo.processInfo.environment
        // Held far longer than a busy machine needs to notice it: the test
        // sends its signal and never waits for the hold to end.
        environment["LESSON_TEST_HOLD_TEMPORARY_FILES"] = "600"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the first file is being written: as long as a busy
        // machine needs (up to three minutes), no longer than a quiet one does.
        var waited = 0
        while temporaryFiles(in: watched).isEmpty, waited < 3_600, process.isRunning {
            usleep(50_000)
            waited += 1
        }
        #expect(!temporaryFiles(in: watched).isEmpty, "no temporary file appeared")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signal)
        #expect(temporaryFiles(in: watched).isEmpty, "\(temporaryFiles(in: watched))")
    }

    /// The pid of a process that has ended: the writer of a leftover file.
    func deadPID() throws -> pid_t {
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        return gone.processIdentifier
    }

    @Test func theNextRenderSweepsWhatAKilledOneLeft() throws {
        let scratch = try ScratchFolder("hostile")
        defer { scratch.remove() }
        let dir = scratch.url
        try LessonBinary.write(["a.md": "# A\n\nText.\n"], into: dir)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let stale = ".a.html.\(try deadPID()).0BADF00D.tmp"
        let live = ".a.html.\(getpid()).0C0FFEE0.tmp"
        for name in [stale, live] {
            try #require(FileManager.default.createFile(atPath: out.appendingPathComponent(name).path, contents: Data("half".utf8)))
        }
        let r = try lesson(["render", "a.md", "--out", out.path, "--no-cache"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        // The dead writer's file is gone; a live writer's (a concurrent render) stays.
        #expect(temporaryFiles(in: out) == [live])
    }

    /// The cache folder too: a cache entry a killed run was writing is
    /// removed by the next run that uses the cache.
    @Test func theNextRunSweepsTheCacheOfWhatAKilledOneLeft() throws {
        let scratch = try ScratchFolder("hostile")
        defer { scratch.remove() }
        let dir = scratch.url
        try LessonBinary.write(["a.md": "# A\n\nText.\n"], into: dir)
        let cache = dir.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let stale = ".0123abcd.entry.\(try deadPID()).0BADF00D.tmp"
        try #require(FileManager.default.createFile(atPath: cache.appendingPathComponent(stale).path, contents: Data("half".utf8)))
        let r = try lesson(["check", "a.md", "--cache-dir", cache.path], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(temporaryFiles(in: cache).isEmpty, "\(temporaryFiles(in: cache))")
    }

    @Test func yamlMessagesPointWhereTheProblemIs() throws {
        let scratch = try ScratchFolder("hostile")
        defer { scratch.remove() }
        let dir = scratch.url
        try LessonBinary.write(["m.md": """
        ```experiment softmax
        logits: [1, 2]
        label: 0
        logits: [3, 4]
        ```

        ```experiment softmax
        logits: &a [1, 2]
        label: 0
        id: *a
        ```

        ```experiment softmax
        logits: [1, 2]
        \tlabel: 0
        ```

        ```experiment softmax
        logits: [1, 2]
        label: 0
        seed: -1
        ```

        """], into: dir)
        let r = try lesson(["check", "m.md", "--no-cache"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("m.md:4:1: error: duplicate key 'logits': a key may appear once in a block; keep one"), "\(r.stderr)")
        #expect(r.stderr.contains("m.md:10:1: error: 'id' must be text, found a list"), "\(r.stderr)")
        #expect(r.stderr.contains("m.md:15:1: error: a tab indents this line; YAML indentation must be spaces"), "\(r.stderr)")
        #expect(r.stderr.contains("m.md:21:7: error: 'seed' is -1, outside the allowed range 0 ≤ seed ≤ 9,007,199,254,740,991"), "\(r.stderr)")
    }
}
