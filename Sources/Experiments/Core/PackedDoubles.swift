import Foundation

/// A list of doubles stored as one base64 string of their IEEE 754 bit
/// patterns (little-endian), for the result cache.
///
/// A learning curve of 3,000 epochs is 3,000 numbers; through `Codable` each
/// would be its own container, and decoding them was most of a warm render.
/// As one string the list decodes in a single step, and every bit comes
/// back: NaN, infinities and −0 included, with no decimal round trip.
public enum PackedDoubles {
    /// The base64 text of `values`.
    public static func encode(_ values: [Double]) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(values.count * 8)
        for value in values {
            let bits = value.bitPattern
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        }
        return Data(bytes).base64EncodedString()
    }

    /// The doubles `text` holds, or `nil` if it is not base64 of whole 8-byte values.
    public static func decode(_ text: String) -> [Double]? {
        guard let data = Data(base64Encoded: text), data.count % 8 == 0 else { return nil }
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            (0..<(raw.count / 8)).map { i in
                Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)))
            }
        }
    }

    /// Decodes the packed list under `key`, throwing a decoding error for bad text.
    public static func decode<K: CodingKey>(from container: KeyedDecodingContainer<K>, forKey key: K) throws -> [Double] {
        let text = try container.decode(String.self, forKey: key)
        guard let values = decode(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not a packed list of doubles")
        }
        return values
    }

    /// Like ``decode(from:forKey:)``, `nil` when the key is absent.
    public static func decodeIfPresent<K: CodingKey>(from container: KeyedDecodingContainer<K>, forKey key: K) throws -> [Double]? {
        guard container.contains(key) else { return nil }
        return try decode(from: container, forKey: key)
    }
}
