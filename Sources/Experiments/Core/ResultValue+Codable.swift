/// The cache's form of a value: a tag and the value side by side in an
/// array, `["n", 0.5]`, `["s", "relu"]`, `["l", [tag, value, …]]`,
/// `["r", [name, tag, value, …]]`; a list of two or more numbers is one
/// packed string, `["p", "…"]` (see ``PackedDoubles``).
///
/// Arrays rather than one object per value (`{"number": {"_0": 0.5}}`, the
/// synthesized form): a warm render decodes tens of thousands of values, and
/// each object cost a dictionary of its keys. Tags are one letter.
extension ResultValue: Codable {
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        self = try Self.decodeTagged(from: &container)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try encodeTagged(into: &container)
    }

    /// Reads a tag and the value it announces.
    static func decodeTagged(from container: inout any UnkeyedDecodingContainer) throws -> ResultValue {
        let tag = try container.decode(String.self)
        switch tag {
        case "n": return .number(try container.decode(Double.self))
        case "i": return .integer(try container.decode(Int.self))
        case "s": return .string(try container.decode(String.self))
        case "b": return .bool(try container.decode(Bool.self))
        case "p":
            let text = try container.decode(String.self)
            guard let numbers = PackedDoubles.decode(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a packed list of doubles")
            }
            return .numbers(numbers)
        case "l":
            var nested = try container.nestedUnkeyedContainer()
            var items: [ResultValue] = []
            while !nested.isAtEnd { items.append(try decodeTagged(from: &nested)) }
            return .list(items)
        case "r":
            var nested = try container.nestedUnkeyedContainer()
            return .record(try Record(fieldsFrom: &nested))
        default:
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown value tag '\(tag)'")
        }
    }

    /// Writes the tag, then the value.
    func encodeTagged(into container: inout any UnkeyedEncodingContainer) throws {
        switch self {
        case .number(let x): try container.encode("n"); try container.encode(x)
        case .integer(let n): try container.encode("i"); try container.encode(n)
        case .string(let s): try container.encode("s"); try container.encode(s)
        case .bool(let b): try container.encode("b"); try container.encode(b)
        case .record(let r):
            try container.encode("r")
            var nested = container.nestedUnkeyedContainer()
            try r.encodeFields(into: &nested)
        case .list(let items):
            let numbers = items.compactMap { if case .number(let x) = $0 { x } else { nil } }
            if items.count >= 2, numbers.count == items.count {
                try container.encode("p")
                try container.encode(PackedDoubles.encode(numbers))
            } else {
                try container.encode("l")
                var nested = container.nestedUnkeyedContainer()
                for item in items { try item.encodeTagged(into: &nested) }
            }
        }
    }
}
