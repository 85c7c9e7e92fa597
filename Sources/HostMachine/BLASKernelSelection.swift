import Foundation

/// Start-up correction of OpenBLAS's kernel choice.
///
/// OpenBLAS reads `OPENBLAS_CORETYPE` in its load-time constructor, before
/// any Swift code runs, so the kernel of a running process cannot change. Two
/// ways round that: re-execute the program with the variable set, or stop
/// linking OpenBLAS and `dlopen` it after setting the variable. This uses the
/// first. Every target of the package (the `lesson` binary, the benchmarks,
/// the test runners) links OpenBLAS directly, through the `COpenBLAS` system
/// library; loading it by hand would mean resolving every `cblas_*` symbol
/// through function pointers and would still leave the directly linked copy
/// in test runners. `execv` of `/proc/self/exe` costs a few milliseconds,
/// once, before any work starts, and only on a machine that needs it.
///
/// The process goes through at most three states, recorded in the
/// environment variable ``markerVariable`` so that it can never loop:
/// 1. no `OPENBLAS_CORETYPE`, a generic kernel, a processor with AVX2 → set
///    `OPENBLAS_CORETYPE` and the marker to the preferred kernel, re-execute;
/// 2. `OPENBLAS_CORETYPE` equal to the marker → the kernel was chosen here:
///    run ``selfCheck()``; if it fails, print one line on stderr, remove
///    `OPENBLAS_CORETYPE`, set the marker to `rejected:<kernel>`, re-execute;
/// 3. a marker starting with `rejected:` → keep OpenBLAS's own choice.
/// An `OPENBLAS_CORETYPE` the user set (no matching marker) is always kept.
public enum BLASKernelSelection {
    /// Set by this code to the kernel it chose, or `rejected:<kernel>`.
    public static let markerVariable = "LESSON_BLAS_AUTO"
    /// `fail` makes ``selfCheck()`` report a failure (for tests of the fallback).
    public static let forceFailureVariable = "LESSON_BLAS_SELF_CHECK"

    /// How the kernel in use came to be chosen.
    public enum Origin: Sendable, Equatable {
        /// OpenBLAS's own choice, which was not a generic fallback (or the processor has no AVX2).
        case openBLAS
        /// OpenBLAS's generic fallback, and no better kernel is known for this processor.
        case genericFallback
        /// Chosen at start-up by this program, and its self-check passed.
        case autoSelected
        /// The user's `OPENBLAS_CORETYPE`.
        case user
        /// This program chose `kernel`, its self-check failed, OpenBLAS's own choice runs.
        case rejected(kernel: String)

        /// A few words for a page or a log line: "auto-selected", "set by OPENBLAS_CORETYPE", …
        public var summary: String {
            switch self {
            case .openBLAS: return "chosen by OpenBLAS"
            case .genericFallback: return "OpenBLAS's generic fallback"
            case .autoSelected: return "auto-selected"
            case .user: return "set by OPENBLAS_CORETYPE"
            case .rejected(let kernel): return "OpenBLAS's choice after \(kernel) failed its self-check"
            }
        }
    }

    /// What to do at start-up.
    public enum Decision: Sendable, Equatable {
        /// Run on in this process.
        case keep(Origin)
        /// Re-execute with these environment changes (`nil` removes a variable),
        /// after printing `message` on stderr if there is one.
        case reexecute(environment: [String: String?], message: String?)
    }

    /// The decision for a process started with `environment`, running
    /// `kernel`, on `processor`. `selfCheck` is called only when a kernel this
    /// program chose needs confirming.
    public static func decide(environment: [String: String], kernel: String, processor: Processor,
                              selfCheck: () -> Bool) -> Decision {
        let marker = environment[markerVariable] ?? ""
        let requested = environment["OPENBLAS_CORETYPE"] ?? ""
        if marker.hasPrefix("rejected:") {
            return .keep(.rejected(kernel: String(marker.dropFirst("rejected:".count))))
        }
        if !requested.isEmpty {
            guard requested == marker else { return .keep(.user) }
            if selfCheck() { return .keep(.autoSelected) }
            return .reexecute(
                environment: ["OPENBLAS_CORETYPE": nil, markerVariable: "rejected:\(marker)"],
                message: "warning: OpenBLAS's \(marker) kernel failed its self-check on this \(processor.model.isEmpty ? "processor" : processor.model); "
                    + "using OpenBLAS's own choice instead (set OPENBLAS_CORETYPE to choose one)")
        }
        // A marker without OPENBLAS_CORETYPE: someone removed the variable
        // after this program set it; do not try again.
        guard marker.isEmpty, BLASKernel.isGenericFallback(kernel) else {
            return .keep(BLASKernel.isGenericFallback(kernel) ? .genericFallback : .openBLAS)
        }
        guard let preferred = BLASKernel.preferred(for: processor) else { return .keep(.genericFallback) }
        return .reexecute(environment: ["OPENBLAS_CORETYPE": preferred, markerVariable: preferred], message: nil)
    }

    /// How the kernel of this process was chosen; set by ``selectAtStartup()``.
    public static var origin: Origin {
        lock.lock()
        defer { lock.unlock() }
        return recordedOrigin ?? decideWithoutActing()
    }

    nonisolated(unsafe) private static var recordedOrigin: Origin?
    private static let lock = NSLock()

    /// Without a call to ``selectAtStartup()`` (tests, libraries): what it would have found.
    private static func decideWithoutActing() -> Origin {
        let decision = decide(environment: ProcessInfo.processInfo.environment, kernel: BLASKernel.inUse,
                              processor: .current, selfCheck: selfCheck)
        if case .keep(let origin) = decision { return origin }
        return BLASKernel.isGenericFallback(BLASKernel.inUse) ? .genericFallback : .openBLAS
    }

    /// Call first thing in `main`: makes sure the kernel made for this
    /// processor runs, re-executing the program if needed. Returns only in
    /// the process that is to do the work.
    public static func selectAtStartup() {
        let decision = decide(environment: ProcessInfo.processInfo.environment, kernel: BLASKernel.inUse,
                              processor: .current, selfCheck: selfCheck)
        switch decision {
        case .keep(let origin):
            lock.lock()
            recordedOrigin = origin
            lock.unlock()
        case .reexecute(let environment, let message):
            if let message { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            for (name, value) in environment {
                if let value { setenv(name, value, 1) } else { unsetenv(name) }
            }
            reexecute()
            // Only reached if exec failed: carry on with the kernel we have.
            lock.lock()
            recordedOrigin = BLASKernel.isGenericFallback(BLASKernel.inUse) ? .genericFallback : .openBLAS
            lock.unlock()
        }
    }

    private static func reexecute() {
        #if os(Linux)
        fflush(nil)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        #endif
    }

    /// Whether the kernel in use computes matrix products right: single and
    /// double precision, awkward shapes (not multiples of any kernel's
    /// blocking), transposes, padded rows, `alpha` and `beta`, against a
    /// plain loop, within a rounding bound. Takes microseconds.
    ///
    /// Older OpenBLAS builds are known to compute wrong results on some
    /// processors newer than they are; this is what catches it.
    public static func selfCheck() -> Bool {
        if ProcessInfo.processInfo.environment[forceFailureVariable] == "fail" { return false }
        return BLASSelfCheck.gemmAgrees(Float.self) && BLASSelfCheck.gemmAgrees(Double.self)
    }
}
