import Foundation

/// Lets the timed sections of experiment blocks run with nothing else
/// running, while everything else of every block runs in parallel.
///
/// A readers–writer gate with writer preference. When the runner runs
/// several blocks at once it runs each one holding a *shared* hold
/// (``runShared(_:)``). A block that times itself puts only its measurement
/// in ``timedSection(_:)``, which asks for the *exclusive* hold: it gives up
/// the block's own shared hold (so it can never wait for itself), new shared
/// holders wait, and it waits until the blocks that are running reach a safe
/// point (``checkpoint()``, which every `WorkDeadline.check()` is — between
/// training steps, refits, samples) or finish. Data generation, warm-up and
/// training stay outside, shared.
///
/// Without a gate bound — one block at a time (`--jobs 1`), tests, the
/// engine used on its own — ``timedSection(_:)`` just runs its body and
/// ``checkpoint()`` does nothing, so behaviour is exactly as without it.
///
/// Time a block spends parked at the gate is not its own: ``WorkDeadline``
/// does not count it against the block's limit, and ``parkedSeconds`` lets a
/// kind that reports wall times leave it out.
public final class TimingGate: @unchecked Sendable {
    /// What the gate has done; for tests and for measuring, never for results.
    public struct Counts: Sendable, Equatable {
        /// Timed sections that ran with the exclusive hold.
        public var timedSections = 0
        /// Times a running block stepped aside at a checkpoint for a timed section.
        public var yields = 0
        /// Largest number of shared holders at once.
        public var mostShared = 0
    }

    /// The hold of the block running on this thread or task.
    final class Hold: @unchecked Sendable {
        let gate: TimingGate
        /// Seconds this block has waited at the gate; written by its own thread only.
        var parked = 0.0
        /// Inside ``timedSection(_:)``: checkpoints and nested sections do nothing.
        var exclusive = false
        init(gate: TimingGate) { self.gate = gate }
    }

    @TaskLocal static var current: Hold?

    private let condition = NSCondition()
    private var shared = 0
    private var waitingExclusive = 0
    private var exclusiveHeld = false
    private var counts = Counts()

    public init() {}

    /// What the gate has done so far.
    public var statistics: Counts { condition.withLock { counts } }

    /// Runs one block's work holding a shared hold, with this gate bound for
    /// ``timedSection(_:)`` and ``checkpoint()`` on this thread.
    public func runShared<T>(_ body: () throws -> T) rethrows -> T {
        let hold = Hold(gate: self)
        acquireShared(hold)
        defer { releaseShared() }
        return try Self.$current.withValue(hold) { try body() }
    }

    /// Runs `body` — a measurement — with no other block running, when blocks
    /// run in parallel under a gate; otherwise just runs it.
    public static func timedSection<T>(_ body: () throws -> T) rethrows -> T {
        guard let hold = current, !hold.exclusive else { return try body() }
        return try hold.gate.exclusive(hold, body)
    }

    /// A safe point of a long-running block: if a timed section is waiting,
    /// steps aside until it is done. Cheap otherwise.
    public static func checkpoint() {
        guard let hold = current, !hold.exclusive else { return }
        hold.gate.yieldIfWanted(hold)
    }

    /// Seconds the block running on this thread has spent parked at the gate
    /// (0 without a gate).
    public static var parkedSeconds: Double { current?.parked ?? 0 }

    // MARK: - The protocol, under `condition`

    private func acquireShared(_ hold: Hold) {
        condition.withLock {
            wait(hold) { $0.exclusiveHeld || $0.waitingExclusive > 0 }
            shared += 1
            counts.mostShared = max(counts.mostShared, shared)
        }
    }

    private func releaseShared() {
        condition.withLock {
            shared -= 1
            if shared == 0 { condition.broadcast() }
        }
    }

    private func yieldIfWanted(_ hold: Hold) {
        condition.withLock {
            guard waitingExclusive > 0 else { return }
            shared -= 1
            counts.yields += 1
            if shared == 0 { condition.broadcast() }
            wait(hold) { $0.exclusiveHeld || $0.waitingExclusive > 0 }
            shared += 1
        }
    }

    private func exclusive<T>(_ hold: Hold, _ body: () throws -> T) rethrows -> T {
        condition.withLock {
            // Give up this block's own shared hold first: waiting for it would never end.
            shared -= 1
            waitingExclusive += 1
            if shared == 0 { condition.broadcast() }
            wait(hold) { $0.exclusiveHeld || $0.shared > 0 }
            waitingExclusive -= 1
            exclusiveHeld = true
            counts.timedSections += 1
        }
        hold.exclusive = true
        defer {
            hold.exclusive = false
            condition.withLock {
                exclusiveHeld = false
                condition.broadcast()
                // Back to a shared hold, behind any other timed section waiting.
                wait(hold) { $0.exclusiveHeld || $0.waitingExclusive > 0 }
                shared += 1
            }
        }
        return try body()
    }

    /// Waits (holding `condition`) while `blocked`, adding the time to `hold.parked`.
    private func wait(_ hold: Hold, while blocked: (TimingGate) -> Bool) {
        guard blocked(self) else { return }
        let clock = ContinuousClock()
        let start = clock.now
        while blocked(self) { condition.wait() }
        let waited = clock.now - start
        hold.parked += Double(waited.components.seconds) + Double(waited.components.attoseconds) * 1e-18
    }
}
