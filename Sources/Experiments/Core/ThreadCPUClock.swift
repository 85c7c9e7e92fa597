#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The CPU time the calling thread spends on a piece of work, in seconds.
///
/// What the `train` and `dropout-ensemble` kinds report as `ms`: the time
/// the work takes on one core, which is its wall time on an idle machine.
/// Unlike wall time it does not grow while the thread waits — for a core
/// other programs or blocks are using (`--jobs 2` on a busy CI runner), or
/// at the ``TimingGate`` while another block's timed section runs — so a
/// claim such as "an epoch of single-example steps costs more than twice a
/// full-batch epoch" does not fail because a sub-millisecond measurement
/// was preempted. The engine runs on the calling thread alone (BLAS uses one
/// thread), so this is all of the work's time.
public enum ThreadCPUClock {
    /// `body`'s result and the CPU time this thread spent running it.
    public static func seconds<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = now()
        let result = try body()
        return (result, max(0, now() - start))
    }

    /// The calling thread's CPU time so far.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
