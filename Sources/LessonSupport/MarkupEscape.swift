/// Escaping of text for HTML and XML, element content or a double- or
/// single-quoted attribute value alike: the one implementation behind the
/// pages (`HTML.escape`) and the JUnit report.
public enum MarkupEscape {
    /// Where the text goes.
    public enum Dialect: Sendable {
        /// An HTML page: `& < > " '` become references, NUL (which HTML
        /// parsers replace anyway) becomes U+FFFD; everything else is kept.
        case html
        /// An XML 1.0 document: as HTML, and line breaks and tabs become
        /// character references (an XML parser turns literal ones in
        /// attribute values into spaces), and characters XML 1.0 cannot carry
        /// at all (other control characters, U+FFFE, U+FFFF) become U+FFFD, so
        /// the document is always well-formed.
        case xml
    }

    /// `text` made safe for `dialect`.
    public static func escape(_ text: String, for dialect: Dialect = .html) -> String {
        // Most text (numbers, words, class names) has nothing to escape: a
        // scan of its UTF-8 bytes returns it as it is. The bytes tested are all
        // ASCII, so no byte of a multi-byte character can match.
        let needsWork = text.utf8.contains { byte in
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0: true
            case ..<0x20: dialect == .xml
            case 0xEF: dialect == .xml  // U+FFFE and U+FFFF begin with 0xEF
            default: false
            }
        }
        guard needsWork else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}": out += "\u{FFFD}"
            default:
                guard dialect == .xml else {
                    out.unicodeScalars.append(scalar)
                    continue
                }
                switch scalar.value {
                case 0x09, 0x0A, 0x0D: out += "&#\(scalar.value);"
                case ..<0x20, 0xFFFE, 0xFFFF: out += "\u{FFFD}"
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
