import Foundation

/// The cache's form of a record: one base64 string of its binary form
/// (``Record/encodedBytes()``). Inside a ``ResultValue`` coded on its own, a
/// record is one array of name, tag and value, repeated
/// (`["loss", "n", 0.25, "name", "s", "relu"]`; see ``ResultValue``'s coding).
extension Record: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let data = Data(base64Encoded: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "a record is base64 of its bytes")
        }
        do {
            try self.init(encodedBytes: [UInt8](data))
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "malformed record bytes: \(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Data(encodedBytes()).base64EncodedString())
    }

    /// Reads name, tag, value triples to the end of the container.
    init(fieldsFrom container: inout any UnkeyedDecodingContainer) throws {
        var fields: [Field] = []
        while !container.isAtEnd {
            let name = try container.decode(String.self)
            fields.append(Field(name: name, value: try ResultValue.decodeTagged(from: &container)))
        }
        self.init(fields: fields)
    }

    func encodeFields(into container: inout any UnkeyedEncodingContainer) throws {
        for field in fields {
            try container.encode(field.name)
            try field.value.encodeTagged(into: &container)
        }
    }
}
