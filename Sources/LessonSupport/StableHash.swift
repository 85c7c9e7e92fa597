import Foundation

/// Hashes that are the same on every run and machine (Swift's `Hasher` is
/// seeded per process, so it cannot name cache files or derive seeds).
///
/// FNV-1a, 64 bits. It lives in `LessonSupport` so the result cache, the
/// seed planner and the math cache share one implementation: their keys are
/// file names on disk, and two copies could drift apart. FNV is a running
/// hash: `fnv1a64(b, basis: fnv1a64(a))` equals `fnv1a64(a + b)`.
public enum StableHash {
    /// FNV-1a's offset basis, the usual starting value.
    public static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The starting value of the second pass of the 128-bit hashes.
    public static let secondBasis: UInt64 = 0x6c62_272e_07bb_0142

    /// Over the text's UTF-8 bytes.
    public static func fnv1a64(_ text: String, basis: UInt64 = StableHash.basis) -> UInt64 {
        var hash = basis
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// Over contiguous bytes: `Data`'s iterator costs a call per byte, which
    /// made checksumming cache entries most of a warm render.
    public static func fnv1a64(_ data: Data, basis: UInt64 = StableHash.basis) -> UInt64 {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var hash = basis
            for byte in raw {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            return hash
        }
    }

    /// Over any bytes.
    public static func fnv1a64(_ bytes: some Sequence<UInt8>, basis: UInt64 = StableHash.basis) -> UInt64 {
        var hash = basis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// 128 bits as 32 hex digits: two FNV passes with different bases.
    public static func hex128(_ text: String) -> String {
        let a = fnv1a64(text), b = fnv1a64(text, basis: secondBasis)
        return hex(a) + hex(b)
    }

    /// 128 bits over large inputs as 32 hex digits, eight bytes at a time:
    /// for the executable (about 20 MB), cache entries and data files, where
    /// byte-wise FNV cost about 1 ns a byte. Not FNV and not chainable; any
    /// changed byte, including the last few that do not fill a word, changes it.
    public static func digest128(_ data: Data) -> String {
        var a: UInt64 = basis, b: UInt64 = secondBasis
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let words = raw.count / 8
            for i in 0..<words {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
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
        return hex(a) + hex(b)
    }

    /// 16 lower-case hex digits, zero-padded.
    public static func hex(_ x: UInt64) -> String {
        let s = String(x, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
