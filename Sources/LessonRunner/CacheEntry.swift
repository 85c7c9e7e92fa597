import Foundation
import LessonSupport

/// The on-disk form of a cache entry: one header line naming the format, the
/// payload's length and its checksum, then the payload (JSON).
///
/// `lesson-cache 3 <bytes> <32 hex digits>\n{…}`
///
/// The version changes with the payload's or the checksum's form, and
/// entries of older versions are misses that get rewritten: 2 packs lists of
/// numbers and chart series into base64 strings (``PackedDoubles``) and
/// checksums eight bytes at a time; 3 writes values (``Record``) in their
/// binary form.
///
/// A cache folder is shared between CI runners and restored from archives,
/// so an entry may be truncated or damaged: the length and checksum turn any
/// of that into a miss rather than a wrong result or a crash.
public enum CacheEntry {
    static let magic = "lesson-cache 3"

    public static func wrap(_ payload: Data) -> Data {
        var data = Data("\(magic) \(payload.count) \(checksum(payload))\n".utf8)
        data.append(payload)
        return data
    }

    /// The payload of a well-formed entry whose checksum matches, else `nil`.
    public static func verifiedPayload(_ data: Data) -> Data? {
        guard let newline = data.prefix(200).firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let header = String(decoding: data[data.startIndex..<newline], as: UTF8.self)
        let fields = header.split(separator: " ")
        guard fields.count == 4, "\(fields[0]) \(fields[1])" == magic, let count = Int(fields[2]) else { return nil }
        let payload = data[(newline + 1)...]
        guard payload.count == count, checksum(payload) == fields[3] else { return nil }
        return Data(payload)
    }

    /// Word-wise (``StableHash/digest128(_:)``): a warm render checks every
    /// entry it reads, megabytes in all.
    static func checksum(_ bytes: Data) -> String {
        StableHash.digest128(bytes)
    }
}
