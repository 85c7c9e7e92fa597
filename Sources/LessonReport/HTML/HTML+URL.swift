/// Link and image URLs from a lesson: which may be emitted, and how.
///
/// The check runs on the URL as a browser's URL parser reads it, not as it
/// was written: `java&#x09;script:` reaches us (cmark has decoded the entity)
/// as `java<TAB>script:`, which a browser reads as `javascript:`. So leading
/// and trailing C0 controls and spaces are removed, tabs and newlines removed
/// anywhere, and the scheme compared case-folded, before the allow-list.
extension HTML {
    /// The schemes a link may use; anything without a scheme (relative paths,
    /// `#fragment`, `?query`, `//host/path`) is allowed too.
    public static let allowedLinkSchemes: Set<String> = ["http", "https", "mailto"]

    /// Inline images may also be `data:` images of these types (as in cmark's
    /// own safe mode); they never leave the page.
    public static let allowedDataImagePrefixes = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]

    /// `url` as the WHATWG URL parser sees it before reading the scheme:
    /// leading and trailing C0 controls and spaces stripped, ASCII tab and
    /// newlines removed anywhere.
    public static func browserNormalizedURL(_ url: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in trimmedURL(url) where scalar != "\t" && scalar != "\n" && scalar != "\r" {
            out.append(scalar)
        }
        return String(out)
    }

    /// `url` without leading and trailing C0 controls and spaces.
    static func trimmedURL(_ url: String) -> Substring.UnicodeScalarView {
        var scalars = Substring(url).unicodeScalars
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        while let last = scalars.last, last.value <= 0x20 { scalars.removeLast() }
        return scalars
    }

    /// The URL's scheme, lowercased, or nil for a relative URL. A scheme is an
    /// ASCII letter followed by letters, digits, `+`, `-` or `.`, then `:`.
    public static func scheme(of url: String) -> String? {
        let normalized = browserNormalizedURL(url)
        var scheme = ""
        for scalar in normalized.unicodeScalars {
            if scalar == ":" {
                return scheme.isEmpty ? nil : scheme.lowercased()
            }
            let isLetter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            let isOther = ("0"..."9").contains(scalar) || scalar == "+" || scalar == "-" || scalar == "."
            guard isLetter || (!scheme.isEmpty && isOther) else { return nil }
            scheme.unicodeScalars.append(scalar)
        }
        return nil
    }

    /// Whether a link target may be emitted: relative, or http, https, mailto.
    public static func isSafeLinkURL(_ url: String) -> Bool {
        guard let scheme = scheme(of: url) else { return true }
        return allowedLinkSchemes.contains(scheme)
    }

    /// Whether an image source may be emitted: a safe link or a `data:` image.
    ///
    /// The `data:` type is matched on the URL as it will be written, without
    /// removing tabs and newlines inside it: `data:i&#x0D;mage/png` is
    /// written `data:i%0Dmage/png`, which no browser reads as an image type,
    /// so it is refused, as cmark-gfm's safe mode refuses it. (Found by the
    /// release-configuration URL fuzzer.)
    public static func isSafeImageURL(_ url: String) -> Bool {
        if isSafeLinkURL(url) { return true }
        let lowered = String(String.UnicodeScalarView(trimmedURL(url))).lowercased()
        return allowedDataImagePrefixes.contains { lowered.hasPrefix($0) }
    }

    /// A URL as cmark-gfm's HTML renderer writes it in `href`/`src`
    /// (`houdini_escape_href`): UTF-8 bytes outside its safe set become `%XX`,
    /// `&` becomes `&amp;` and `'` becomes `&#x27;`; `%` is kept, so existing
    /// escapes stay as written. The result is safe inside a double-quoted
    /// attribute as it is (`"`, `<` and `>` are percent-encoded).
    public static func href(_ url: String) -> String {
        var out = ""
        out.reserveCapacity(url.utf8.count)
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        for byte in url.utf8 {
            if byte < 128, hrefSafe[Int(byte)] {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else if byte == UInt8(ascii: "&") {
                out += "&amp;"
            } else if byte == UInt8(ascii: "'") {
                out += "&#x27;"
            } else {
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }

    /// houdini's `HREF_SAFE`: ASCII letters, digits and `-_.+!*(),%#@?=;:/$~`.
    private static let hrefSafe: [Bool] = (0..<128).map { code in
        let scalar = Unicode.Scalar(UInt8(code))
        if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) {
            return true
        }
        return "-_.+!*(),%#@?=;:/$~".unicodeScalars.contains(scalar)
    }
}
