/// The settings block at the top of a lesson, between two `---` lines:
///
/// ```markdown
/// ---
/// order: 3
/// lang: vi
/// ---
/// # Khởi tạo trọng số
/// ```
///
/// Only flat `key: value` lines (plain or quoted scalars, `#` comments), the
/// subset of YAML a lesson's settings need; anything else is a located error
/// rather than a guess. The loader blanks these lines before cmark sees the
/// file, so they never show as a rule and a heading, and every later line
/// keeps its number.
public struct FrontMatter: Sendable, Equatable {
    /// The keys a lesson may set, and what they do (README: "Front matter").
    public static let knownKeys: [(key: String, meaning: String)] = [
        ("title", "the lesson's title in lists (default: its first `#` heading)"),
        ("order", "its place in the curriculum: lessons sort by it, then by file name"),
        ("lang", "the page's language: `en` (default) or `vi`"),
        ("description", "the summary shown on the index (default: the first paragraph)"),
        ("seed", "mixed into every block's default seed (a whole number, 0 to 2^53 − 1): change it to run the lesson at other seeds"),
        ("translation_of", "the lesson this one translates (its file, e.g. `initialization.md`): the two pages get a language switch, and only the original is in the sequence and the index"),
        ("bibliography", "a BibTeX file (relative to the lesson, e.g. `refs.bib`) whose entries `[@key]` cites: numbered, and listed at the end of the page"),
        ("role", "`reference` for a page that is not a lesson (the kinds reference): listed after the lessons on the index and not counted"),
    ]

    /// One `key: value` line.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: String
        public var keyLocation: SourceLocation
        public var valueLocation: SourceLocation

