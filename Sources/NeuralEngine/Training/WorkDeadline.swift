/// A wall-time limit on the work of the current experiment block, checked
/// cooperatively by long loops (training steps, refits, samples).
///
/// Budgets estimate a block's work before it runs; this stops what an
/// estimate missed. The runner binds a deadline around one block with
/// `WorkDeadline.$current.withValue(...)`; a loop calls ``check()``, which
/// throws ``WorkDeadline/Exceeded`` once the time is up. Without a bound
/// deadline (tests, the engine used on its own) `check()` never throws.
public struct WorkDeadline: Sendable {
    /// The deadline of the block running on this task or thread, if any.
    @TaskLocal public static var current: WorkDeadline?

    /// The limit, as the user set it.
    public let seconds: Double
    let end: ContinuousClock.Instant

    /// A deadline `seconds` from now.
    public init(seconds: Double) {
        self.seconds = seconds
        let clamped = min(max(seconds, 0), 1e9)
        self.end = ContinuousClock.now.advanced(by: .milliseconds(Int64(clamped * 1_000)))
    }

    /// Thrown by ``check()`` when the bound deadline has passed.
    public struct Exceeded: Error, Sendable, CustomStringConvertible {
        public let seconds: Double
        public var description: String { "stopped after the block time limit of \(seconds) s" }
    }

    /// Throws ``Exceeded`` if the current deadline has passed.
    @inline(__always)
    public static func check() throws(Exceeded) {
        guard let deadline = current else { return }
        if ContinuousClock.now >= deadline.end {
            throw Exceeded(seconds: deadline.seconds)
        }
    }
}
