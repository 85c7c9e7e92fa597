import Foundation
import Testing
@testable import Experiments

/// The kinds' `ms` values are the thread's CPU time: waiting does not count.
@Suite struct ThreadCPUClockTests {
    @Test func waitingIsNotCounted() {
        // A tenth of a second asleep: a wall clock would say 0.1 s at least.
        let (_, seconds) = ThreadCPUClock.seconds { Thread.sleep(forTimeInterval: 0.1) }
        #expect(seconds >= 0)
        #expect(seconds < 0.05)
    }

    @Test func workIsCountedAndTheResultPassesThrough() {
        let (sum, seconds) = ThreadCPUClock.seconds { () -> Double in
            var total = 0.0
            for i in 1...2_000_000 { total += 1 / Double(i) }
            return total
        }
        #expect(sum > 14 && sum < 16)
        #expect(seconds > 0)
    }

    /// A thread's CPU time cannot exceed its process's over the same span: a
    /// clock that read the wall time, or another clock's units, would.
    @Test func aThreadNeverOutrunsItsProcess() {
        func processCPU() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        let before = processCPU()
        let (_, seconds) = ThreadCPUClock.seconds { () -> Double in
            var total = 0.0
            for i in 1...2_000_000 { total += 1 / Double(i) }
            Thread.sleep(forTimeInterval: 0.05)
            return total
        }
        let process = processCPU() - before
        #expect(seconds > 0 && seconds <= process + 1e-6, "thread \(seconds) s, process \(process) s")
    }
}
