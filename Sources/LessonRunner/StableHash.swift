import Foundation

/// Hashes that are the same on every run and machine (Swift's `Hasher` is
/// seeded per process, so it cannot name cache files or derive seeds).
public enum StableHash {
    public static func fnv1a64(_ text: String, basis: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = basis
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// Over contiguous bytes: `Data`'s iterator costs a call per byte, which
    /// made checksumming cache entries most of a warm render.
    public static func fnv1a64(_ data: Data, basis: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var hash = basis
            for byte in raw {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            return hash
        }
    }

    public static func fnv1a64(_ bytes: some Sequence<UInt8>, basis: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = basis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// 128 bits as 32 hex digits: two FNV passes with different bases.
    public static func hex128(_ text: String) -> String {
        let a = fnv1a64(text), b = fnv1a64(text, basis: 0x6c62_272e_07bb_0142)
        return hex(a) + hex(b)
    }

    public static func hex(_ x: UInt64) -> String {
        let s = String(x, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
