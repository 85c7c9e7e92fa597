import Foundation
import LessonSupport

/// A value read by its key's declared ``KeyType``.
public enum KeyValue: Sendable, Hashable {
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case text(String)
    case word(String)
    case list([KeyValue])
    /// A mapping, or a value of a key the kind reads with its own rules.
    case other
}

extension SpecReader {
    /// The value of `key` read by its declaration alone: its type, range,
    /// count and default. `nil` when the key is absent and has no default,
    /// or when what was written is wrong (the problem is recorded, at the
    /// value, in the words of the other accessors).
    public func read(_ key: String) -> KeyValue? {
        guard let descriptor = descriptor(key) else {
            noteRead(key)
            return nil
        }
        guard let written = value(key) else { return nil }
        return read(written, as: descriptor.valueType, key: key, range: descriptor.range)
    }

    /// `written` read as `type`; problems go to the reader.
    public func read(_ written: SpecValue, as type: KeyType, key: String, range: NumericRange?) -> KeyValue? {
        switch type {
        case .integer: return integer(written, key: key, range: range).map(KeyValue.integer)
        case .number: return number(written, key: key, range: range).map(KeyValue.number)
        case .boolean: return boolean(written, key: key).map(KeyValue.boolean)
        case .text, .path:
            guard case .scalar(let s) = written else {
                fail(at: written, "'\(key)' must be text, found \(Self.describe(written))")
                return nil
            }
            return .text(s.string)
        case .word(let words): return choice(written, key: key, options: words).map(KeyValue.word)
        case .integerOrWord(let words):
            if let text = written.scalar?.string, words.contains(text) { return .word(text) }
            return integer(written, key: key, range: range).map(KeyValue.integer)
        case .list(let itemType, let count):
            let items = written.items
            checkCount(items.count, key: key, node: written, count: count)
            return .list(items.compactMap { read($0, as: itemType, key: key, range: range) })
        case .mapping, .custom: return .other
        }
    }

    /// One of the words `key` declares (``KeyType/word(_:)``).
    public func choice(_ key: String) -> String {
        choice(key, declaredWords(key))
    }

    /// `written` as one of `options`, or `nil` after recording why not.
    public func choice(_ written: SpecValue, key: String, options: [String]) -> String? {
        guard case .scalar(let s) = written, options.contains(s.string) else {
            let hint = (written.scalar?.string).map { Suggestion.didYouMean($0, in: options) } ?? ""
            fail(at: written, "'\(key)' must be one of \(options.map { "'\($0)'" }.joined(separator: ", ")), found \(Self.describe(written))\(hint)")
            return nil
        }
        return s.string
    }

    /// `written` as `true` or `false` (`yes`, `no`), or `nil` after recording why not.
    public func boolean(_ written: SpecValue, key: String) -> Bool? {
        guard case .scalar(let s) = written, s.style == .plain,
              let value = ["true": true, "false": false, "yes": true, "no": false][s.string.lowercased()] else {
            fail(at: written, "'\(key)' must be true or false, found \(Self.describe(written))")
            return nil
        }
        return value
    }

    /// A list of words from the set `key` declares (``KeyType/list(_:count:)``
    /// of ``KeyType/word(_:)``), each at most once, in the set's order; a
    /// word written bare is a list of one. `what` names an item in messages
    /// ("group"). Absent: the declared default.
    public func words(_ key: String, what: String) -> [String] {
        let allowed = declaredWords(key)
        guard let written = value(key) else { return [] }
        var chosen = Set<String>()
        let items = written.items
        for item in items {
            guard let text = item.scalar?.string, !text.isEmpty else {
                fail(at: item, "each item of '\(key)' must be a \(what) name, found \(Self.describe(item))")
                continue
            }
            if allowed.contains(text) {
                chosen.insert(text)
            } else {
                fail(at: item, "unknown \(what) '\(text)' in '\(key)'" + Suggestion.didYouMean(text, in: allowed),
                     notes: ["\(what)s: " + allowed.joined(separator: ", ")])
            }
        }
        if items.isEmpty {
            fail(key, "'\(key)' must name at least one \(what): \(allowed.joined(separator: ", "))")
        }
        return allowed.filter(chosen.contains)
    }

    /// The items of a key that takes one setting written as text or a list
    /// of them (`init: [he_normal, normal 2]`), each checked by `problem`
    /// (which returns the message for a bad one) and listed once, with where
    /// each was written. Never empty: when nothing usable was written, one
    /// empty item stands at the key, so that a caller can still point there.
    public func settingList(_ key: String, count: ClosedRange<Int>, problem: (String) -> String?)
        -> [(text: String, written: SpecValue)] {
        guard let written = value(key) else { return [] }
        let items = written.items
        if !count.contains(items.count) {
            fail(at: written, "'\(key)' must list \(count.lowerBound)…\(count.upperBound) settings, found \(items.count)")
        }
        var out: [(text: String, written: SpecValue)] = []
        for item in items {
            guard case .scalar(let scalar) = item else {
                fail(at: item, "each item of '\(key)' must be text, found \(Self.describe(item))")
                continue
            }
            let text = scalar.string.trimmingCharacters(in: .whitespaces)
            if let message = problem(text) {
                fail(at: item, message)
            } else if out.contains(where: { $0.text == text }) {
                fail(at: item, "'\(text)' is listed twice in '\(key)'")
            } else {
                out.append((text, item))
            }
        }
        return out.isEmpty ? [("", written)] : out
    }

    /// The words of a word key, or of a list of words.
    func declaredWords(_ key: String) -> [String] {
        switch descriptor(key)?.valueType {
        case .word(let words)?, .list(.word(let words), _)?, .integerOrWord(let words)?: words
        default: []
        }
    }

    /// The item count a list key declares.
    func declaredCount(_ key: String) -> ClosedRange<Int>? {
        if case .list(_, let count)? = descriptor(key)?.valueType { return count }
        return nil
    }

    /// Reports every written key whose declared ``KeyDescriptor/condition``
    /// does not hold: the key that decides is read as written (or its
    /// default); a value of it that is not one of its words is left to the
    /// kind, which reports it.
    func checkConditions() {
        for descriptor in descriptors {
            guard let condition = descriptor.condition, isWritten(descriptor.name) else { continue }
            let deciding = self.descriptor(condition.key)
            let actual = writtenText(condition.key) ?? (deciding?.defaultIsValue == true ? deciding?.defaultValue : nil)
            guard let actual, declaredWords(condition.key).contains(actual), !condition.values.contains(actual) else { continue }
            // When the deciding key decides about every other key of the kind
            // (`mode:`), the keys its value does read are the way out.
            let own = descriptors.filter { !CommonKeys.names.contains($0.name) && $0.name != condition.key }
            let siblings = own.filter { $0.condition?.values.contains(actual) == true }
            let reads = own.allSatisfy({ $0.condition?.key == condition.key }) && !siblings.isEmpty
                ? ["with \(condition.key): \(actual) the block reads " + siblings.map(\.name).joined(separator: ", ")] : []
            fail(descriptor.name, "'\(descriptor.name)' applies to \(condition.description), not \(actual)",
                 notes: (condition.note.map { [$0] } ?? []) + reads)
        }
    }
}

extension SpecReader {
    /// Reports `values` of `key` that do not increase ("sample counts").
    public func requireIncreasing(_ key: String, _ values: [Int], what: String) {
        if zip(values, values.dropFirst()).contains(where: { $0 >= $1 }) {
            fail(key, "'\(key)' must list \(what) in increasing order, found \(values)")
        }
    }
}
