/// `## Heading {#id}`: a heading named by its author, as pandoc, Quarto and
/// MyST write it, so a link or `[@sec:id]` survives a change of the words.
enum HeadingIdentifier {
    /// Removes a trailing `{#id}` from a heading's inlines and returns the id;
    /// nil (and the inlines untouched) when there is none or it is not a
    /// valid id, which then stays text.
    static func take(from content: inout [InlineNode]) -> String? {
        guard case .text(let text)? = content.last else { return nil }
        var trimmed = Substring(text)
        while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
        guard trimmed.hasSuffix("}"), let open = trimmed.range(of: "{#", options: .backwards) else { return nil }
        let id = String(trimmed[open.upperBound..<trimmed.index(before: trimmed.endIndex)])
        guard isValid(id) else { return nil }
        var rest = trimmed[..<open.lowerBound]
        while let last = rest.last, last == " " || last == "\t" { rest.removeLast() }
        content.removeLast()
        if !rest.isEmpty { content.append(.text(String(rest))) }
        return id
    }

    /// Pandoc's rule: a letter first, then letters, digits, `-`, `_`, `:` and `.`.
    static func isValid(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return id.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_:.".unicodeScalars.contains($0)
        }
    }
}
