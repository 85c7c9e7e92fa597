/// A `[@id]` in the prose: a reference to a figure (`[@fig:loss]`), a table
/// (`[@tbl:sizes]`), an experiment block (`[@sm]`, its `id`) or a section
/// (`[@sec:why-it-is-fast]`, the heading's anchor), rendered as "Figure 2"
/// (or "Table 1", "Experiment 3", "§ Heading") with a link.
public struct CrossReference: Sendable, Equatable {
    public var id: String
    /// The `[`.
    public var location: SourceLocation

    public init(id: String, location: SourceLocation) {
        self.id = id
        self.location = location
    }

    /// The id in `[@id]` at the start of `text`, if one is there.
    public static func id(atStartOf text: Substring) -> (id: String, length: Int)? {
        guard text.hasPrefix("[@") else { return nil }
        var id = ""
        for character in text.dropFirst(2) {
            if character == "]" {
                return id.isEmpty ? nil : (id, id.count + 3)
            }
            guard character.isLetter || character.isNumber || "-_:.".contains(character), id.count < 200 else { return nil }
            id.append(character)
        }
        return nil
    }

    /// Every `[@id]` in the prose of `document` (a parse of `source`), with
    /// its place: paragraphs, headings and table rows only, so nothing in a
    /// code block (fenced or indented), an HTML block or a code span counts;
    /// front-matter lines are already blank.
    /// Also returns the `[@…]` and trailing `{#…}` whose id is not one
    /// (``MalformedId``), and the trailing `{#…}` whose id is one (``IdAttribute``).
    static func scan(_ source: SourceText, document: MarkdownNode, path: String)
        -> (references: [CrossReference], malformed: [MalformedId], attributes: [IdAttribute]) {
        var found: [CrossReference] = []
        var malformed: [MalformedId] = []
        var attributes: [IdAttribute] = []
        for region in document.proseRegions() {
            let lines = region.lines.filter { $0 <= source.lineCount }
            guard lines.contains(where: { source.line($0).contains(UInt8(ascii: "@")) || source.line($0).contains(UInt8(ascii: "{")) }) else { continue }
            // The region as one run of characters (code spans may cross line
            // breaks), each with its line and column.
            var characters: [Character] = []
            var places: [(line: Int, column: Int)] = []
            for line in lines {
                if !characters.isEmpty {
                    characters.append("\n")
                    places.append((line, 0))
                }
                var column = 1
                for character in String(decoding: source.line(line), as: UTF8.self) {
                    characters.append(character)
                    places.append((line, column))
                    column += character.unicodeScalars.count
                }
            }
            LoadWork.count(characters.count)
            let code = codeSpans(characters)
            var span = 0
            var index = 0
            while index < characters.count {
                while span < code.count, code[span].upperBound <= index { span += 1 }
                if span < code.count, code[span].contains(index) {
                    index = code[span].upperBound
                    continue
                }
                if characters[index] == "[", index + 1 < characters.count, characters[index + 1] == "@",
                   let (id, length) = CrossReference.id(atStartOf: Substring(String(characters[index..<min(index + 204, characters.count)]))) {
                    found.append(CrossReference(id: id, location: SourceLocation(path: path, line: places[index].line, column: places[index].column)))
                    index += length
                    continue
                }
                if characters[index] == "{", index + 1 < characters.count, characters[index + 1] == "#",
                   let (id, length) = MalformedId.trailingAttribute(in: characters, at: index) {
                    let heading = Self.isHeading(source.line(places[index].line))
                    if MalformedId.problem(id, heading: heading) == nil {
                        let line = String(decoding: source.line(places[index].line), as: UTF8.self).drop { $0 == " " }
                        attributes.append(IdAttribute(id: id, isHeading: heading, isTableCaption: line.hasPrefix("Table:") || line.hasPrefix(": "),
                                                      location: SourceLocation(path: path, line: places[index].line, column: places[index].column)))
                        index += length
                        continue
                    }
                }
                if index + 1 < characters.count, characters[index + 1] == (characters[index] == "[" ? "@" : "#"),
                   let bad = characters[index] == "["
                       ? MalformedId.reference(in: characters, at: index)
                       : characters[index] == "{"
                       ? MalformedId.attribute(in: characters, at: index, heading: Self.isHeading(source.line(places[index].line)))
                       : nil {
                    malformed.append(MalformedId(text: bad.text, form: characters[index] == "[" ? .reference : .attribute, reason: bad.reason,
                                                 location: SourceLocation(path: path, line: places[index].line, column: places[index].column)))
                    index += bad.length
                    continue
                }
                index += 1
            }
        }
        return (found, malformed, attributes)
    }

    /// Whether a line is an ATX heading (`## Title`), whose `{#id}` follows pandoc's stricter rule.
    private static func isHeading<Line: Collection<UInt8>>(_ line: Line) -> Bool {
        let rest = line.drop { $0 == UInt8(ascii: " ") }
        return rest.first == UInt8(ascii: "#")
    }

    /// The code spans of `text`, in order, as CommonMark finds them: a run of
    /// backticks (not after a backslash) up to the next run of the same
    /// length; a run with no such partner is literal. Linear: the next run of
    /// each length is looked up, never searched for.
    static func codeSpans(_ text: [Character]) -> [Range<Int>] {
        var runs: [(start: Int, length: Int)] = []
        var index = 0
        while index < text.count {
            if text[index] == "\\" {
                index += 2
                continue
            }
            guard text[index] == "`" else {
                index += 1
                continue
            }
            var end = index
            while end < text.count, text[end] == "`" { end += 1 }
            runs.append((index, end - index))
            index = end
        }
        var byLength: [Int: [Int]] = [:]
        for (k, run) in runs.enumerated() { byLength[run.length, default: []].append(k) }
        var next: [Int: Int] = [:]
        var spans: [Range<Int>] = []
        var k = 0
        while k < runs.count {
            let run = runs[k]
            let same = byLength[run.length]!
            var position = next[run.length, default: 0]
            while position < same.count, same[position] <= k { position += 1 }
            next[run.length] = position
            guard position < same.count else {
                k += 1
                continue
            }
            let closer = runs[same[position]]
            spans.append(run.start..<(closer.start + closer.length))
            k = same[position] + 1
        }
        return spans
    }
}
