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
/// binary takes about 10 ms of a warm render's CPU time in a release build,
/// so the result cache remembers the digest (``current(rememberedIn:)``).
public enum CodeIdentity {
    /// Computed on first use, then shared by every block of the run.
    public static let current: String = compute()

    /// Like ``current``, with the executable's digest remembered in
    /// `directory` (the result cache's) between runs, in the file
    /// ``digestFile``, under the executable file's identity: device, inode,
    /// size and the modification and status-change times to the nanosecond.
    /// Any rebuild, copy or replacement changes at least one of them (a
    /// running executable cannot be written in place), so a remembered
    /// digest is only used for the very file it was computed from.
    /// Computed once per process and folder.
    public static func current(rememberedIn directory: String) -> String {
        remembered.value(for: directory) { compute(rememberedIn: directory) }
    }

    /// The file in the cache folder that remembers the executable's digest.
    public static let digestFile = "code-digest"

    private static let remembered = Memo()

    static func compute(rememberedIn directory: String? = nil) -> String {
        let blas = StableHash.hex(StableHash.fnv1a64(BLAS.cacheIdentity))
        guard let digest = executableDigest(rememberedIn: directory) else {
            // Unknown code must never match a stored result: a key of its own per process.
            return "unidentified-" + UUID().uuidString + "-" + blas
        }
        return digest + "-" + blas
    }

    static func executableDigest(rememberedIn directory: String? = nil) -> String? {
        var candidates = ["/proc/self/exe"]
        if let path = Bundle.main.executablePath { candidates.append(path) }
        for path in candidates {
            let identity = fileIdentity(path)
            let memo = directory.map { ($0 as NSString).appendingPathComponent(digestFile) }
            if let identity, let memo, let digest = rememberedDigest(in: memo, identity: identity) { return digest }
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped), !data.isEmpty else { continue }
            let digest = StableHash.digest128(data)
            // Only a file whose identity was read before its bytes: that identity names these bytes.
            if let identity, let memo { try? AtomicFile.write(identity + " " + digest + "\n", to: memo) }
            return digest
        }
        return nil
    }

    /// "device inode size mtime ctime" of the file a path leads to, or `nil`.
    static func fileIdentity(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
        #else
        let (modified, changed) = (info.st_mtim, info.st_ctim)
        #endif
        return "\(info.st_dev) \(info.st_ino) \(info.st_size) \(modified.tv_sec).\(modified.tv_nsec) "
            + "\(changed.tv_sec).\(changed.tv_nsec)"
    }

    /// The digest the memo file holds for `identity`: its one line must be
    /// exactly the identity and 32 hex digits, else `nil` (recomputed).
    static func rememberedDigest(in memo: String, identity: String) -> String? {
        guard let text = try? String(contentsOfFile: memo, encoding: .utf8), text.hasPrefix(identity + " "), text.hasSuffix("\n")
        else { return nil }
        let digest = text.dropFirst(identity.count + 1).dropLast()
        guard digest.count == 32, digest.allSatisfy(\.isHexDigit) else { return nil }
        return String(digest)
    }

    /// Values computed once per key, behind a lock.
    private final class Memo: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [String: String] = [:]

        func value(for key: String, _ compute: () -> String) -> String {
            lock.withLock {
                if let value = values[key] { return value }
                let value = compute()
                values[key] = value
                return value
            }
        }
    }
}
