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
