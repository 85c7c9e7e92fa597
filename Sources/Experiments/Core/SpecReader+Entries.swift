import LessonSupport

extension SpecReader {
    /// A key written as a list of mappings, one entry each (`optimizers:
    /// [{name: gd, optimizer: sgd}, …]`): every entry's fields in the order
    /// written, each with its value for located messages. A list of another
    /// length than `count`, an item that is not a mapping and a field not in
    /// `fields` are errors at their place (`example` shows a good entry).
    public func entries(_ key: String, count: ClosedRange<Int>, fields: [String], example: String)
        -> [(written: SpecValue, fields: [(name: String, value: SpecValue)])] {
        guard let written = value(key) else { return [] }
        let items = written.items
        if !count.contains(items.count) {
            fail(at: written, "'\(key)' must be a list of \(count.lowerBound)…\(count.upperBound) mappings such as '\(example)'")
        }
        return items.compactMap { item in
            guard case .mapping(let mapping) = item else {
                fail(at: item, "each entry of '\(key)' must be a mapping such as '\(example)', found \(Self.describe(item))")
                return nil
            }
            let known = mapping.compactMap { pair -> (name: String, value: SpecValue)? in
                let name = pair.key.scalar?.string ?? ""
                guard fields.contains(name) else {
                    fail(at: pair.key, "unknown setting '\(name)' in an entry of '\(key)'" + Suggestion.didYouMean(name, in: fields),
                         notes: ["an entry may set: " + fields.joined(separator: ", ")])
                    return nil
                }
                return (name, pair.value)
            }
            return (item, known)
        }
    }
}

extension SpecReader {
    /// A key written as one mapping of named fields (`plot: {curves:
    /// [validation_loss], y_scale: log}`): its fields in the order written,
    /// each with its value for located messages; `nil` when the key is absent
    /// or not a mapping. A value that is not a mapping and a field not in
    /// `fields` are errors at their place (`example` shows a good mapping).
    public func fields(_ key: String, known fields: [String], example: String) -> [(name: String, value: SpecValue)]? {
        guard let written = value(key) else { return nil }
        guard case .mapping(let mapping) = written else {
            fail(at: written, "'\(key)' must be a mapping such as '\(example)', found \(Self.describe(written))")
            return nil
        }
        return mapping.compactMap { pair -> (name: String, value: SpecValue)? in
            let name = pair.key.scalar?.string ?? ""
            guard case .scalar = pair.key, fields.contains(name) else {
                fail(at: pair.key, "unknown field '\(name)' in '\(key)'" + Suggestion.didYouMean(name, in: fields),
                     notes: ["\(key) takes: " + fields.joined(separator: ", ")])
                return nil
            }
            return (name, pair.value)
        }
    }
}
