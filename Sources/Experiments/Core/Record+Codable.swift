/// The cache's form of a record: one array of name, tag and value, repeated
/// (`["loss", "n", 0.25, "name", "s", "relu"]`; see ``ResultValue``'s coding).
extension Record: Codable {
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        try self.init(fieldsFrom: &container)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try encodeFields(into: &container)
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
