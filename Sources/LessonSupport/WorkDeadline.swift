/// A wall-time limit on the work of the current experiment block, checked
/// cooperatively by long loops (training steps, refits, samples).
///
/// Budgets estimate a block's work before it runs; this stops what an
/// estimate missed. The runner binds a deadline around one block with
/// `WorkDeadline.$current.withValue(...)`; a loop calls ``check()``, which
/// throws ``WorkDeadline/Exceeded`` once the time is up. Without a bound
/// deadline (tests, the engine used on its own) `check()` never throws.
///
/// A call of ``check()`` is a safe point: it is also a
/// ``TimingGate/checkpoint()``, and time the block spent parked at the timing
/// gate does not count against its limit.
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

    /// Steps aside for a waiting timed section (``TimingGate/checkpoint()``),
    /// then throws ``Exceeded`` if the current deadline has passed, not
    /// counting the time spent parked at the timing gate.
    @inline(__always)
    public static func check() throws(Exceeded) {
        TimingGate.checkpoint()
        guard let deadline = current else { return }
        let now = ContinuousClock.now
        if now >= deadline.end, now >= deadline.end.advanced(by: .seconds(TimingGate.parkedSeconds)) {
            throw Exceeded(seconds: deadline.seconds)
        }
    }
}
