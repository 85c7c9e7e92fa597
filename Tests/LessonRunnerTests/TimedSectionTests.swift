import Experiments
import Foundation
import LessonMarkdown
import NeuralEngine
import Testing
@testable import LessonRunner
import LessonSupport

/// Under `--jobs`, a kind's timed section runs with no other block at work,
/// while the rest of the blocks run in parallel; checked with counters that
/// fake kinds keep, never with clocks.
@Suite struct TimedSectionTests {
    /// What the blocks of one test did, by name (tests run in parallel).
    final class Monitor: @unchecked Sendable {
        private static let lock = NSLock()
        nonisolated(unsafe) private static var monitors: [String: Monitor] = [:]
        static func named(_ name: String) -> Monitor {
            lock.withLock {
                if let monitor = monitors[name] { return monitor }
                let monitor = Monitor()
                monitors[name] = monitor
                return monitor
            }
        }

        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        func add(_ name: String, _ n: Int = 1) { lock.withLock { counts[name, default: 0] += n } }
        subscript(name: String) -> Int { lock.withLock { counts[name, default: 0] } }
    }

    struct Spec: Codable, Sendable, Hashable {
        var monitor: String
    }

    static let keys = [
        KeyDescriptor("monitor", type: "string", default: nil, "Which test's counters."),
    ]

    static func decode(_ reader: SpecReader) -> Spec {
        Spec(monitor: reader.string("monitor"))
    }

    /// Some arithmetic the optimizer cannot drop.
    static func busyWork(_ monitor: Monitor) {
        var x = 1.0
        for i in 1...2_000 { x += Double(i).squareRoot() }
        if x.isNaN { monitor.add("nan") }
    }

    /// Times itself: once a busy block is at work, checks all through its
    /// timed section that none is.
    enum TimedKind: ExperimentKind {
        static let name = "timed-fake"
        static let summary = "Checks that no other block works during its timed section."
        static let keys = TimedSectionTests.keys
        static let timesItself = true
        static func decode(_ reader: SpecReader, context: DecodeContext) -> Spec? { TimedSectionTests.decode(reader) }
        static func run(_ spec: Spec, context: RunContext) throws -> ExperimentOutcome {
            let monitor = Monitor.named(spec.monitor)
            // Until a busy block is at work (counts, not time); bounded for a lone block.
            var polls = 0
            while monitor["busy rounds"] == 0, polls < 1_000_000 {
                sched_yield()
                polls += 1
            }
            TimingGate.timedSection {
                monitor.add("sections")
                if monitor["busy started"] > monitor["busy finished"] { monitor.add("sections that stopped a busy block") }
                let rounds = monitor["busy rounds"]
                for _ in 0..<500 {
                    if monitor["at work"] != 0 { monitor.add("violations") }
                    busyWork(monitor)
                }
                monitor.add("busy rounds during sections", monitor["busy rounds"] - rounds)
            }
            return ExperimentOutcome(values: Record(["ran": .number(1)]), presentation: [])
        }
    }

    /// Works in rounds, with a safe point after each: at least 200, and
    /// until the test's timed section has run.
    enum BusyKind: ExperimentKind {
        static let name = "busy-fake"
        static let summary = "Works in rounds with safe points between them."
        static let keys = TimedSectionTests.keys
        static func decode(_ reader: SpecReader, context: DecodeContext) -> Spec? { TimedSectionTests.decode(reader) }
        static func run(_ spec: Spec, context: RunContext) throws -> ExperimentOutcome {
            let monitor = Monitor.named(spec.monitor)
            monitor.add("busy started")
            defer { monitor.add("busy finished") }
            var rounds = 0
            while rounds < 200 || (monitor["sections"] == 0 && rounds < 2_000_000) {
                monitor.add("at work")
                busyWork(monitor)
                monitor.add("at work", -1)
                monitor.add("busy rounds")
                try WorkDeadline.check()
                rounds += 1
            }
            return ExperimentOutcome(values: Record(["rounds": .number(Double(min(rounds, 200)))]), presentation: [])
        }
    }

    /// Lesson 1: the timed block and a busy one; lesson 2: two busy blocks.
    static func lesson(_ n: Int, monitor: String) -> String {
        let busy = """
            ```experiment busy-fake
            id: busy
            monitor: \(monitor)
            ```

            ```experiment busy-fake
            id: busy2
            monitor: \(monitor)
            expect:
              - "rounds == busy.rounds"
            ```
            """
        let timed = """
            ```experiment timed-fake
            id: timed
            monitor: \(monitor)
            ```

            ```experiment busy-fake
            id: busy
            monitor: \(monitor)
            ```

            Ran `=timed.ran`.
            """
        return "# Lesson \(n)\n\n" + (n == 1 ? timed : busy) + "\n"
    }

    @Test(arguments: [2, 3])
    func timedSectionsRunWithNoOtherBlockAtWork(jobs: Int) throws {
        let monitor = "jobs\(jobs)-\(UUID().uuidString)"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(monitor)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = try (1...2).map { n in
            let path = dir.appendingPathComponent("l\(n).md").path
            try Self.lesson(n, monitor: monitor).write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        var pipeline = Pipeline(executor: Executor(cache: nil))
        pipeline.registry = [AnyExperimentKind(TimedKind.self), AnyExperimentKind(BusyKind.self)]
        let lessons = pipeline.run(paths: paths, jobs: jobs)

        let counts = Monitor.named(monitor)
        let passed = lessons.allSatisfy { $0.passed }
        #expect(passed, "\(lessons.flatMap(\.allDiagnostics).map(\.description))")
        #expect(counts["sections"] == 1)
        #expect(counts["violations"] == 0)
        #expect(counts["busy rounds during sections"] == 0)
        #expect(counts["nan"] == 0)
        // The timed block starts first and waits until a busy block is at work,
        // which cannot finish before the section: it did have a block to stop.
        #expect(counts["sections that stopped a busy block"] == 1)
        #expect(counts["busy finished"] == 3)
    }
}
