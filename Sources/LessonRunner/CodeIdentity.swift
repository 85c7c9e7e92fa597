import Foundation
import LessonSupport
import NeuralEngine

/// What the cache key says about the code that computed a result, so that a
/// result is only ever reused by code that computes it the same way.
///
/// Made of the digest of every file of the targets that compute results —
/// the engine, the kinds, the runner and their support code, with
/// `Package.swift` for their flags — taken at build time by the
/// `ComputingCodeDigest` plugin; the compiler that built them; the build
/// configuration; and the BLAS library and kernel in use. Not the report,
/// its CSS, the command line or the argument parser: a page-only change
/// re-runs nothing. Chosen over per-kind version numbers (a version is only
/// as good as the memory of whoever changes the engine: the constant "1"
/// survived 36 commits that changed results) and over a digest of the whole
/// executable (which re-ran every experiment after a CSS edit). A change that
/// can move a number lives in one of the digested folders, so it misses.
public enum CodeIdentity {
    /// The same for every block of a run and every run of this build.
    public static let current: String = compute()

    #if DEBUG
    static let configuration = "debug"
    #else
    static let configuration = "release"
    #endif

    static func compute() -> String {
        let compiler = StableHash.hex(StableHash.fnv1a64(ComputingCode.compiler))
        let blas = StableHash.hex(StableHash.fnv1a64(BLAS.cacheIdentity))
        return "\(ComputingCode.sourceDigest)-\(configuration)-\(compiler)-\(blas)"
    }

    /// The digest of the computing code's sources, as the build took it.
    public static var sourceDigest: String { ComputingCode.sourceDigest }
    /// The compiler that built it (`swiftc --version`'s first line).
    public static var compiler: String { ComputingCode.compiler }
}
