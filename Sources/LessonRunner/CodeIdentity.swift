import Foundation
import LessonSupport
import NeuralEngine

/// What the cache key says about the code that computed a result, so that a
/// result is only ever reused by the very code that produced it.
///
/// The digest of the running executable's bytes, computed once per process,
/// plus the BLAS library and kernel in use. Chosen over per-kind version
/// numbers: a version is only as good as the memory of whoever changes the
/// engine (the constant "1" survived 36 commits that changed results), and a
/// test can only catch the changes that move its own fixtures. The digest
/// also changes on rebuilds that change nothing a result depends on; that
/// costs one re-run of the lessons, never a stale page. Hashing the ~20 MB
/// binary takes a few milliseconds in a release build.
public enum CodeIdentity {
    /// Computed on first use, then shared by every block of the run.
    public static let current: String = compute()

    static func compute() -> String {
        let blas = StableHash.hex(StableHash.fnv1a64(BLAS.cacheIdentity))
        guard let digest = executableDigest() else {
            // Unknown code must never match a stored result: a key of its own per process.
            return "unidentified-" + UUID().uuidString + "-" + blas
        }
        return digest + "-" + blas
    }

    static func executableDigest() -> String? {
        var candidates = ["/proc/self/exe"]
        if let path = Bundle.main.executablePath { candidates.append(path) }
        for path in candidates {
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped), !data.isEmpty else { continue }
            return StableHash.digest128(data)
        }
        return nil
    }
}
