import LessonSupport

/// One entry of a key written as a list of mappings (a `train` variant, an
/// `optimizer-path` path): the mapping as written, its `name` when it wrote a
/// good one, and its other fields in the order written, each with its value
/// for located messages.
public struct SpecEntry {
    public var written: SpecValue
    public var name: String?
    public var fields: [(name: String, value: SpecValue)]

    /// Where a message about `field` points: the value the entry wrote for
    /// it, or the whole entry when it wrote none.
    public func place(of field: String) -> SpecValue {
        fields.first { $0.name == field }?.value ?? written
    }
}

extension SpecReader {
    /// A key written as a list of mappings, one entry each (`optimizers:
    /// [{name: gd, optimizer: sgd}, …]`), each of which may have a `name`
    /// and any of `fields`. Anything but a list of `count` items (then no
    /// entry is read), an item that is not a mapping, a `name` that cannot
    /// be a path key (``isName(_:)``) or that an earlier entry took (still
    /// the entry's `name`, so that the kind does not report it again), and a
    /// field not in `fields` are errors at their place. Messages call an
    /// entry `noun` ("variant"; by default "entry of '<key>'") and show
    /// `example`, a good entry; `names` is how expectations read a name
    /// (`variants.<name>.test_accuracy`), and `advice` what to say of a field
    /// an entry cannot set instead of "unknown" (a setting of the whole
    /// block, say), or nil.
    public func entries(_ key: String, count: ClosedRange<Int>, fields: [String], example: String, noun: String? = nil,
                        names: String, advice: (String) -> String? = { _ in nil }) -> [SpecEntry] {
        guard let written = value(key) else { return [] }
        guard case .list(let items) = written, count.contains(items.count) else {
            if Self.isMappingOfMappings(written) {
                fail(at: written, "'\(key)' is a list: write [{name: a, …}, {name: b, …}], one mapping per entry")
            } else {
                fail(at: written, "'\(key)' must be a list of \(count.lowerBound)…\(count.upperBound) mappings such as '[\(example)]', "
                     + "found \(written.describedWithLength)")
            }
            return []
        }
        let many = noun.map { $0 + "s" } ?? "entries of '\(key)'"
        let noun = noun ?? "entry of '\(key)'"
        let one = ("aeiou".contains(noun.prefix(1)) ? "an " : "a ") + noun
        var taken: Set<String> = []
        return items.compactMap { item in
            guard case .mapping(let mapping) = item else {
                fail(at: item, "each \(noun) must be a mapping such as '\(example)', found \(Self.describe(item))")
                return nil
            }
            var entry = SpecEntry(written: item, name: nil, fields: [])
            for (writtenKey, writtenValue) in mapping {
                guard let name = plainKey(writtenKey, of: one) else { continue }
                if name == "name" {
                    guard case .scalar(let s) = writtenValue, Self.isName(s.string) else {
                        fail(at: writtenValue, "the 'name' of \(one) must be letters, digits and '_' (starting with a letter or '_', or a whole number), "
                             + "found \(Self.describe(writtenValue))", notes: ["expectations read it as \(names)"])
                        continue
                    }
                    if !taken.insert(s.string).inserted {
                        fail(at: writtenValue, "two \(many) are named '\(s.string)'; give each its own 'name'")
                    }
                    entry.name = s.string
                } else if fields.contains(name) {
                    entry.fields.append((name, writtenValue))
                } else {
                    fail(at: writtenKey, advice(name).map { "\(one) cannot set '\(name)'" + $0 }
                         ?? "unknown setting '\(name)' in \(one)" + Suggestion.didYouMean(name, in: ["name"] + fields),
                         notes: ["\(one) may set: name, " + fields.joined(separator: ", ")])
                }
            }
            return entry
        }
    }

    /// Whether `value` is a mapping, not empty, whose every value is a
    /// mapping: entries written by name (`{a: {…}, b: {…}}`) where a list
    /// of them was wanted.
    private static func isMappingOfMappings(_ value: SpecValue) -> Bool {
        guard case .mapping(let mapping) = value, !mapping.isEmpty else { return false }
        return mapping.allSatisfy { pair in
            if case .mapping = pair.value { return true }
            return false
        }
    }

    /// The name a key of a mapping writes, or nil after an error at it when
    /// it is not a plain name (a list or a mapping used as a key); `owner`
    /// says whose key it is ("a variant", "'plot'").
    func plainKey(_ key: SpecValue, of owner: String) -> String? {
        guard case .scalar(let scalar) = key else {
            fail(at: key, "the keys of \(owner) must be plain names, found \(Self.describe(key))")
            return nil
        }
        return scalar.string
    }

    /// Whether `text` can be a key of a value's path (`variants.bn`,
    /// `variants.32`): a name of letters, digits and '_' not starting with a
    /// digit, or a whole number.
    public static func isName(_ text: String) -> Bool {
        guard let first = text.first else { return false }
        if text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) { return text.count <= 15 }
        return (first.isLetter || first == "_") && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
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
            guard let name = plainKey(pair.key, of: "'\(key)'") else { return nil }
            guard fields.contains(name) else {
                fail(at: pair.key, "unknown field '\(name)' in '\(key)'" + Suggestion.didYouMean(name, in: fields),
                     notes: ["\(key) takes: " + fields.joined(separator: ", ")])
                return nil
            }
            return (name, pair.value)
        }
    }
}
