import Experiments
import Foundation
import LessonTestSupport
import Testing
@testable import LessonRunner

@Suite struct ResultCacheTests {
    let outcome = ExperimentOutcome(values: Record(["loss": .number(0.25), "names": .strings(["a", "b"])]), presentation: [])

    @Test func anEntryRoundTrips() throws {
        let scratch = try ScratchFolder("cache")
        defer { scratch.remove() }
        let dir = scratch.path
        let cache = ResultCache(directory: dir)
        cache.store(outcome, key: "k1")
        #expect(cache.load("k1") == outcome)
        #expect(cache.load("k2") == nil)
    }

    /// Every way an entry can be damaged is a miss, never a crash or a wrong value.
    @Test func aDamagedEntryIsAMiss() throws {
        let scratch = try ScratchFolder("cache")
        defer { scratch.remove() }
        let dir = scratch.path
        let cache = ResultCache(directory: dir)
        cache.store(outcome, key: "k")
        let path = cache.path("k")
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        var flipped = good
        flipped[flipped.count - 3] ^= 0x01
        let damaged: [Data] = [
            Data(), good.prefix(good.count / 2), flipped, Data("{\"values\":{}}".utf8),
            Data("lesson-cache 2 99999999999999999999999 x\n".utf8), Data(repeating: 0xFF, count: 500),
            good + Data("x".utf8),
        ]
        for data in damaged {
            try data.write(to: URL(fileURLWithPath: path))
            #expect(cache.load("k") == nil)
        }
        #expect(cache.stats().unusable == 1)
    }

    /// An entry copied over another block's (the same bytes under another
    /// name) is a miss: the entry names its key, and the checksum covers it
    /// (issue 21, medium 1: a failing lesson reported "passed").
    @Test func anEntryCopiedOverAnotherKeyIsAMiss() throws {
        let scratch = try ScratchFolder("cache")
        defer { scratch.remove() }
        let dir = scratch.path
        let cache = ResultCache(directory: dir)
        cache.store(outcome, key: "passing")
        try FileManager.default.copyItem(atPath: cache.path("passing"), toPath: cache.path("failing"))
        #expect(cache.load("failing") == nil)
        // Nor does rewriting the key in the header help without the checksum.
        let text = try String(contentsOfFile: cache.path("passing"), encoding: .isoLatin1)
        try text.replacingOccurrences(of: " passing ", with: " failing ").write(toFile: cache.path("failing"), atomically: true, encoding: .isoLatin1)
        #expect(cache.load("failing") == nil)
        #expect(cache.load("passing") == outcome)
    }

    /// An entry is read only up to ``CacheEntry/sizeLimit``: a sparse file of
    /// a gigabyte (no disk cost) is a miss without being read (issue 21,
    /// high 7: peak memory went to 1.6-3.1 GB). Peak memory, not time, is
    /// what the test reads.
    @Test func aHugeSparseEntryIsAMissWithoutBeingRead() throws {
        let scratch = try ScratchFolder("cache")
        defer { scratch.remove() }
        let dir = scratch.path
        let cache = ResultCache(directory: dir)
        #expect(FileManager.default.createFile(atPath: cache.path("k"), contents: Data("lesson-cache 4 k 1 x\n".utf8)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: cache.path("k")))
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        func peakKilobytes() -> Int {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return usage.ru_maxrss
        }
        let before = peakKilobytes()
        #expect(cache.load("k") == nil)
        #expect(peakKilobytes() - before < 512 * 1024)
        // A pipe in its place is a miss too, not a read that waits forever.
        try FileManager.default.removeItem(atPath: cache.path("k"))
        #expect(mkfifo(cache.path("k"), 0o600) == 0)
        #expect(cache.load("k") == nil)
    }

