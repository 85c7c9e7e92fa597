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
}
