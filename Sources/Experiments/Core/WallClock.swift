import NeuralEngine

/// Wall-clock time of a piece of work, in seconds.
public enum WallClock {
    /// The time `body` took, less any time its block spent parked at the
    /// ``TimingGate`` while other blocks' timed sections ran: the work's own
    /// time, as when blocks run one at a time.
    public static func seconds<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let clock = ContinuousClock()
        let parked = TimingGate.parkedSeconds
        let start = clock.now
        let result = try body()
        let elapsed = seconds(of: clock.now - start)
        return (result, max(0, elapsed - (TimingGate.parkedSeconds - parked)))
    }

    public static func seconds(of duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