    /// An entry of the previous format (lists of numbers one by one), though
    /// well-formed and with a matching checksum, is a miss: it is run again.
    @Test func anEntryOfTheOldFormatIsAMiss() throws {
        let scratch = try ScratchFolder("cache")
        defer { scratch.remove() }
        let dir = scratch.path
        let cache = ResultCache(directory: dir)
        let payload = Data("{\"presentation\":[],\"values\":{\"fields\":[{\"name\":\"loss\",\"value\":{\"number\":{\"_0\":0.25}}}]}}".utf8)
        let old = "lesson-cache 1 \(payload.count) \(CacheEntry.checksum(payload, key: "k"))\n"
        try (Data(old.utf8) + payload).write(to: URL(fileURLWithPath: cache.path("k")))
        #expect(cache.load("k") == nil)
        cache.store(outcome, key: "k")
        #expect(cache.load("k") == outcome)
    }

    /// A `train`-sized outcome: long curves in the values and a chart with a band.
    @Test func curvesAndChartsRoundTrip() throws {
        let scratch = try ScratchFolder("cache")
        defer { scratch.remove() }
        let dir = scratch.path
        let cache = ResultCache(directory: dir)
        let curve = (0..<3_000).map { 2 / Double($0 + 1) }
        var variant = Record()
        variant["curve"] = .record(Record(["train_loss": .numbers(curve), "validation_loss": .numbers(curve.reversed())]))
        variant["steps"] = .integer(3_000)
        let chart = Chart(title: "Learning curves", series: [
            Chart.Series(name: "a", x: curve.indices.map { Double($0) }, y: curve).downsampled(),
            Chart.Series(name: "b", x: [1, 2], y: [0.5, 0.25], dashed: true),
        ])
        let big = ExperimentOutcome(values: Record(["variants": .list([.record(variant)])]),
                                    presentation: [.chart(chart), .note("n")])
        cache.store(big, key: "big")
        #expect(cache.load("big") == big)
        // Packed: about 11 bytes a number (8 in base64), not the 40 of one JSON object each.
        let size = try #require(try FileManager.default.attributesOfItem(atPath: cache.path("big"))[.size] as? Int)
        #expect(size < 3 * 3_000 * 12)
    }

    @Test func pruneKeepsWhatTheLastRunUsed() throws {
        let scratch = try ScratchFolder("cache")
        defer { scratch.remove() }
        let dir = scratch.path
        ResultCache(directory: dir).store(outcome, key: "old")
        #expect(throws: ResultCache.NoRunRecorded.self) { try ResultCache(directory: dir).prune() }
        let usage = CacheUsage()
        let cache = ResultCache(directory: dir, usage: usage)
        cache.store(outcome, key: "new")
        _ = cache.load("new")
        usage.lessonTook("l.md", seconds: 2)
        usage.save(in: dir)
        let stats = cache.stats()
        #expect(stats.entries == 2)
        #expect(stats.usedByLastRun == 1)
        #expect(stats.lessonsWithDurations == 1)
        // A dry run says what would go and removes nothing.
        let dry = try cache.prune(dryRun: true)
        #expect(dry.removed == 1 && dry.total == 2 && dry.entries.first?.key != "new")
        #expect(cache.stats().entries == 2)
        #expect(try cache.prune().removed == 1)
        #expect(cache.load("new") == outcome)
        #expect(cache.stats().entries == 1)
        #expect(ResultCache.recordedDurations(in: dir) == ["l.md": 2])
    }

