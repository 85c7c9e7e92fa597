import Foundation

/// `map` over `0..<count` on up to `jobs` threads, results in index order.
///
/// On ``WorkerThreads``, with as much stack as the main thread: the work it
/// is for (rendering pages) recurses with the nesting of a lesson. The result
/// does not depend on `jobs`; `jobs: 1` runs everything on the calling thread.
public enum ParallelMap {
    public static func map<T: Sendable>(_ count: Int, jobs: Int, _ transform: @escaping @Sendable (Int) -> T) -> [T] {
        let threads = min(max(jobs, 1), count)
        guard threads > 1 else { return (0..<count).map(transform) }
        let results = Results<T>(count: count)
        WorkerThreads.start(count: threads) {
            while let index = results.take() { results.store(transform(index), at: index) }
        }.join()
        return results.values
    }

    /// The next index to work on and the results so far, behind one lock.
    private final class Results<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private let count: Int
        private var slots: [T?]

        init(count: Int) {
            self.count = count
            slots = Array(repeating: nil, count: count)
        }

        func take() -> Int? {
            lock.withLock {
                guard next < count else { return nil }
                defer { next += 1 }
                return next
            }
        }

        func store(_ value: T, at index: Int) {
            lock.withLock { slots[index] = value }
        }

        /// Every slot, once the threads are done.
        var values: [T] {
            lock.withLock { slots.map { $0! } }
        }
    }
}
