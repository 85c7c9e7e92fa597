import Foundation
import LessonSupport

/// The on-disk form of a cache entry: one header line naming the format, the
/// entry's key, the payload's length and a checksum over the key and the
/// payload, then the payload (JSON).
///
/// `lesson-cache 4 <key> <bytes> <32 hex digits>\n{…}`
///
/// The version changes with the payload's or the checksum's form, and
/// entries of older versions are misses that get rewritten: 2 packs lists of
/// numbers and chart series into base64 strings (``PackedDoubles``) and
/// checksums eight bytes at a time; 3 writes values (``Record``) in their
/// binary form; 4 names the key, so an entry copied over another block's
/// is a miss instead of that block's result.
///
/// A cache folder is shared between CI runners and restored from archives,
/// so an entry may be truncated or damaged: the length and checksum turn any
/// of that into a miss rather than a wrong result or a crash. It is read
/// only when it is a regular file of at most ``sizeLimit`` bytes.
public enum CacheEntry {
    static let magic = "lesson-cache 4"

    /// The largest entry read; a larger file (a planted sparse file of
    /// gigabytes) is a miss before a byte of it is read.
    public static let sizeLimit = 256 << 20

    public static func wrap(_ payload: Data, key: String) -> Data {
        var data = Data("\(magic) \(key) \(payload.count) \(checksum(payload, key: key))\n".utf8)
        data.append(payload)
        return data
    }

    /// The payload of a well-formed entry for `key` whose checksum matches, else `nil`.
    public static func verifiedPayload(_ data: Data, key: String) -> Data? {
        guard let newline = data.prefix(200).firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let header = String(decoding: data[data.startIndex..<newline], as: UTF8.self)
        let fields = header.split(separator: " ")
        guard fields.count == 5, "\(fields[0]) \(fields[1])" == magic, fields[2] == key, let count = Int(fields[3]) else { return nil }
        let payload = data[(newline + 1)...]
        guard payload.count == count, checksum(payload, key: key) == fields[4] else { return nil }
        return Data(payload)
    }

    /// The verified payload of the entry file at `path` for `key`, read
    /// with the size bound, or `nil`.
    public static func read(_ path: String, key: String) -> Data? {
        Confinement.contents(path, limit: sizeLimit).flatMap { verifiedPayload($0, key: key) }
    }

    /// Word-wise (``StableHash/digest128(_:)``): a warm render checks every
    /// entry it reads, megabytes in all. The key goes first, so the same
    /// payload under another key has another checksum.
    static func checksum(_ bytes: Data, key: String) -> String {
        StableHash.digest128(Data("\(key)\n".utf8) + bytes)
    }
}
