import NeuralEngine

/// Wall-clock durations in seconds. (The kinds time their work with
/// ``ThreadCPUClock``, which waiting for a core does not inflate.)
public enum WallClock {
    public static func seconds(of duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
