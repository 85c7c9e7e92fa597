/// A value an author wrote in a block body, with the place it was written.
///
/// Kinds decode these instead of YAML nodes, so that YAML (and the library
/// that parses it) stays inside `SpecReader`: a kind sees text, lists and
/// mappings, each with its mark for a located message. Aliases are already
/// resolved: a value reached through `*a` carries the mark of its anchor,
/// which `SpecReader.fail(at:)` turns back into the place of the key.
public enum SpecValue: Sendable {
    case scalar(Scalar)
    case list(List)
    case mapping(Mapping)

    /// A 1-based line and column inside the block body.
    public struct Mark: Sendable, Hashable {
        public let line: Int
        public let column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    /// Text as written; `style` tells `5` (a number) from `"5"` (text).
    public struct Scalar: Sendable {
        public enum Style: Sendable, Hashable {
            case plain, singleQuoted, doubleQuoted, literal, folded
        }

        public let string: String
        public let style: Style
        public let mark: Mark?

        public init(_ string: String, style: Style = .plain, mark: Mark? = nil) {
            self.string = string
            self.style = style
            self.mark = mark
        }
    }

    /// `[a, b]` or one `- item` per line.
    public struct List: RandomAccessCollection, Sendable {
        public let items: [SpecValue]
        public let mark: Mark?

        public init(_ items: [SpecValue], mark: Mark? = nil) {
            self.items = items
            self.mark = mark
        }

        public var startIndex: Int { items.startIndex }
        public var endIndex: Int { items.endIndex }
        public subscript(position: Int) -> SpecValue { items[position] }
    }

    /// `{key: value}` or one `key: value` per line, in the order written.
    public struct Mapping: RandomAccessCollection, Sendable {
        public let pairs: [(key: SpecValue, value: SpecValue)]
        public let mark: Mark?

        public init(_ pairs: [(key: SpecValue, value: SpecValue)], mark: Mark? = nil) {
            self.pairs = pairs
            self.mark = mark
        }

        public var startIndex: Int { pairs.startIndex }
        public var endIndex: Int { pairs.endIndex }
        public subscript(position: Int) -> (key: SpecValue, value: SpecValue) { pairs[position] }
    }

    /// Where the value was written (its anchor's place when reached through an alias).
    public var mark: Mark? {
        switch self {
        case .scalar(let scalar): return scalar.mark
        case .list(let list): return list.mark
        case .mapping(let mapping): return mapping.mark
        }
    }

    public var scalar: Scalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    /// The items of a list, or the value itself as a list of one: most keys
    /// that take a list accept a single item written bare.
    public var items: [SpecValue] {
        if case .list(let list) = self { return list.items }
        return [self]
    }

    /// "the text 'abc'", "a list", … for messages.
    public var described: String {
        switch self {
        case .scalar(let s):
            if s.string.isEmpty { return "nothing" }
            let shown = s.string.count > 40 ? String(s.string.prefix(40)) + "…" : s.string
            return s.style == .plain ? "'\(shown)'" : "the quoted text \"\(shown)\""
        case .mapping(let mapping): return mapping.isEmpty ? "an empty mapping" : "a mapping"
        case .list(let list): return list.isEmpty ? "an empty list" : "a list"
        }
    }

    /// `described`, with a list's length: for a key that takes a bounded
    /// number of items, where "must be a list of 1…4, found a list" would
    /// leave the author to count 100,000 of them.
    public var describedWithLength: String {
        guard case .list(let list) = self, !list.isEmpty else { return described }
        return list.count == 1 ? "a list of 1 item" : "a list of \(list.count) items"
    }
}
