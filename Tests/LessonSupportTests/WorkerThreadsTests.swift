import Foundation
import Testing
import LessonSupport

@Suite struct WorkerThreadsTests {
    /// Each thread runs the body once, and `join()` returns only after all have.
    @Test(arguments: [0, 1, 3])
    func joinWaitsForEveryBody(count: Int) {
        let counter = ParallelMapTests.Counter()
        let workers = WorkerThreads.start(count: count) {
            Thread.sleep(forTimeInterval: 0.01)
            counter.add()
        }
        workers.join()
        #expect(counter.value == count)
    }

    @Test func aNegativeCountStartsNothing() {
        let counter = ParallelMapTests.Counter()
        WorkerThreads.start(count: -2) { counter.add() }.join()
        #expect(counter.value == 0)
    }
}
