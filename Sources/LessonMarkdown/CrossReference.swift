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

    /// Every `[@id]` in `source` outside code (fenced blocks and code spans),
    /// with its place; front-matter lines are already blank.
    static func scan(_ source: SourceText, path: String) -> [CrossReference] {
        var found: [CrossReference] = []
        var fence: (character: UInt8, length: Int)?
        for line in 1...max(source.lineCount, 1) where source.lineCount > 0 {
            let bytes = Array(source.line(line))
            // Fences: three or more ` or ~ after at most three spaces (and any container prefix).
            var i = 0
            while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: ">") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
            var run = 0
            if i < bytes.count, bytes[i] == UInt8(ascii: "`") || bytes[i] == UInt8(ascii: "~") {
                let c = bytes[i]
                while i + run < bytes.count, bytes[i + run] == c { run += 1 }
                if run >= 3 {
                    if let open = fence {
                        if open.character == c, run >= open.length { fence = nil }
                    } else {
                        fence = (c, run)
                    }
                    continue
                }
            }
            if fence != nil { continue }
            guard bytes.contains(UInt8(ascii: "@")) else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            var column = 1
            var index = text.startIndex
            var inCode = 0
            while index < text.endIndex {
                let character = text[index]
                if character == "`" {
                    var ticks = 0
                    var j = index
                    while j < text.endIndex, text[j] == "`" { ticks += 1; j = text.index(after: j) }
                    inCode = inCode == 0 ? ticks : (inCode == ticks ? 0 : inCode)
                    column += ticks
                    index = j
                    continue
                }
                if inCode == 0, character == "[", let (id, length) = CrossReference.id(atStartOf: text[index...]) {
                    found.append(CrossReference(id: id, location: SourceLocation(path: path, line: line, column: column)))
                    column += length
                    index = text.index(index, offsetBy: length)
                    continue
                }
                column += character.unicodeScalars.count
                index = text.index(after: index)
            }
        }
        return found
    }
}
