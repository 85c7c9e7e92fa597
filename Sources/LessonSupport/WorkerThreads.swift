import Foundation

/// Threads of their own, each running the same body once, with as much
/// stack as the main thread (8 MB), and the means to wait for all of them.
///
/// Dispatch's worker threads have a fraction of that stack, and the work
/// these are for recurses: rendering a page with the nesting of the lesson,
/// running a block with the depth of its spec and model.
public struct WorkerThreads: @unchecked Sendable {
    /// The stack each thread gets: the main thread's.
    public static let stackSize = 8 << 20

    private let group: DispatchGroup

    private init(group: DispatchGroup) {
        self.group = group
    }

    /// Starts `count` threads (none when `count` ≤ 0), each running `body`.
    public static func start(count: Int, body: @escaping @Sendable () -> Void) -> WorkerThreads {
        let group = DispatchGroup()
        for _ in 0..<max(count, 0) {
            group.enter()
            let thread = Thread {
                body()
                group.leave()
            }
            thread.stackSize = stackSize
            thread.start()
        }
        return WorkerThreads(group: group)
    }

    /// Waits until every thread has returned from its body.
    public func join() {
        group.wait()
    }
}