        public init(key: String, value: String, keyLocation: SourceLocation, valueLocation: SourceLocation) {
            self.key = key
            self.value = value
            self.keyLocation = keyLocation
            self.valueLocation = valueLocation
        }
    }

    /// A front-matter line that is wrong, or a key nobody reads.
    public struct Problem: Sendable, Equatable {
        public var message: String
        public var location: SourceLocation
        public var isError: Bool
    }

    public var entries: [Entry] = []
    public var problems: [Problem] = []

    public init() {}

    public func value(_ key: String) -> String? { entries.last { $0.key == key }?.value }

    public var title: String? { value("title").flatMap { $0.isEmpty ? nil : $0 } }
    public var description: String? { value("description").flatMap { $0.isEmpty ? nil : $0 } }
    /// `lang`, lower-cased (`vi`, `en`, `en-gb`).
    public var lang: String? { value("lang").map { $0.lowercased() }.flatMap { $0.isEmpty ? nil : $0 } }
    /// `translation_of`: the file of the lesson this one translates.
    public var translationOf: String? { value("translation_of").flatMap { $0.isEmpty ? nil : $0 } }
    /// `role: reference`: a page outside the sequence of lessons.
    public var isReference: Bool { value("role")?.lowercased() == "reference" }
    /// `order` as a number (validated when parsed).
    public var order: Double? { value("order").flatMap(Double.init) }
    /// `seed` as a number (validated when parsed).
    public var seed: UInt64? { value("seed").flatMap { UInt64($0) }.flatMap { $0 <= Self.maximumSeed ? $0 : nil } }

    /// The largest seed, as for a block's `seed:` (2^53 − 1: it survives JSON and `Double`).
    static let maximumSeed: UInt64 = (1 << 53) - 1

    /// Finds a front-matter block at the very top of `source`: its parsed
    /// form, and the source with the block's lines emptied.
    static func split(_ source: SourceText, path: String) -> (FrontMatter, SourceText)? {
        func lineText(_ line: Int) -> String {
            String(decoding: source.bytes[source.lineRange(line)], as: UTF8.self)
        }
        guard source.lineCount >= 2, lineText(1).trimmingWhitespace() == "---",
              lineText(1).hasPrefix("---") else { return nil }
        var closing: Int?
        for line in 2...source.lineCount {
            let text = lineText(line)
            if text.hasPrefix("---") || text.hasPrefix("..."), ["---", "..."].contains(text.trimmingWhitespace()) {
                closing = line
                break
            }
        }
        guard let closing else {
            // `---` then `order: 3` and no closing line: meant as settings,
            // but it would be read as a rule and a paragraph, silently.
            let second = lineText(2)
            guard let colon = second.firstIndex(of: ":"),
                  knownKeys.contains(where: { $0.key == String(second[..<colon]).trimmingWhitespace() }) else { return nil }
            var matter = FrontMatter()
            matter.problems.append(Problem(
                message: "the front matter that starts here has no closing `---` line, so it is read as Markdown; "
                    + "add a line `---` after its last `key: value`",
                location: SourceLocation(path: path, line: 1, column: 1), isError: true))
            return (matter, source)
        }

        var matter = FrontMatter()
        var insideIgnoredKey = false
        for line in 2..<closing {
            let text = lineText(line)
            // The value of a key this tool does not read (a site generator's
            // `tags:` list, say) may be any YAML: its indented lines are its own.
            if insideIgnoredKey, let first = text.unicodeScalars.first, first == " " || first == "\t" { continue }
            insideIgnoredKey = matter.parseLine(text, line: line, path: path)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.bytes.count)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: closing))
        bytes.append(contentsOf: source.bytes[source.lineRange(closing).upperBound...].dropFirst())
        return (matter, SourceText(normalizedBytes: bytes))
    }

    /// Reads one line; returns whether it starts a key this tool does not
    /// read (a warning; its value, on this line or indented below, is not
    /// checked).
    @discardableResult
    private mutating func parseLine(_ text: String, line: Int, path: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        func location(_ column: Int) -> SourceLocation { SourceLocation(path: path, line: line, column: column) }
        var i = 0
        while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" { i += 1 }
        guard i < scalars.count, scalars[i] != "#" else { return false }
        if i > 0 {
            problems.append(Problem(message: "front matter takes one `key: value` per line, not indented or nested values", location: location(i + 1), isError: true))
            return false
        }
        guard let colon = scalars.firstIndex(of: ":"), colon > 0 else {
            problems.append(Problem(message: "expected `key: value` in the front matter (keys: \(Self.knownKeys.map(\.key).joined(separator: ", ")))", location: location(1), isError: true))
            return false
        }
        let key = String(String.UnicodeScalarView(scalars[..<colon])).trimmingWhitespace()
        let known = Self.knownKeys.map(\.key)
        if !known.contains(key) {
            let close = known.first { $0.lowercased() == key.lowercased() || Self.isOneEditAway($0, key) }
            problems.append(Problem(
                message: "unknown front-matter key '\(key)'" + (close.map { "; did you mean '\($0)'?" } ?? "")
                    + " (keys: \(known.joined(separator: ", "))); it is ignored",
                location: location(1), isError: false))
            return true
        }
        var start = colon + 1
        while start < scalars.count, scalars[start] == " " || scalars[start] == "\t" { start += 1 }
        var value = String(String.UnicodeScalarView(scalars[start...]))
        // A comment after a plain value; quoted values keep their `#`.
        if let first = value.unicodeScalars.first, first == "\"" || first == "'" {
            let quote = first
            let inner = value.unicodeScalars.dropFirst()
            guard let end = inner.firstIndex(of: quote) else {
                problems.append(Problem(message: "unterminated quoted value for '\(key)': add the closing \(quote)", location: location(start + 1), isError: true))
                return false
            }
            value = String(String.UnicodeScalarView(inner[..<end]))
        } else {
            if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]) }
            value = value.trimmingWhitespace()
            if value.hasPrefix("[") || value.hasPrefix("{") || value.hasPrefix("|") || value.hasPrefix(">") {
                problems.append(Problem(message: "'\(key)' takes a single value here, not a list, mapping or block", location: location(start + 1), isError: true))
                return false
            }
        }
        let entry = Entry(key: key, value: value, keyLocation: location(1), valueLocation: location(start + 1))
        if entries.contains(where: { $0.key == key }) {
            problems.append(Problem(message: "duplicate front-matter key '\(key)'; the last one counts", location: entry.keyLocation, isError: false))
        }
        if key == "order", Double(value) == nil || !(Double(value)!.isFinite) {
            problems.append(Problem(message: "'order' must be a number, like `order: 3`, not '\(value)'", location: entry.valueLocation, isError: true))
        }
        if key == "seed", UInt64(value).map({ $0 > Self.maximumSeed }) ?? true {
            problems.append(Problem(message: "'seed' must be a whole number from 0 to \(Self.maximumSeed), like `seed: 7`, not '\(value)'", location: entry.valueLocation, isError: true))
        }
        if key == "lang", !Interface.known(value) {
            problems.append(Problem(message: "no interface words for lang '\(value)' (known: \(Interface.languages.joined(separator: ", "))); the page says it is '\(value)' but its interface stays English", location: entry.valueLocation, isError: false))
        }
        entries.append(entry)
        return false
    }

    private static func isOneEditAway(_ a: String, _ b: String) -> Bool {
        let a = Array(a), b = Array(b)
        if abs(a.count - b.count) > 1 { return false }
        // Two neighbours swapped ("lnag").
        if a.count == b.count {
            let differ = a.indices.filter { a[$0] != b[$0] }
            if differ.count == 2, differ[1] == differ[0] + 1, a[differ[0]] == b[differ[1]], a[differ[1]] == b[differ[0]] {
                return true
            }
        }
        var i = 0, j = 0, edits = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] { i += 1; j += 1; continue }
            edits += 1
            if edits > 1 { return false }
            if a.count > b.count { i += 1 } else if b.count > a.count { j += 1 } else { i += 1; j += 1 }
        }
        return edits + (a.count - i) + (b.count - j) <= 1
    }
}

/// The languages whose interface words ship (LessonReport has the words).
public enum Interface {
    public static let languages = ["en", "vi"]
    /// `vi`, `vi-VN` and `en-GB` are known; `fr` is not.
    public static func known(_ lang: String) -> Bool {
        let base = lang.lowercased().split(separator: "-").first.map(String.init) ?? ""
        return languages.contains(base)
    }
}
