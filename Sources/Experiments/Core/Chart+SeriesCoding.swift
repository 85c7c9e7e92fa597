/// The cache's form of a series: the numbers as packed strings (see
/// ``PackedDoubles``), so a series of hundreds of points decodes in a few steps.
extension Chart.Series: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, x, y, yLow, yHigh, dashed
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try container.decode(String.self, forKey: .name),
                  x: try PackedDoubles.decode(from: container, forKey: .x),
                  y: try PackedDoubles.decode(from: container, forKey: .y),
                  yLow: try PackedDoubles.decodeIfPresent(from: container, forKey: .yLow),
                  yHigh: try PackedDoubles.decodeIfPresent(from: container, forKey: .yHigh),
                  dashed: try container.decode(Bool.self, forKey: .dashed))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(PackedDoubles.encode(x), forKey: .x)
        try container.encode(PackedDoubles.encode(y), forKey: .y)
        if let yLow { try container.encode(PackedDoubles.encode(yLow), forKey: .yLow) }
        if let yHigh { try container.encode(PackedDoubles.encode(yHigh), forKey: .yHigh) }
        try container.encode(dashed, forKey: .dashed)
    }
}