    /// Prune keeps what any of the last 10 runs, or any run of the last 7
    /// days, used: a render of one lesson leaves the others' entries alone.
    /// Records older than both are dropped when a run records its own.
    @Test func pruneKeepsWhatRecentRunsUsed() throws {
        let scratch = try ScratchFolder("cache")
        defer { scratch.remove() }
        let dir = scratch.path
        let cache = ResultCache(directory: dir)
        let day = 86_400.0
        let now = Date()
        for key in ["all", "one", "recent", "old0", "old1"] { cache.store(outcome, key: key) }
        // Eleven runs weeks ago, the oldest of which alone used "old0".
        for n in 0..<11 {
            CacheRun.record(CacheRun(time: now.addingTimeInterval(-Double(30 - n) * day), description: "old \(n)",
                                     keys: n == 0 ? ["old0"] : ["old1"]), in: dir, name: "old-\(n).run")
        }
        CacheRun.record(CacheRun(time: now.addingTimeInterval(-2 * day), description: "lesson check, 9 lessons", keys: ["all", "one"]),
                        in: dir, name: "check.run")
        CacheRun.record(CacheRun(time: now, description: "lesson render, 1 lesson", keys: ["one"]), in: dir, name: "render.run")
        // Old runs past the last 10 went as the newer ones were recorded.
        #expect(CacheRun.all(in: dir).count == 10)
        #expect(!FileManager.default.fileExists(atPath: dir + "/runs/old-0.run"))
        let dry = try cache.prune(dryRun: true, now: now)
        #expect(Set(dry.entries.map(\.key)) == ["old0", "recent"], "\(dry.entries.map(\.key))")
        #expect(Set(dry.kept.map(\.key)) == ["all", "one", "old1"])
        #expect(dry.keptRuns.count == 10)
        // Each entry names the newest run that used it.
        #expect(dry.kept.first { $0.key == "one" }?.lastRun?.description == "lesson render, 1 lesson")
        #expect(dry.kept.first { $0.key == "all" }?.lastRun?.description == "lesson check, 9 lessons")
        #expect(dry.entries.first { $0.key == "recent" }?.lastRun == nil)
        #expect(cache.stats().entries == 5)
        // A week on, the check is no longer recent but still among the last 10 runs.
        let later = try cache.prune(dryRun: true, now: now.addingTimeInterval(8 * day))
        #expect(Set(later.kept.map(\.key)) == ["all", "one", "old1"])
        #expect(try cache.prune(now: now).removed == 2)
        #expect(cache.load("all") == outcome && cache.load("old0") == nil)
    }

    /// A record that is a link, or not a record, is not read: a cache
    /// folder may come with a pull request.
    @Test func onlyRecordsAreRead() throws {
        let scratch = try ScratchFolder("cache")
        defer { scratch.remove() }
        let dir = scratch.path
        CacheRun.record(CacheRun(time: Date(), description: "lesson check, 1 lesson", keys: ["a"]), in: dir, name: "real.run")
        try "{\"time\": 1, \"description\": \"elsewhere\"}\nb\n".write(toFile: dir + "/outside.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/runs/link.run", withDestinationPath: dir + "/outside.txt")
        try "not a record\nc\n".write(toFile: dir + "/runs/junk.run", atomically: true, encoding: .utf8)
        let runs = CacheRun.all(in: dir)
        #expect(runs.map(\.description) == ["lesson check, 1 lesson"] && runs.first?.keys == ["a"])
        #expect(ResultCache(directory: dir).stats().runs == 1)
    }

    @Test func pruneOlderThanUsesTheLastUse() throws {
        let scratch = try ScratchFolder("cache")
        defer { scratch.remove() }
        let dir = scratch.path
        let cache = ResultCache(directory: dir)
        cache.store(outcome, key: "a")
        #expect(try cache.prune(olderThan: 3600).removed == 0)
        #expect(try cache.prune(olderThan: 3600, now: Date().addingTimeInterval(7200)).removed == 1)
    }

    @Test func aFileOrAnUnwritableFolderCannotBeTheCache() throws {
        let scratch = try ScratchFolder("cache")
        defer { scratch.remove() }
        let dir = scratch.path
        let file = dir + "/file"
        try #require(FileManager.default.createFile(atPath: file, contents: Data()))
        #expect(throws: ResultCache.Unusable.self) { try ResultCache(directory: file).prepare() }
        #expect(throws: ResultCache.Unusable.self) { try ResultCache(directory: file + "/below").prepare() }
        try ResultCache(directory: dir + "/new/cache").prepare()
        #expect(FileManager.default.fileExists(atPath: dir + "/new/cache"))
    }

    @Test(arguments: [("90s", 90.0), ("45m", 2700), ("12h", 43_200), ("7d", 604_800), ("2w", 1_209_600), ("0.5h", 1800)])
    func agesParse(text: String, seconds: Double) throws {
        #expect(try CacheAge.seconds(text) == seconds)
    }

    @Test(arguments: ["", "7", "d", "-1d", "7y", "nand"])
    func badAgesAreRejected(text: String) {
        #expect(throws: CacheAge.Invalid.self) { try CacheAge.seconds(text) }
    }
}
