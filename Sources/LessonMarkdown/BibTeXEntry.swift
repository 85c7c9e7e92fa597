import Foundation

/// One entry of a BibTeX file (`@article{key, author = {…}, …}`), its field
/// values read into plain text: braces gone, `\"o` as `ö`, `--` as `–`.
public struct BibTeXEntry: Sendable, Equatable {
    /// `article`, `inproceedings`, … (lower case).
    public var type: String
    public var key: String
    /// Field names in lower case → plain-text values.
    public var fields: [String: String]
    /// The entry's `@`.
    public var location: SourceLocation

    public init(type: String, key: String, fields: [String: String], location: SourceLocation) {
        self.type = type
        self.key = key
        self.fields = fields
        self.location = location
    }

    public subscript(_ field: String) -> String? {
        fields[field].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The authors (or editors) as written "First Last", in order; `others`
    /// is left out and reported by ``hasMoreAuthors``.
    public var authors: [String] {
        Self.names(self["author"] ?? self["editor"] ?? "").filter { $0.lowercased() != "others" }
    }

    public var hasMoreAuthors: Bool {
        Self.names(self["author"] ?? self["editor"] ?? "").contains { $0.lowercased() == "others" }
    }

    /// The arXiv identifier: `eprint` when `archiveprefix` (or `eprinttype`)
    /// says arXiv, else an `arxiv` field.
    public var arXiv: String? {
        let archive = (self["archiveprefix"] ?? self["eprinttype"])?.lowercased()
        if archive == "arxiv", let eprint = self["eprint"] { return eprint }
        return self["arxiv"]
    }

    /// `Last, First` and `First Last` alike become `First Last`; `Last, Jr,
    /// First` becomes `First Last, Jr`. Names are split on a word `and`
    /// outside braces (the reader keeps spaces inside braces as no-break
    /// spaces in name fields, so `{Barnes and Noble}` stays one name).
    static func names(_ field: String) -> [String] {
        let words = field.split(separator: " ")
        var names: [[Substring]] = [[]]
        for word in words {
            if word == "and" {
                names.append([])
            } else {
                names[names.count - 1].append(word)
            }
        }
        return names.compactMap { words -> String? in
            guard !words.isEmpty else { return nil }
            let parts = words.joined(separator: " ").replacingOccurrences(of: "\u{00A0}", with: " ").split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            switch parts.count {
            case 1: return parts[0]
            case 2: return [parts[1], parts[0]].filter { !$0.isEmpty }.joined(separator: " ")
            default: return [parts[2], parts[0]].filter { !$0.isEmpty }.joined(separator: " ") + ", " + parts[1]
            }
        }
    }
}
