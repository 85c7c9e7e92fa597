/// Counts the steps of the loader's own scans (bytes looked at, search
/// steps), so tests can check that loading stays linear by counting work
/// rather than by timing it, which no shared machine does reliably.
///
/// Counting is off unless a test binds a counter; then each scan adds its
/// steps. cmark-gfm's own work is not counted.
enum LoadWork {
    /// The steps counted so far while bound.
    final class Counter: @unchecked Sendable {
        // Only the thread that parses touches it.
        var steps = 0
    }

    @TaskLocal static var counter: Counter?

    @inline(__always)
    static func count(_ steps: Int) {
        if let counter { counter.steps &+= steps }
    }
}
