import Dispatch
import Foundation

/// The temporary files `AtomicFile` writes before renaming them into place,
/// removed when the process is interrupted and swept when a later run finds
/// them left behind.
///
/// SIGINT and SIGTERM are received on a dispatch source (not in a signal
/// handler, where almost nothing is safe to call): the registered files are
/// unlinked, then the signal's default action is restored and the signal
/// raised again, so the process still ends as interrupted (status 130/143).
/// `kill -9` cannot be caught; ``sweepStale(in:)`` cleans up after it.
public enum TemporaryFiles {
    /// Files whose pid is alive but that are older than this are leftovers too
    /// (the pid was reused); a write takes milliseconds.
    public static let staleAge: TimeInterval = 10 * 60

    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var paths: Set<String> = []
        var sources: [DispatchSourceSignal] = []
        var handlersInstalled = false
    }

    private static let registry = Registry()

    /// Installs the SIGINT/SIGTERM handling once: at start-up of the commands
    /// that write (``installSignalHandlers()``), else the first time a
    /// temporary file is registered. A signal the process was started
    /// ignoring (a background job's SIGINT) stays ignored.
    private static let installed: Bool = {
        for signalNumber in [SIGINT, SIGTERM] {
            let previous = signal(signalNumber, SIG_IGN)
            if let previous, unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                removeRegistered()
                // End as the signal would have: default action, unblocked on
                // this thread (libdispatch blocks the signals it watches).
                signal(signalNumber, SIG_DFL)
                var set = sigset_t()
                sigemptyset(&set)
                sigaddset(&set, signalNumber)
                pthread_sigmask(SIG_UNBLOCK, &set, nil)
                raise(signalNumber)
                _exit(128 + signalNumber)
            }
            source.resume()
            registry.lock.withLock { registry.sources.append(source) }
        }
        registry.lock.withLock { registry.handlersInstalled = true }
        return true
    }()

    /// Takes over SIGINT and SIGTERM now, so that an interrupt at any moment
    /// of a run (blocks write cache entries and formulas long before the
    /// first page) removes every registered file. `render`, `check` and
    /// `preview` call it first thing; calling it again does nothing.
    public static func installSignalHandlers() {
        _ = installed
    }

    /// Whether ``installSignalHandlers()`` (or a first registration) has run.
    public static var signalHandlersInstalled: Bool {
        registry.lock.withLock { registry.handlersInstalled }
    }

    /// Remembers `path` until ``unregister(_:)``: removed if the process is interrupted meanwhile.
    public static func register(_ path: String) {
        _ = installed
        registry.lock.withLock { _ = registry.paths.insert(path) }
    }

    public static func unregister(_ path: String) {
        registry.lock.withLock { _ = registry.paths.remove(path) }
    }

    /// The paths registered now (for tests).
    public static var registered: Set<String> {
        registry.lock.withLock { registry.paths }
    }

    static func removeRegistered() {
        let paths = registry.lock.withLock { registry.paths }
        for path in paths { unlink(path) }
    }

    /// The pid in an `AtomicFile` temporary name `.NAME.PID.XXXXXXXX.tmp`, or nil
    /// when `name` is not one.
    static func writerPID(ofTemporaryName name: String) -> pid_t? {
        guard name.hasBytePrefix("."), name.hasByteSuffix(".tmp") else { return nil }
        let parts = name.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[parts.count - 2].count == 8, let pid = pid_t(parts[parts.count - 3]), pid > 0 else {
            return nil
        }
        return pid
    }

    /// Removes temporary files in `directory` left by writers that are gone:
    /// their pid is not running, or they are older than ``staleAge``. Files of
    /// live writers (a concurrent render into the same folder) are kept.
    /// - Returns: The names removed.
    @discardableResult
    public static func sweepStale(in directory: String, now: Date = Date()) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var removed: [String] = []
        for name in names {
            guard let pid = writerPID(ofTemporaryName: name) else { continue }
            let path = (directory as NSString).appendingPathComponent(name)
            let alive = kill(pid, 0) == 0 || errno == EPERM
            var stale = !alive
            if alive, pid != getpid(),
               let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date {
                stale = now.timeIntervalSince(modified) > staleAge
            }
            if stale, unlink(path) == 0 {
                removed.append(name)
            }
        }
        return removed
    }
}
