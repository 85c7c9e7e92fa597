import Foundation
import Testing
import LessonSupport

@Suite struct ParallelMapTests {
    @Test(arguments: [1, 2, 7])
    func resultsAreInIndexOrderForAnyNumberOfJobs(jobs: Int) {
        for count in [0, 1, 2, 100] {
            #expect(ParallelMap.map(count, jobs: jobs) { $0 * $0 } == (0..<count).map { $0 * $0 })
        }
    }

    /// Every index is worked on exactly once.
    @Test func eachIndexRunsOnce() {
        let counter = Counter()
        let out = ParallelMap.map(500, jobs: 4) { index in
            counter.add()
            return String(index)
        }
        #expect(out == (0..<500).map(String.init))
        #expect(counter.value == 500)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }
}
