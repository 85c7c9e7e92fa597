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
