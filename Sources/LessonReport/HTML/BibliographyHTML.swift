import LessonMarkdown
import LessonResults

/// The numbered list of the papers a page cites, after its footnotes:
/// "[1] Sergey Ioffe & Christian Szegedy (2015). Batch normalization: ….
/// *Proceedings of …*, 448–456. arXiv:1502.03167", with DOI and arXiv links.
/// Only punctuation between the fields, so it reads the same in every language.
enum BibliographyHTML {
    /// The id of an entry's list item, which `[@key]` links to.
    static func anchor(_ key: String) -> String {
        "ref-" + HTML.escape(key)
    }

    /// "" when the page cites nothing.
    static func list(_ citations: Citations, words: InterfaceWords) -> String {
        guard !citations.cited.isEmpty else { return "" }
        var out = "<section class=\"bibliography\" role=\"doc-bibliography\" aria-labelledby=\"bibliography\">\n"
        out += "<h2 id=\"bibliography\"\(words.wordsAttribute)>\(HTML.escape(words.references))</h2>\n<ol>\n"
        for entry in citations.cited {
            out += "<li id=\"\(anchor(entry.key))\">" + item(entry) + "</li>\n"
        }
        return out + "</ol>\n</section>\n"
    }

    /// One entry: authors (year). Title. *Venue* volume(number), pages. Links.
    static func item(_ entry: BibTeXEntry) -> String {
        var parts: [String] = []
        var head = names(entry)
        if let year = entry["year"] { head += head.isEmpty ? year : " (\(year))" }
        if !head.isEmpty { parts.append(HTML.escape(head)) }
        if let title = entry["title"] { parts.append(HTML.escape(title)) }
        var venue = ""
        if let container = entry["journal"] ?? entry["booktitle"] ?? entry["publisher"] ?? entry["howpublished"] ?? entry["school"] ?? entry["institution"] {
            venue = "<i>" + HTML.escape(container) + "</i>"
        }
        if let series = entry["series"], entry["journal"] == nil {
            venue += (venue.isEmpty ? "" : ", ") + HTML.escape(series)
        }
        if let volume = entry["volume"] {
            venue += (venue.isEmpty ? "" : " ") + HTML.escape(volume) + (entry["number"].map { "(" + HTML.escape($0) + ")" } ?? "")
        }
        if let pages = entry["pages"] {
            venue += (venue.isEmpty ? "" : ", ") + HTML.escape(pages.replacingOccurrences(of: "-", with: "\u{2013}"))
        }
        if !venue.isEmpty { parts.append(venue) }
        var text = parts.map { $0.hasSuffix(".") || $0.hasSuffix("?") || $0.hasSuffix("!") ? $0 : $0 + "." }.joined(separator: " ")
        var links: [String] = []
        if let doi = entry["doi"] {
            let bare = doi.replacingOccurrences(of: "https://doi.org/", with: "").replacingOccurrences(of: "http://dx.doi.org/", with: "")
            links.append("<a href=\"https://doi.org/\(HTML.escape(bare))\">doi:\(HTML.escape(bare))</a>")
        }
        if let arXiv = entry.arXiv {
            links.append("<a href=\"https://arxiv.org/abs/\(HTML.escape(arXiv))\">arXiv:\(HTML.escape(arXiv))</a>")
        }
        if links.isEmpty, let url = entry["url"], url.hasPrefix("https://") || url.hasPrefix("http://") {
            links.append("<a href=\"\(HTML.escape(url))\">\(HTML.escape(url))</a>")
        }
        if !links.isEmpty { text += " " + links.joined(separator: " · ") }
        return text
    }

    /// "A", "A & B", "A, B & C"; "A, B et al." when the list ends in `others`.
    static func names(_ entry: BibTeXEntry) -> String {
        let authors = entry.authors
        guard let last = authors.last else { return "" }
        if entry.hasMoreAuthors { return authors.joined(separator: ", ") + " et al." }
        return authors.count == 1 ? last : authors.dropLast().joined(separator: ", ") + " & " + last
    }
}
