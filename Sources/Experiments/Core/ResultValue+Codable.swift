/// The cache's form of a value: an object with one key naming the case,
/// `{"number": 0.5}`, `{"list": […]}`, `{"record": {…}}`; a list of two or
/// more numbers is one packed string, `{"numbers": "…"}` (see
/// ``PackedDoubles``), so long curves cost one decoding step, not one per point.
extension ResultValue: Codable {
    private enum CodingKeys: String, CodingKey {
        case number, integer, string, bool, list, record, numbers
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.number) {
            self = .number(try container.decode(Double.self, forKey: .number))
        } else if container.contains(.numbers) {
            self = .numbers(try PackedDoubles.decode(from: container, forKey: .numbers))
        } else if container.contains(.integer) {
            self = .integer(try container.decode(Int.self, forKey: .integer))
        } else if container.contains(.string) {
            self = .string(try container.decode(String.self, forKey: .string))
        } else if container.contains(.bool) {
            self = .bool(try container.decode(Bool.self, forKey: .bool))
        } else if container.contains(.list) {
            self = .list(try container.decode([ResultValue].self, forKey: .list))
        } else if container.contains(.record) {
            self = .record(try container.decode(Record.self, forKey: .record))
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a result value"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .number(let x): try container.encode(x, forKey: .number)
        case .integer(let n): try container.encode(n, forKey: .integer)
        case .string(let s): try container.encode(s, forKey: .string)
        case .bool(let b): try container.encode(b, forKey: .bool)
        case .record(let r): try container.encode(r, forKey: .record)
        case .list(let items):
            let numbers = items.compactMap { if case .number(let x) = $0 { x } else { nil } }
            if items.count >= 2, numbers.count == items.count {
                try container.encode(PackedDoubles.encode(numbers), forKey: .numbers)
            } else {
                try container.encode(items, forKey: .list)
            }
        }
    }
}
