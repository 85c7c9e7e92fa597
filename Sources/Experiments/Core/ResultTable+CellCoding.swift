/// The cache's form of a cell: one array, `[text, tone, value, style, unit,
/// spread, missing]` (`null` for a missing number), since a warm render
/// decodes thousands of cells and an object each cost a dictionary of its
/// keys. An array of six, written before cells knew they were missing,
/// reads as a cell that is not.
extension ResultTable.Cell: Codable {
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        self.init(try container.decode(String.self), tone: try container.decode(Tone.self))
        value = try container.decodeNil() ? nil : try container.decode(Double.self)
        style = try container.decode(NumberStyle.self)
        unit = try container.decode(String.self)
        spread = try container.decodeNil() ? nil : try container.decode(Double.self)
        isMissing = container.isAtEnd ? false : try container.decode(Bool.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(text)
        try container.encode(tone)
        if let value { try container.encode(value) } else { try container.encodeNil() }
        try container.encode(style)
        try container.encode(unit)
        if let spread { try container.encode(spread) } else { try container.encodeNil() }
        try container.encode(isMissing)
    }
}
