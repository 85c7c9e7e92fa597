import Foundation
import Testing
@testable import LessonSupport

/// The timing gate: a timed section runs with no other holder at work, holders
/// step aside at safe points, several timed sections take turns, and without a
/// gate nothing changes. Every check counts events; none measures time.
@Suite struct TimingGateTests {
    /// Counters shared between threads.
    final class Counters: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [String: Int] = [:]
        func add(_ name: String, _ n: Int = 1) { lock.withLock { values[name, default: 0] += n } }
        subscript(name: String) -> Int { lock.withLock { values[name, default: 0] } }
    }

    /// Some arithmetic the optimizer cannot drop.
    static func work(_ counters: Counters) {
        var x = 1.0
        for i in 1...2_000 { x += Double(i).squareRoot() }
        if x.isNaN { counters.add("nan") }
    }

    @Test func withoutAGateTimedSectionsAndCheckpointsJustRun() throws {
        var ran = 0
        TimingGate.timedSection { ran += 1 }
        TimingGate.checkpoint()
        try WorkDeadline.check()
        #expect(ran == 1)
        #expect(TimingGate.parkedSeconds == 0)
    }

    @Test func aTimedSectionRunsWithNoOtherHolderAtWork() {
        let gate = TimingGate(), counters = Counters()
        let done = DispatchGroup()
        done.enter()
        Thread {
            gate.runShared {
                // At work until the timed section is over, stepping aside at safe points.
                var rounds = 0
                while counters["timed done"] == 0, rounds < 10_000_000 {
                    counters.add("at work")
                    Self.work(counters)
                    counters.add("at work", -1)
                    counters.add("rounds")
                    TimingGate.checkpoint()
                    rounds += 1
                }
            }
            done.leave()
        }.start()
        gate.runShared {
            // Until the other holder is at work (a count, not a time).
            while counters["rounds"] == 0 { sched_yield() }
            TimingGate.timedSection {
                let rounds = counters["rounds"]
                for _ in 0..<2_000 {
                    if counters["at work"] != 0 { counters.add("violations") }
                    Self.work(counters)
                }
                counters.add("rounds during the section", counters["rounds"] - rounds)
            }
            counters.add("timed done")
        }
        done.wait()
        #expect(counters["violations"] == 0)
        #expect(counters["rounds during the section"] == 0)
        #expect(counters["nan"] == 0)
        let statistics = gate.statistics
        #expect(statistics.timedSections == 1)
        #expect(statistics.yields >= 1)
        #expect(statistics.mostShared == 2)
    }

    @Test func timedSectionsOfSeveralHoldersTakeTurnsAndNestedOnesJustRun() {
        let gate = TimingGate(), counters = Counters()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            gate.runShared {
                for _ in 0..<50 {
                    TimingGate.timedSection {
                        counters.add("inside")
                        if counters["inside"] != 1 { counters.add("overlaps") }
                        // A section inside a section, or a checkpoint there, must not wait for itself.
                        TimingGate.timedSection { counters.add("nested") }
                        TimingGate.checkpoint()
                        counters.add("inside", -1)
                    }
                    Self.work(counters)
                    TimingGate.checkpoint()
                }
            }
        }
        #expect(counters["overlaps"] == 0)
        #expect(counters["nested"] == 200)
        #expect(gate.statistics.timedSections == 200)
    }
}
