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
            return digest(data)
        }
        return nil
    }

    /// 128 bits over the bytes, eight at a time (byte-wise FNV over a debug
    /// binary would take most of a second).
    static func digest(_ data: Data) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x6c62_272e_07bb_0142
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let words = raw.count / 8
            for i in 0..<words {
                let word = raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
                a = (a ^ word) &* 0x0000_0100_0000_01b3
                b = (b ^ (word &+ 0x9e37_79b9_7f4a_7c15)) &* 0xff51_afd7_ed55_8ccd
                b ^= b >> 29
            }
            for i in (words * 8)..<raw.count {
                a = (a ^ UInt64(raw[i])) &* 0x0000_0100_0000_01b3
                b = (b ^ UInt64(raw[i])) &* 0xff51_afd7_ed55_8ccd
            }
        }
        a ^= UInt64(data.count)
        return StableHash.hex(a) + StableHash.hex(b)
    }
}
